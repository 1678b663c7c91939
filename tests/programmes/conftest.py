"""Fixtures of the programmes tests: reference data loaded by the same functions as the migrations."""
import pytest

from programmes import reference
from programmes.models import Programme


@pytest.fixture
def programme(db):
    """The 2021–2025 programme; loaded again because live_server/transactional tests flush the DB."""
    reference.load_programmes()
    return Programme.objects.get(code="gnbv-2021-2025")


@pytest.fixture
def agencies(units):
    """The demo agencies by (unit code, name)."""
    from programmes import demo
    from programmes.models import Agency

    demo.load_agencies()
    return {(a.unit.code, a.name): a for a in Agency.objects.select_related("unit")}


@pytest.fixture
def ttyte(agencies):
    """The demo agency officer of Trung tâm Y tế huyện Tân Yên."""
    from programmes import demo

    return demo.load_agency_officer()
