"""Fixtures of the programmes tests: reference data loaded by the same functions as the migrations."""
import pytest

from programmes import reference
from programmes.models import Programme


@pytest.fixture
def programme(db):
    """The 2021–2025 programme; loaded again because live_server/transactional tests flush the DB."""
    reference.load_programmes()
    return Programme.objects.get(code="gnbv-2021-2025")
