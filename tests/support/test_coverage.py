"""Coverage: eligible, supported and not yet supported per policy and unit, on the home panel and the
policy list, and on the household page (support received, eligible but not received)."""
import datetime

import pytest
from django.utils import timezone

from households.models import Household, Member
from support.models import Policy
from support.selectors import coverage
from support.services import support_record_create

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def policy(code):
    return Policy.objects.get(code=code)


def give(user, code, name, day=TODAY):
    member = Member.objects.select_related("household__village").get(full_name=name)
    return support_record_create(actor=user, policy=policy(code), household=member.household, member=member,
                                 given_on=day, document="DS 1")


def test_coverage_per_policy_counts_eligible_and_supported_in_the_period(registry, units, agencies,
                                                                         django_assert_num_queries):
    give(agencies["yte"], "bhyt", "Con H1")
    give(agencies["yte"], "bhyt", "Chủ hộ H5")
    give(agencies["yte"], "bhyt", "Con H6", day=datetime.date(TODAY.year - 1, 6, 1))  # last year's period
    policies = list(Policy.objects.filter(code__in=["bhyt", "thong-tin", "dinh-duong-duoi-5"]).order_by("code"))
    with django_assert_num_queries(2):  # the kept rows (none), then a UNION ALL of one aggregate per policy
        rows = {p.code: (r.eligible, r.supported, r.not_supported, str(r.share))
                for p, r in coverage(policies, units["07339"], TODAY)}
    # today (after the 2024 decisions): 8 people of H1, H2, H5, H6; households H1, H2, H4 (newly escaped), H5, H6
    assert rows == {"bhyt": (8, 2, 6, "25.00"), "thong-tin": (5, 0, 5, "0.00"), "dinh-duong-duoi-5": (2, 0, 2, "0.00")}


def test_the_supervisors_home_panel_rises_with_support(registry, units, users, agencies, client_for,
                                                     django_assert_num_queries):
    client = client_for(users["tanyen"])
    home = client.get("/").content.decode()
    assert 'hx-get="/support/coverage-panel/"' in home  # the home waits for nothing: htmx fetches the table

    def bhyt():
        with django_assert_num_queries(6):  # session, user, officer, policies, kept coverage (none), the coverage
            response = client.get("/support/coverage-panel/")
        return next((r.eligible, r.supported, str(r.share)) for p, r in response.context["rows"] if p.code == "bhyt")

    assert bhyt() == (8, 0, "0.00")
    give(agencies["yte"], "bhyt", "Con H1")
    assert bhyt() == (8, 1, "12.50")


def test_household_page_shows_support_received_and_missing(registry, users, agencies, client_for):
    give(agencies["yte"], "bhyt", "Con H1")
    household = Household.objects.get(code="H1")
    response = client_for(users["caothuong"]).get(f"/households/{household.pk}/")
    panel = next(p for t, p in response.context["panels"] if t == "support/_household_panel.html")
    assert [(r.policy.code, r.member.full_name) for r in panel["records"]] == [("bhyt", "Con H1")]
    missing = {p.code: names for p, names in panel["missing"]}
    # H1 is poor with indicator 7, a head of working age and a child of 4 (not at school): BHYT for the head
    # only, training, nutrition, housing, loans, information
    assert missing == {"bhyt": ["Chủ hộ H1"], "dao-tao-nghe": ["Chủ hộ H1"], "dinh-duong-duoi-5": ["Con H1"],
                       "nha-o-xay-moi": [],
                       "nha-o-sua-chua": [], "tin-dung": [], "thong-tin": []}
    assert "Đủ điều kiện nhưng chưa được hỗ trợ trong kỳ" in response.content.decode()


def test_support_totals_for_progress_reports(registry, units, agencies):
    from support.selectors import support_totals

    give(agencies["yte"], "bhyt", "Con H1", day=datetime.date(2025, 3, 1))
    give(agencies["yte"], "bhyt", "Chủ hộ H1", day=datetime.date(2025, 3, 2))
    give(agencies["yte"], "bhyt", "Con H5", day=datetime.date(2025, 4, 2))   # outside the period
    give(agencies["yte"], "dinh-duong-duoi-5", "Con H6", day=datetime.date(2025, 3, 20))
    totals = support_totals(units["07339"], datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert totals == {
        policy("bhyt").pk: {"records": 2, "households": 1, "people": 2, "quantity": 2, "amount": 0},
        policy("dinh-duong-duoi-5").pk: {"records": 1, "households": 1, "people": 1, "quantity": 1, "amount": 0}}
    nutrition = support_totals(units["07339"], datetime.date(2025, 1, 1), datetime.date(2025, 12, 31),
                               projects=[policy("dinh-duong-duoi-5").project])
    assert list(nutrition) == [policy("dinh-duong-duoi-5").pk]
    assert support_totals(units["07339-02"], datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)) == {}
