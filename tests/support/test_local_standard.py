"""A province's own standard, used where the province says (issue 10 item 5): a support policy whose rule reads
the poor line "of the province" lists by Bắc Ninh's higher standard for its own support policies once it applies;
a rule on the national line, and any province without its own standard, keep the national one."""
import datetime

from django.utils import timezone

from households.models.standards import LocalUse
from households.services import household_create, review_create, review_recognise, review_submit, round_create
from povertyplan.models import Role
from support.models import Policy
from support.selectors import eligible
from tests.conftest import make_officer
from tests.households.test_standards_unconfirmed import local_standard, tan_yen  # noqa: F401 (fixture)

IN_2027 = datetime.date(2027, 6, 1)  # the 2027–2030 standards apply; results read from the current ones


def _policy(code, line):
    return Policy.objects.create(code=code, name=f"Hỗ trợ {code}", agency_kind="committee", beneficiary="household",
                                 measure="household", rule={"income_at_most_poor_line": line})


def _listed(policy, unit, as_of=IN_2027):
    return sorted(h.code for h in eligible(policy, unit, as_of))


def test_the_provinces_line_is_its_own_standard_where_it_set_one(tan_yen, indicators, units):  # noqa: F811
    officer, commune, village = tan_yen["officer"], tan_yen["commune"], tan_yen["village"]
    assert village.area == "rural"  # national 2027–2030 line 2,200,000; Bắc Ninh's own 2,500,000
    leader = make_officer("tanyen_ld", Role.LEADER, commune)
    review_round = round_create(actor=officer, commune=commune, year=2026)
    households = [tan_yen["household"]] + [household_create(actor=officer, village=village, code=code,
                                                            head_name="Trần Văn Ba") for code in ("TY-002", "TY-003")]
    for household, income in zip(households, (2_400_000, 2_100_000, 3_000_000), strict=True):
        review = review_create(actor=officer, household=household, round=review_round, income_per_capita=income,
                               deprivations=indicators(2026, "1"))
        review_submit(actor=officer, review=review)
        review_recognise(actor=leader, review=review, decision_number="9/QĐ-UBND", decision_date=timezone.localdate())
    national, provincial = _policy("quoc-gia", "national"), _policy("rieng-tinh", "province")
    assert _listed(national, commune) == _listed(provincial, commune) == ["TY-002"]  # no own standard yet
    own = local_standard(units["24@2025"], local_use=LocalUse.OWN_SUPPORT)
    own.full_clean()
    own.save()
    assert _listed(provincial, commune) == ["TY-001", "TY-002"]  # at most 2,500,000
    assert _listed(national, commune) == ["TY-002"]  # the national line, whatever the province set
    # a standard for the province's own programmes is not one for its support policies
    own.local_use = LocalUse.OWN_PROGRAMMES
    own.save()
    assert _listed(provincial, commune) == ["TY-002"]
