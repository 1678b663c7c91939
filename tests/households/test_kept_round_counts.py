"""The counts kept per round (households.models.RoundFigure) equal a fresh count from the reviews after every
kind of change: create, edit, submit, return (by the leader and by a village meeting), recognise, reopen, lock,
import, the generator, a household moved to another village or carried to the successor commune."""
import datetime

import pytest
from django.db.models import Count
from django.urls import reverse

from households import selectors
from households.models import Household, Review, RoundFigure
from households.services import (
    household_update,
    households_carry,
    meeting_record,
    review_create,
    review_recognise,
    review_reopen,
    review_return,
    review_submit,
    review_update,
    round_create,
    round_lock,
    round_recognise,
)
from households.services.imports import households_import
from households.synthetic import Generator, VillageTarget
from households.views import rounds as round_views
from povertyplan.models import AdministrativeUnit
from tests.conftest import before_the_reform
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, upload, workbook

D = datetime.date


def kept_equals_fresh():
    """Every kept row equals the GROUP BY of the reviews (none missing, none extra, no zero row); returns
    {(round year, village code, state, classification, change): n} for the asserts that follow."""
    fresh = {(r, v, state, c, change): n for r, v, state, c, change, n in
             Review.objects.order_by().values_list("round", "household__village", "state", "classification", "change")
             .annotate(n=Count("pk"))}
    kept = {(f.round_id, f.village_id, f.state, f.classification, f.change): f.reviews for f in RoundFigure.objects.all()}
    assert kept == fresh
    years = dict(Review.objects.values_list("round", "round__year").distinct())
    codes = dict(AdministrativeUnit.objects.values_list("pk", "code"))
    return {(years[r], codes[v], state, c, change): n for (r, v, state, c, change), n in kept.items()}


def test_each_step_of_a_review_moves_its_round_counts(household, make_round, indicators, officer, leader):
    review_round = make_round(2025)
    review = review_create(actor=officer, household=household, round=review_round, income_per_capita=5_000_000)
    assert kept_equals_fresh() == {(2025, "07339-01", "draft", "above_average", ""): 1}
    review = review_update(actor=officer, review=review, version=review.version, income_per_capita=1_200_000,
                           deprivations=indicators(2025, "1", "4", "7"))
    assert kept_equals_fresh() == {(2025, "07339-01", "draft", "poor", ""): 1}
    review = review_submit(actor=officer, review=review)
    assert kept_equals_fresh() == {(2025, "07339-01", "submitted", "poor", ""): 1}
    review = review_return(actor=leader, review=review, reason="Thiếu chỉ số nhà ở")
    assert kept_equals_fresh() == {(2025, "07339-01", "returned", "poor", ""): 1}
    review = review_submit(actor=officer, review=review)
    review = review_recognise(actor=leader, review=review, decision_number="15/QĐ-UBND", decision_date=D(2025, 12, 20))
    assert kept_equals_fresh() == {(2025, "07339-01", "recognised", "poor", "newly_poor"): 1}
    review_reopen(actor=leader, review=review, reason="Sai thu nhập")
    assert kept_equals_fresh() == {(2025, "07339-01", "draft", "poor", ""): 1}
    review = review_submit(actor=officer, review=Review.objects.get(pk=review.pk))
    assert round_recognise(actor=leader, round=review_round, decision_number="16/QĐ-UBND",
                           decision_date=D(2025, 12, 21)) == 1
    round_lock(actor=officer, round=review_round)
    assert kept_equals_fresh() == {(2025, "07339-01", "locked", "poor", "newly_poor"): 1}


def test_a_reopening_recounts_the_changes_of_the_households_other_rounds(household, recognised_review, leader):
    """Reopening 2024 makes the 2025 result newly poor (refresh_history rewrites its change): 2025's counts follow."""
    earlier = recognised_review(household, year=2024, income=1_200_000)
    recognised_review(household, year=2025, income=1_200_000)
    assert kept_equals_fresh() == {(2024, "07339-01", "recognised", "poor", "newly_poor"): 1,
                                   (2025, "07339-01", "recognised", "poor", ""): 1}
    review_reopen(actor=leader, review=earlier, reason="Sai thu nhập")
    assert kept_equals_fresh() == {(2024, "07339-01", "draft", "poor", ""): 1,
                                   (2025, "07339-01", "recognised", "poor", "newly_poor"): 1}


def test_a_household_moved_or_carried_moves_its_round_counts(history_household, officer, units):
    household = history_household
    with before_the_reform():  # a move within the town, while it still existed
        household_update(actor=officer, household=household, version=household.version, village=units["07339-02"])
    assert kept_equals_fresh() == {(2024, "07339-02", "recognised", "poor", "newly_poor"): 1}
    households_carry(actor=None, old_commune=units["07339"], new_commune=units["07339@2025"])
    kept = kept_equals_fresh()
    new_village = Household.objects.get(pk=household.pk).village
    assert new_village.parent == units["07339@2025"]
    assert kept == {(2024, new_village.code, "recognised", "poor", "newly_poor"): 1}
    assert RoundFigure.objects.get().village == new_village


@pytest.fixture
def history_household(make_household, recognised_review):
    household = make_household("HS-001")
    recognised_review(household, year=2024, income=1_200_000)
    household.refresh_from_db()
    return household


def test_a_village_meeting_sends_a_review_back_and_its_counts_follow(make_household, users, units):
    officer = users["xatanyen"]  # the town closed on 30/06/2025: its 2026 round is xã Tân Yên's
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    household = make_household("HS-001", village="07339-01@2025")
    review = review_create(actor=officer, household=household, round=review_round, income_per_capita=1_000_000)
    review_submit(actor=officer, review=review)
    meeting_record(actor=officer, round=review_round, village=units["07339-01@2025"], held_on=D(2026, 11, 20),
                   chair="Tổ trưởng", present_count=10, votes={household: 2})
    kept = kept_equals_fresh()
    assert [key[2] for key in kept] == ["returned"]


def test_an_import_and_the_generator_keep_the_round_counts(officer, units, standards):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    assert sum(kept_equals_fresh().values()) == Review.objects.count() > 0
    generator = Generator(seed=7, years=[2023, 2024])
    town = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=False)
    generator.village(VillageTarget(units["07339-03"], 40, poor=4, near_poor=3), generator.rounds_for(town),
                      set(Household.objects.values_list("code", flat=True)))
    kept = kept_equals_fresh()
    assert sum(n for (year, village, *_rest), n in kept.items() if village == "07339-03") == 80


def test_the_round_pages_read_the_kept_counts(client_for, users, household, make_household, make_round,
                                              recognised_review, django_assert_num_queries):
    recognised_review(household, year=2025, income=1_200_000)
    recognised_review(make_household("HS-002", village="07339-02"), year=2025, income=9_000_000)
    review_round = Review.objects.first().round
    # the kept counts are what the pages show: a stale row would show (and a fresh count would not)
    RoundFigure.objects.filter(village__code="07339-02").update(reviews=7)
    client = client_for(users["caothuong"])
    rounds = client.get(reverse("households:round_list")).context["rounds"]
    assert [(r.n_reviews, r.n_recognised) for r in rounds] == [(8, 8)]
    rows, total = selectors.round_progress(review_round)
    by_village = {row["village"].code: (row["reviewed"], row["recognised"], row["poor"]) for row in rows}
    assert by_village["07339-01"] == (1, 1, 1) and by_village["07339-02"] == (7, 7, 0)
    assert (total["reviewed"], total["households"]) == (8, 2)


@pytest.mark.parametrize("households", [1, 12])
def test_the_round_progress_page_runs_a_fixed_number_of_queries(client_for, users, make_household, recognised_review,
                                                                django_assert_num_queries, households):
    for number in range(households):
        recognised_review(make_household(f"HS-{number:03}", village=f"07339-{number % 3 + 1:02}"), year=2025,
                          income=1_200_000)
    review_round = Review.objects.first().round
    client = client_for(users["caothuong"])
    url = reverse("households:round_progress", args=[review_round.pk])
    # session, user, officer, round, the actions' checks, households per village, kept counts, villages, standard
    with django_assert_num_queries(PROGRESS_QUERIES):
        response = client.get(url)
    assert response.context["total"]["recognised"] == households


PROGRESS_QUERIES = 9


def test_the_round_list_runs_a_fixed_number_of_queries(client_for, users, make_round, make_household, monkeypatch,
                                                       recognised_review, django_assert_num_queries):
    monkeypatch.setattr(round_views, "ROUND_PAGE_SIZE", 2)
    for number in range(5):
        recognised_review(make_household(f"HS-{number:03}"), year=2025, income=1_200_000)
    make_round(2024)
    client = client_for(users["caothuong"])
    with django_assert_num_queries(7):  # session, user, officer, count, the page's rounds, their kept counts, unconfirmed standards
        rounds = client.get(reverse("households:round_list")).context["rounds"]
    assert [(r.year, r.n_reviews, r.n_recognised) for r in rounds] == [(2025, 5, 5), (2024, 0, 0)]
