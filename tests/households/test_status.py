"""Status history derived from recognised reviews: the pure function, and the stored fields it drives."""
import datetime

import pytest

from households.models import Review
from households.services import review_create, review_recognise, review_reopen, review_submit
from households.status import Result, add_months, history, status_on

P, N, A, X = "poor", "near_poor", "average", "above_average"


def results(*pairs):
    return [Result(cls, datetime.date(year, 12, 20), key=year) for year, cls in pairs]


def changes(*pairs):
    return [(e.key, e.classification, e.change) for e in history(results(*pairs))]


def test_first_recognition_as_poor_is_newly_poor_others_have_no_change():
    assert changes((2022, P)) == [(2022, P, "newly_poor")]
    assert changes((2022, N)) == [(2022, N, "")]
    assert changes((2022, A)) == [(2022, A, "")]
    assert history([]) == []


def test_a_long_history_with_every_transition():
    assert changes((2021, N), (2022, P), (2023, P), (2024, N), (2025, A), (2026, P), (2027, X), (2028, X)) == [
        (2021, N, ""),
        (2022, P, "newly_poor"),        # near-poor → poor, never poor before: phát sinh
        (2023, P, ""),                  # still poor
        (2024, N, "escaped_poverty"),   # poor → near-poor: thoát nghèo (not thoát cận nghèo)
        (2025, A, "escaped_near_poverty"),
        (2026, P, "re_poor"),           # poor again after escaping: tái nghèo
        (2027, X, "escaped_poverty"),   # poor → above average is one change: thoát nghèo
        (2028, X, ""),
    ]


def test_near_poor_to_average_and_back():
    assert changes((2022, N), (2023, X), (2024, N), (2025, N)) == [
        (2022, N, ""), (2023, X, "escaped_near_poverty"), (2024, N, ""), (2025, N, "")]


def test_poor_after_average_without_earlier_poverty_is_newly_poor():
    assert changes((2022, A), (2023, P)) == [(2022, A, ""), (2023, P, "newly_poor")]


def test_newly_escaped_lasts_the_window_from_the_recognised_escape(settings):
    settings.NEWLY_ESCAPED_WINDOW_MONTHS = 36
    entries = history([Result(P, datetime.date(2022, 12, 20)), Result(N, datetime.date(2023, 1, 10))])
    assert status_on(entries, datetime.date(2023, 1, 9)).statuses == ["poor", "newly_poor"]  # escape not decided yet
    status = status_on(entries, datetime.date(2023, 1, 10))
    assert status.statuses == ["near_poor", "escaped_poverty", "newly_escaped"]
    assert status.labels() == ["Hộ cận nghèo", "Hộ thoát nghèo", "Hộ mới thoát nghèo"]
    assert status_on(entries, datetime.date(2026, 1, 9)).newly_escaped is True
    assert status_on(entries, datetime.date(2026, 1, 10)).newly_escaped is False   # 36 months on
    settings.NEWLY_ESCAPED_WINDOW_MONTHS = 12
    assert status_on(entries, datetime.date(2024, 1, 9)).newly_escaped is True
    assert status_on(entries, datetime.date(2024, 1, 10)).newly_escaped is False


def test_newly_escaped_ends_when_the_household_is_poor_again_and_restarts_at_the_next_escape(settings):
    settings.NEWLY_ESCAPED_WINDOW_MONTHS = 36
    entries = history(results((2020, P), (2021, A), (2022, P), (2023, N)))
    assert status_on(entries, datetime.date(2022, 12, 31)).statuses == ["poor", "re_poor"]
    later = status_on(entries, datetime.date(2024, 6, 1))
    assert later.statuses == ["near_poor", "escaped_poverty", "newly_escaped"]
    assert later.decided_on == datetime.date(2023, 12, 20)
    # escaping near-poverty is not "newly escaped" (that group is about poverty)
    assert status_on(history(results((2022, N), (2023, A))), datetime.date(2024, 1, 1)).statuses == [
        "average", "escaped_near_poverty"]


def test_escape_stays_newly_escaped_through_later_non_poor_results(settings):
    settings.NEWLY_ESCAPED_WINDOW_MONTHS = 36
    entries = history(results((2022, P), (2023, N), (2024, A)))
    assert status_on(entries, datetime.date(2025, 1, 1)).statuses == ["average", "escaped_near_poverty",
                                                                      "newly_escaped"]


def test_not_recognised_yet():
    assert status_on([], datetime.date(2025, 1, 1)).statuses == ["not_recognised"]


def test_add_months_clamps_the_day():
    assert add_months(datetime.date(2023, 1, 31), 1) == datetime.date(2023, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), -36) == datetime.date(2021, 2, 28)
    assert add_months(datetime.date(2023, 11, 15), 3) == datetime.date(2024, 2, 15)


@pytest.fixture
def recognise(household, make_round, officer, leader, indicators):
    """recognise(year, income, deprivation codes) → a recognised periodic review of that year."""

    def run(year, income, codes, decided=None):
        review = review_create(actor=officer, household=household, round=make_round(year), income_per_capita=income,
                               deprivations=indicators(year, *codes))
        review_submit(actor=officer, review=review)
        return review_recognise(actor=leader, review=review, decision_number=f"{year}/QĐ",
                                decision_date=decided or datetime.date(year, 12, 20))

    return run


def test_services_store_the_changes_and_the_current_review(recognise, household, leader):
    r22 = recognise(2022, 1_500_000, ["1", "2", "3"])       # urban line 2.000.000: poor
    r23 = recognise(2023, 2_500_000, ["1"])                  # average: escaped poverty
    r24 = recognise(2024, 1_900_000, ["1", "5", "9", "12"])  # poor again
    stored = dict(Review.objects.values_list("round__year", "change"))
    assert stored == {2022: "newly_poor", 2023: "escaped_poverty", 2024: "re_poor"}
    household.refresh_from_db()
    assert household.current_review_id == r24.pk
    # reopening the middle result recomputes the later ones: 2024 is now "still poor"
    review_reopen(actor=leader, review=r23, reason="Sai thu nhập")
    stored = dict(Review.objects.values_list("round__year", "change"))
    assert stored == {2022: "newly_poor", 2023: "", 2024: ""}
    household.refresh_from_db()
    assert household.current_review_id == r24.pk
    assert Review.objects.get(pk=r22.pk).change == "newly_poor" and Review.objects.get(pk=r23.pk).state == "draft"
