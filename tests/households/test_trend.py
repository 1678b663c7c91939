"""poverty_trend: every year's poverty_counts from one query over the kept figures, equal to the fresh
count from the reviews (poverty_trend_fresh) after recognitions and a reopening."""
import pytest

from households.selectors import poverty_counts, poverty_trend, poverty_trend_fresh
from households.services import review_reopen
from povertyplan.models import AdministrativeUnit


def _all_units():
    return list(AdministrativeUnit.objects.all())


def test_trend_holds_each_year_by_hand_and_equals_the_fresh_count(make_household, recognised_review, leader, units):
    a = make_household("HS-001", village="07339-01")
    b = make_household("HS-002", village="07339-01")
    c = make_household("HS-003", village="07339-02")
    make_household("HS-004", village="07339-02")
    make_household("CX-001", village="07336-01")
    recognised_review(a, year=2023, income=1_200_000)                      # poor 2023
    recognised_review(b, year=2023, income=1_500_000, codes=("1",))        # near-poor 2023 (< 3 deprivations)
    recognised_review(a, year=2024, income=1_500_000, codes=("1",))        # near-poor 2024
    last = recognised_review(c, year=2024, income=1_200_000)               # poor 2024
    town, hoa_son, district = units["07339"], units["07339-01"], units["216"]
    trend = poverty_trend([town, hoa_son, district])
    assert trend[town.pk] == {2023: {"households": 4, "poor": 1, "near_poor": 1},
                              2024: {"households": 4, "poor": 1, "near_poor": 1}}
    assert trend[hoa_son.pk] == {2023: {"households": 2, "poor": 1, "near_poor": 1},
                                 2024: {"households": 2, "poor": 0, "near_poor": 1}}
    assert trend[district.pk][2024] == {"households": 5, "poor": 1, "near_poor": 1}
    assert list(trend[town.pk]) == [2023, 2024]  # oldest first
    everything = _all_units()
    assert poverty_trend(everything) == poverty_trend_fresh(everything)
    for year in (2023, 2024):
        assert {pk: years[year] for pk, years in poverty_trend(everything).items()} == poverty_counts(everything, year)

    review_reopen(actor=leader, review=last, reason="Sai thu nhập")
    assert poverty_trend([town])[town.pk][2024] == {"households": 4, "poor": 0, "near_poor": 1}
    assert poverty_trend(everything) == poverty_trend_fresh(everything)


def test_trend_of_no_units_and_of_units_without_results(units):
    assert poverty_trend([]) == {}
    town = units["07339"]
    assert poverty_trend([town]) == {town.pk: {}}
    assert poverty_trend_fresh([town]) == {town.pk: {}}


@pytest.mark.parametrize("size", [1, 12])
def test_trend_reads_one_query_whatever_the_households_units_and_years(make_household, recognised_review, units,
                                                                        django_assert_num_queries, size):
    households = [make_household(f"HS-{number:03}", village=f"07339-{number % 6 + 1:02}") for number in range(size)]
    for year in range(2022, 2022 + (size // 4 or 1)):  # a later year recognised closes the earlier rounds
        for household in households:
            recognised_review(household, year=year, income=1_200_000)
    chosen = list(AdministrativeUnit.objects.filter(code__startswith="07339")[: size + 1])
    with django_assert_num_queries(1):
        trend = poverty_trend(chosen)
    assert sum(sum(c["poor"] for c in years.values()) for pk, years in trend.items() if pk == units["07339"].pk) \
        == size * (size // 4 or 1)
