"""The figures kept per village equal a fresh count from the reviews after every kind of change:
recognise, return, reopen, lock, import, a household added or moved, the generator."""
import datetime

import pytest

from households.models import Household
from households.selectors import poverty_counts, poverty_counts_fresh
from households.services import (
    household_update,
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
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, upload, workbook

YEARS = range(2022, 2027)


def kept_equals_fresh():
    """Compare on every unit of the demo tree and every year; returns the kept figures of thị trấn Cao Thượng."""
    units = list(AdministrativeUnit.objects.all())
    for year in YEARS:
        assert poverty_counts(units, year) == poverty_counts_fresh(units, year), year
    town = AdministrativeUnit.objects.get(code="07297")
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
    old, new = units["07297-01"], units["07297-02"]
    household_update(actor=officer, household=household, version=Household.objects.get().version, village=new)
    kept_equals_fresh()
    by_village = poverty_counts([old, new], 2025)
    assert by_village == {old.pk: {"households": 0, "poor": 0, "near_poor": 0},
                          new.pk: {"households": 1, "poor": 1, "near_poor": 0}}


def test_kept_figures_after_an_import_and_the_generator(officer, units, standards):
    households_import(actor=officer, commune=units["07297"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    assert kept_equals_fresh()[2024] == {"households": 3, "poor": 1, "near_poor": 0}
    generator = Generator(seed=7, years=[2023, 2024])
    town = AdministrativeUnit.objects.get(code="07297")
    generator.village(VillageTarget(units["07297-03"], 40, poor=4, near_poor=3), generator.rounds_for(town),
                      set(Household.objects.values_list("code", flat=True)))
    figures = kept_equals_fresh()
    assert figures[2024]["households"] == 43
    assert figures[2024]["poor"] == 1 + 4


@pytest.mark.parametrize("households", [1, 30])
def test_poverty_counts_read_a_fixed_number_of_queries(make_household, units, django_assert_num_queries, households):
    for number in range(households):
        make_household(f"HS-{number:03}", village=f"07297-{number % 3 + 1:02}")
    units_list = list(AdministrativeUnit.objects.filter(code__in=["07297", "216", "07297-01"]))
    with django_assert_num_queries(1):
        counts = poverty_counts(units_list, 2025)
    assert sorted(c["households"] for c in counts.values()) == sorted([households, households, (households + 2) // 3])
