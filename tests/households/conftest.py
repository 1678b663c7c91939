"""Fixtures of the household tests: standards (reloaded after flushes), households and rounds."""
import pytest

from households.standards import load_standards
from povertyplan.models import Tier


@pytest.fixture
def standards(db):
    """The poverty standards of the fixture; live_server tests flush the data migration's rows."""
    load_standards()


def commune_users(users, unit):
    """(officer, leader) of the commune of `unit`: thị trấn Cao Thượng or xã Cao Xá (closed 30/06/2025), or
    today's xã Tân Yên ("07339@2025", whose tổ dân phố and thôn are "<code>@2025")."""
    commune = unit if unit.tier == Tier.COMMUNE else unit.parent
    if commune.valid_to is None:
        return users["xatanyen"], users["xatanyen_ld"]
    return (users["caothuong"], users["caothuong_ld"]) if commune.code == "07339" else (users["caoxa"],
                                                                                      users["caoxa_ld"])


@pytest.fixture
def officer(users):
    """caothuong: the commune officer of thị trấn Cao Thượng."""
    return users["caothuong"]


@pytest.fixture
def leader(users):
    """caothuong_ld: the vice-chairman of thị trấn Cao Thượng, who recognises what caothuong submits."""
    return users["caothuong_ld"]


@pytest.fixture
def make_household(units, users, standards):
    """make_household(code, village="07339-01", actor=caothuong or caoxa by commune, **fields)."""
    from tests.conftest import create_household

    def make(code="HS-001", village="07339-01", actor=None, **fields):
        unit = units[village]
        actor = actor or commune_users(users, unit)[0]
        fields.setdefault("head_name", "Nguyễn Văn An")
        return create_household(actor=actor, village=unit, code=code, **fields)

    return make


@pytest.fixture
def household(make_household):
    """A household of tổ dân phố Hoà Sơn (urban) in thị trấn Cao Thượng."""
    return make_household("HS-001", address="Số 5, tổ dân phố Hoà Sơn")


@pytest.fixture
def outsider_household(make_household):
    """A household of xã Cao Xá (rural), outside caothuong's scope."""
    return make_household("CX-001", village="07336-01", head_name="Trần Thị Bích")


@pytest.fixture
def make_round(units, users):
    from households.services import round_create

    def make(year=2025, commune="07339", kind="periodic", month=None):
        actor = commune_users(users, units[commune])[0]
        return round_create(actor=actor, commune=units[commune], year=year, kind=kind, month=month)

    return make


@pytest.fixture
def indicators(standards):
    """indicators(year_of_round, *codes) → the indicators of the standard applying to that periodic round."""
    import datetime

    from households.models import PovertyStandard

    def pick(year, *codes):
        standard = PovertyStandard.objects.in_force(datetime.date(year + 1, 1, 1)).get()
        return list(standard.indicators.filter(code__in=codes))

    return pick


@pytest.fixture
def add_member(users):
    from households.services import member_create

    def add(household, full_name="Nguyễn Văn An", relation="head", id_number="", birth_year=1970, sex="male", **extra):
        actor = commune_users(users, household.commune)[0]
        return member_create(actor=actor, household=household, full_name=full_name, relation=relation, sex=sex,
                             id_number=id_number, birth_year=birth_year, **extra)

    return add


@pytest.fixture
def recognised_review(make_round, indicators, users):
    """recognised_review(household, year, income, codes) → a review submitted by the commune officer and
    recognised on 20/12 of that year by the commune's leader."""
    import datetime

    from households.services import review_create, review_recognise, review_submit

    def make(household, year=2025, income=1_800_000, codes=("1", "4", "7"), review_round=None):
        actor, leader = commune_users(users, household.commune)
        commune = household.commune.code if household.commune.valid_to else f"{household.commune.code}@2025"
        from households.models import ReviewRound

        review_round = review_round or ReviewRound.objects.filter(commune=household.commune, year=year).first() \
            or make_round(year, commune=commune)
        review = review_create(actor=actor, household=household, round=review_round, income_per_capita=income,
                               deprivations=indicators(year, *codes))
        review_submit(actor=actor, review=review)
        return review_recognise(actor=leader, review=review, decision_number=f"{year}/QĐ-UBND",
                                decision_date=datetime.date(year, 12, 20))

    return make
