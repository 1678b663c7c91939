import pytest


@pytest.fixture
def seed_plan(units):
    """Seed 003 entered as data by the demo: thị trấn Cao Thượng's plan for 2024, issued, with its annex."""
    from programmes import demo, reference

    reference.load_reference()
    demo.load_agencies()
    return demo.load_seed003_plan()


@pytest.fixture
def district_demo_plan(units):
    from programmes import demo, reference

    reference.load_reference()
    demo.load_agencies()
    return demo.load_district_plan()
