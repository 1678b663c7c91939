import pytest

# The programmes fixtures (district plan, agencies, the agency officer) serve the progress report documents.
from tests.programmes.conftest import agencies, district_plan, make_plan, programme, ttyte  # noqa: F401


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
