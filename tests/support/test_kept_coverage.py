"""Kept coverage (support.coverage): after each kind of change the kept rows equal a fresh count, and a
province's coverage reads them in one query."""
import datetime

import pytest
from django.utils import timezone

from households.models import Household, Member
from povertyplan.models import AdministrativeUnit
from support.coverage import VILLAGES, coverage_refresh_all, fresh_counts, rule_key
from support.models import CoverageFigure, Policy
from support.selectors import coverage
from support.services import support_record_create

pytestmark = pytest.mark.django_db


def kept_equals_fresh(units):
    """Every kept row of the district is today's and equals a fresh count; returns the non-zero counts."""
    today = timezone.localdate()
    villages = list(AdministrativeUnit.objects.filter(VILLAGES, path__startswith=units["216"].path)
                    .values_list("pk", flat=True))
    policies = list(Policy.objects.filter(is_active=True))
    fresh = fresh_counts(policies, villages, today)
    kept = {(f.policy_id, f.village_id): (f.eligible, f.supported)
            for f in CoverageFigure.objects.filter(village_id__in=villages)}
    assert {f.as_of for f in CoverageFigure.objects.all()} == {today}
    assert len(kept) == len(policies) * len(villages)
    assert {k: v for k, v in kept.items() if v != (0, 0)} == fresh
    return {(Policy.objects.get(pk=p).code, AdministrativeUnit.objects.get(pk=v).code): n for (p, v), n in fresh.items()}


def give(user, code, name):
    member = Member.objects.select_related("household__village").get(full_name=name)
    return support_record_create(actor=user, policy=Policy.objects.get(code=code), household=member.household,
                                 member=member, given_on=timezone.localdate(), document="DS 1")


def test_kept_counts_follow_support_recognitions_and_members(registry, units, agencies, users, add_member,
                                                             recognised_review):
    coverage_refresh_all()
    before = kept_equals_fresh(units)
    assert before[("bhyt", "07339-01")] == (6, 0)  # H1, H2, H6: two people each

    give(agencies["yte"], "bhyt", "Con H1")                                 # a support record
    assert kept_equals_fresh(units)[("bhyt", "07339-01")] == (6, 1)

    recognised_review(registry["H3"], 2025, 1_800_000, ("1", "4", "7"))     # a recognition: H3 becomes poor
    assert kept_equals_fresh(units)[("bhyt", "07339-01")] == (8, 1)

    add_member(registry["H3"], full_name="Con thứ hai H3", relation="child", birth_year=2025,
               birth_date=datetime.date(2025, 2, 1))                        # a member added
    counts = kept_equals_fresh(units)
    assert counts[("bhyt", "07339-01")] == (9, 1)
    # H3's two children under 5 (born 2023 by year, and 2025) are now in the nutrition list
    assert counts[("dinh-duong-duoi-5", "07339-01")][0] == before[("dinh-duong-duoi-5", "07339-01")][0] + 2


def test_province_coverage_reads_kept_rows_in_one_query(registry, units, agencies, django_assert_num_queries):
    give(agencies["yte"], "bhyt", "Con H1")
    policies = list(Policy.objects.filter(code__in=["bhyt", "thong-tin"]).order_by("code"))
    with django_assert_num_queries(2):  # no kept rows: the kept query, then the fresh count
        fresh = [(p.code, r.eligible, r.supported) for p, r in coverage(policies, units["216"], timezone.localdate())]
    coverage_refresh_all()
    with django_assert_num_queries(1):
        kept = [(p.code, r.eligible, r.supported) for p, r in coverage(policies, units["216"], timezone.localdate())]
    assert kept == fresh == [("bhyt", 8, 1), ("thong-tin", 5, 0)]


def test_kept_rows_of_another_day_or_rule_are_not_used(registry, units, agencies, django_assert_num_queries):
    coverage_refresh_all()
    bhyt = Policy.objects.get(code="bhyt")
    bhyt.rule = {"status": ["poor"]}   # edited: H1, H5 and H6 (H2 is near-poor), two people each
    bhyt.save()
    assert CoverageFigure.objects.filter(policy=bhyt).exclude(rule_key=rule_key(bhyt)).exists()
    [(_p, row)] = coverage([bhyt], units["216"], timezone.localdate())
    assert (row.eligible, row.supported) == (6, 0)
    CoverageFigure.objects.update(as_of=datetime.date(2000, 1, 1))   # yesterday's rows
    thong_tin = Policy.objects.get(code="thong-tin")
    with django_assert_num_queries(2):
        [(_p, row)] = coverage([thong_tin], units["216"], timezone.localdate())
    assert (row.eligible, row.supported) == (5, 0)


def test_a_village_without_kept_rows_makes_the_unit_count_afresh(registry, units, agencies):
    coverage_refresh_all()
    CoverageFigure.objects.filter(village__code="07339-02").delete()
    give(agencies["yte"], "bhyt", "Con H5")   # 07339-02 has no kept rows: left to the nightly count
    assert not CoverageFigure.objects.filter(village__code="07339-02").exists()
    [(_p, row)] = coverage([Policy.objects.get(code="bhyt")], units["216"], timezone.localdate())
    assert (row.eligible, row.supported) == (8, 1)
    assert Household.objects.filter(village__code="07339-02").count() == 1
