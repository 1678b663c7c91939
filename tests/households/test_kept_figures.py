"""The figures kept per village equal a fresh count from the reviews after every kind of change:
recognise, return, reopen, lock, import, a household added or moved, the generator."""
import datetime

import pytest

from households.models import Household
from households.selectors import (
    cause_counts,
    cause_counts_fresh,
    deprivation_counts,
    deprivation_counts_fresh,
    poverty_counts,
    poverty_counts_fresh,
    review_summary,
    review_summary_fresh,
)
from households.services import (
    household_update,
    member_remove,
    review_create,
    review_recognise,
    review_reopen,
    review_return,
    review_submit,
    round_lock,
)
from households.services.imports import households_import
from households.synthetic import Generator, VillageTarget
from povertyplan.models import AdministrativeUnit
from tests.conftest import before_the_reform
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, upload, workbook

YEARS = range(2022, 2027)


def kept_equals_fresh():
    """Compare on every unit of the demo tree and every year; returns the kept figures of thị trấn Cao Thượng."""
    units = list(AdministrativeUnit.objects.all())
    for year in YEARS:
        assert poverty_counts(units, year) == poverty_counts_fresh(units, year), year
        assert review_summary(units, year) == review_summary_fresh(units, year), year
        assert deprivation_counts(units, year) == deprivation_counts_fresh(units, year), year
        assert cause_counts(units, year) == cause_counts_fresh(units, year), year
    town = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=False)
    return {year: poverty_counts([town], year)[town.pk] for year in YEARS}


def test_kept_figures_follow_each_step_of_a_review(household, make_round, indicators, officer, leader, units):
    assert kept_equals_fresh()[2025] == {"households": 1, "poor": 0, "near_poor": 0}
    review_round = make_round(2025)
    review = review_create(actor=officer, household=household, round=review_round, income_per_capita=1_200_000,
                           deprivations=indicators(2025, "1", "4", "7"))
    review = review_submit(actor=officer, review=review)
    review_return(actor=leader, review=review, reason="Thiếu chỉ số nhà ở")
    assert kept_equals_fresh()[2025]["poor"] == 0
    review = review_submit(actor=officer, review=review)
    review_recognise(actor=leader, review=review, decision_number="15/QĐ-UBND", decision_date=datetime.date(2025, 12, 20))
    assert kept_equals_fresh()[2025] == {"households": 1, "poor": 1, "near_poor": 0}
    review_reopen(actor=leader, review=review, reason="Sai thu nhập")
    assert kept_equals_fresh()[2025]["poor"] == 0
    review = review_submit(actor=officer, review=review)
    review_recognise(actor=leader, review=review, decision_number="16/QĐ-UBND", decision_date=datetime.date(2025, 12, 21))
    round_lock(actor=officer, round=review_round)
    assert kept_equals_fresh()[2025] == {"households": 1, "poor": 1, "near_poor": 0}


def test_a_household_moved_to_another_village_moves_its_figures(household, recognised_review, officer, units):
    recognised_review(household, year=2025, income=1_200_000)
    old, new = units["07339-01"], units["07339-02"]
    with before_the_reform():  # the town's tổ dân phố closed on 30/06/2025
        household_update(actor=officer, household=household, version=Household.objects.get().version, village=new)
    kept_equals_fresh()
    by_village = poverty_counts([old, new], 2025)
    assert by_village == {old.pk: {"households": 0, "poor": 0, "near_poor": 0},
                          new.pk: {"households": 1, "poor": 1, "near_poor": 0}}


def test_kept_figures_after_an_import_and_the_generator(officer, units, standards):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    assert kept_equals_fresh()[2024] == {"households": 3, "poor": 1, "near_poor": 0}
    generator = Generator(seed=7, years=[2023, 2024])
    town = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=False)
    generator.village(VillageTarget(units["07339-03"], 40, poor=4, near_poor=3), generator.rounds_for(town),
                      set(Household.objects.values_list("code", flat=True)))
    figures = kept_equals_fresh()
    assert figures[2024]["households"] == 43
    assert figures[2024]["poor"] == 1 + 4


@pytest.mark.parametrize("households", [1, 30])
def test_poverty_counts_read_a_fixed_number_of_queries(make_household, units, django_assert_num_queries, households):
    for number in range(households):
        make_household(f"HS-{number:03}", village=f"07339-{number % 3 + 1:02}")
    units_list = [units["07339"], units["216"], units["07339-01"]]
    with django_assert_num_queries(1):
        counts = poverty_counts(units_list, 2025)
    assert sorted(c["households"] for c in counts.values()) == sorted([households, households, (households + 2) // 3])


def town_summary(year):
    town = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=False)
    return (review_summary([town], year)[town.pk], deprivation_counts([town], year)[town.pk],
            cause_counts([town], year)[town.pk])


def test_summary_figures_follow_flags_members_transitions_deprivations_and_causes(
        make_household, recognised_review, add_member, officer, leader, units):
    poor = make_household("HS-001", is_ethnic_minority=True)
    near = make_household("HS-002", village="07339-02", no_working_capacity=True)
    recognised_review(poor, year=2024, income=1_200_000, codes=("1", "4", "7"))  # poor 2024: newly poor
    recognised_review(poor, year=2025, income=5_000_000, codes=())              # 2025: escaped poverty
    recognised_review(near, year=2025, income=1_200_000, codes=("4",))           # near-poor 2025
    add_member(poor, "Lê Văn Một")
    add_member(near, "Lê Thị Hai")
    second = add_member(near, "Lê Văn Ba", relation="child", birth_year=2001)
    kept_equals_fresh()
    summary, deprivations, causes = town_summary(2024)
    assert (summary["poor"], summary["newly_poor"], summary["poor_is_ethnic_minority"], summary["poor_members"]) == (1, 1, 1, 1)
    assert deprivations == {code: {"poor": 1, "near_poor": 0} for code in ("1", "4", "7")}
    assert causes == {}
    summary, deprivations, _causes = town_summary(2025)
    assert (summary["poor"], summary["near_poor"], summary["escaped_poverty"]) == (0, 1, 1)
    assert (summary["near_poor_no_working_capacity"], summary["near_poor_members"]) == (1, 2)
    assert deprivations == {"4": {"poor": 0, "near_poor": 1}}

    member_remove(actor=officer, member=second, reason="Chuyển đi")
    assert kept_equals_fresh() and town_summary(2025)[0]["near_poor_members"] == 1
    household_update(actor=officer, household=near, version=Household.objects.get(pk=near.pk).version,
                     no_working_capacity=False, is_meritorious=True)
    kept_equals_fresh()
    summary = town_summary(2025)[0]
    assert (summary["near_poor_no_working_capacity"], summary["near_poor_is_meritorious"]) == (0, 1)


def test_causes_are_kept_per_year(make_household, make_round, indicators, officer, leader):
    household = make_household("HS-001")
    review = review_create(actor=officer, household=household, round=make_round(2025), income_per_capita=1_200_000,
                           deprivations=indicators(2025, "1", "4", "7"), causes=["no_land", "illness"])
    review = review_submit(actor=officer, review=review)
    assert town_summary(2025)[2] == {}
    review = review_recognise(actor=leader, review=review, decision_number="15/QĐ-UBND",
                              decision_date=datetime.date(2025, 12, 20))
    kept_equals_fresh()
    assert town_summary(2025)[2] == {"no_land": {"poor": 1, "near_poor": 0}, "illness": {"poor": 1, "near_poor": 0}}
    review_reopen(actor=leader, review=review, reason="Sai thu nhập")
    kept_equals_fresh()
    assert town_summary(2025)[2] == {}


def test_generator_summary_figures_equal_fresh(units, standards):
    generator = Generator(seed=11, years=[2023, 2024, 2025])
    town = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=False)
    generator.village(VillageTarget(units["07339-03"], 60, poor=8, near_poor=6), generator.rounds_for(town), set())
    kept_equals_fresh()
    summary, deprivations, causes = town_summary(2025)
    assert summary["poor"] > 0 and deprivations and causes
    assert summary["poor_members"] >= summary["poor"]


@pytest.mark.parametrize("households", [1, 30])
def test_summary_reads_a_fixed_number_of_queries(make_household, recognised_review, units, django_assert_num_queries,
                                                 households):
    for number in range(households):
        recognised_review(make_household(f"HS-{number:03}", village=f"07339-{number % 3 + 1:02}"), year=2025,
                          income=1_200_000)
    units_list = list(AdministrativeUnit.objects.filter(code__in=["07339", "216", "07339-01"]))
    with django_assert_num_queries(3):
        summary = review_summary(units_list, 2025)
        deprivations = deprivation_counts(units_list, 2025)
        cause_counts(units_list, 2025)
    town = units["07339"]
    assert summary[town.pk]["poor"] == households
    assert deprivations[town.pk]["7"] == {"poor": households, "near_poor": 0}
