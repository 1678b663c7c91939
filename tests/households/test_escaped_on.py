"""Household.escaped_on, kept for the list's "newly escaped" filter and badge, equals a fresh computation
from the recognised reviews after every kind of change (recognise, return, reopen, lock, a regular round,
import, the generator), and the kept rule picks the same households as the rule over the reviews."""
import datetime

from django.urls import reverse
from django.utils import timezone

from households.models import Household
from households.services import review_create, review_recognise, review_reopen, review_return, review_submit, round_lock
from households.services.history import recognised_order
from households.services.imports import households_import
from households.status import Result, current_escape, history, newly_escaped_now_q, newly_escaped_q
from households.synthetic import Generator, VillageTarget
from povertyplan.models import AdministrativeUnit
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, upload, workbook

D = datetime.date


def kept_equals_fresh():
    """Every household's escaped_on against its history; returns {code: escaped_on} and the newly escaped today."""
    kept = {}
    for household in Household.objects.all():
        entries = history(Result(r.classification, r.decision_date, r.pk)
                          for r in recognised_order(household.reviews.all()))
        assert household.escaped_on == current_escape(entries), household.code
        kept[household.code] = household.escaped_on
    today = timezone.localdate()
    newly = set(Household.objects.filter(newly_escaped_now_q(today)).values_list("code", flat=True))
    assert newly == set(Household.objects.filter(newly_escaped_q(today)).values_list("code", flat=True))
    return kept, newly


def test_current_escape_is_the_escape_that_began_the_current_stretch():
    P, N, A = "poor", "near_poor", "average"

    def escape(*results):
        return current_escape(history(Result(c, D(2020 + i, 12, 20)) for i, c in enumerate(results)))

    assert escape() is None
    assert escape(P) is None
    assert escape(N, A) is None  # escaped near-poverty only
    assert escape(P, N) == D(2021, 12, 20)
    assert escape(P, N, A) == D(2021, 12, 20)  # the stretch began with the escape, not with the last result
    assert escape(P, N, P) is None  # poor again
    assert escape(P, A, P, N) == D(2023, 12, 20)  # the latest escape


def test_kept_escape_follows_each_step_of_a_review(household, make_round, indicators, users, recognised_review):
    officer, leader = users["caothuong"], users["caothuong_ld"]
    recognised_review(household, 2024, 1_200_000, ("1", "4", "7"))
    assert kept_equals_fresh() == ({"HS-001": None}, set())
    review_round = make_round(2025)
    review = review_create(actor=officer, household=household, round=review_round, income_per_capita=2_600_000,
                           deprivations=indicators(2025, "1"))
    review = review_submit(actor=officer, review=review)
    review_return(actor=leader, review=review, reason="Thiếu chứng từ")
    assert kept_equals_fresh() == ({"HS-001": None}, set())
    review = review_submit(actor=officer, review=review)
    review_recognise(actor=leader, review=review, decision_number="15/QĐ-UBND", decision_date=D(2025, 12, 20))
    assert kept_equals_fresh() == ({"HS-001": D(2025, 12, 20)}, {"HS-001"})
    review_reopen(actor=leader, review=review, reason="Sai thu nhập")
    assert kept_equals_fresh() == ({"HS-001": None}, set())
    review = review_submit(actor=officer, review=review)
    review_recognise(actor=leader, review=review, decision_number="16/QĐ-UBND", decision_date=D(2025, 12, 21))
    round_lock(actor=officer, round=review_round)
    assert kept_equals_fresh() == ({"HS-001": D(2025, 12, 21)}, {"HS-001"})


def test_poor_again_in_a_regular_round_ends_the_escape(household, make_round, indicators, users, recognised_review,
                                                       units):
    from households.services import households_carry

    recognised_review(household, 2024, 1_200_000, ("1", "4", "7"))
    recognised_review(household, 2025, 2_600_000, ("1",))
    assert kept_equals_fresh() == ({"HS-001": D(2025, 12, 20)}, {"HS-001"})
    # the town closed on 30/06/2025: the household goes on in xã Tân Yên, whose 2026 regular review finds it poor
    households_carry(actor=None, old_commune=units["07339"], new_commune=units["07339@2025"])
    household.refresh_from_db()
    officer, leader = users["xatanyen"], users["xatanyen_ld"]
    regular = make_round(2026, commune="07339@2025", kind="regular", month=3)
    review = review_create(actor=officer, household=household, round=regular, income_per_capita=1_200_000,
                           deprivations=indicators(2025, "1", "4", "7"))
    review = review_submit(actor=officer, review=review)
    review_recognise(actor=leader, review=review, decision_number="3/QĐ-UBND", decision_date=D(2026, 3, 20))
    assert kept_equals_fresh() == ({"HS-001": None}, set())


def test_kept_escape_after_an_import_and_the_generator(officer, units, standards):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    kept_equals_fresh()
    generator = Generator(seed=7, years=[2023, 2024, 2025])
    town = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=False)
    generator.village(VillageTarget(units["07339-03"], 60, poor=8, near_poor=6), generator.rounds_for(town),
                      set(Household.objects.values_list("code", flat=True)))
    _kept, newly = kept_equals_fresh()
    assert newly, "the generator's trajectories include escapes within the window"


def test_list_filter_reads_the_kept_escape(client_for, users, household, recognised_review):
    recognised_review(household, 2024, 1_200_000, ("1", "4", "7"))
    recognised_review(household, 2025, 2_600_000, ("1",))
    client = client_for(users["caothuong"])

    def listed():
        response = client.get(reverse("households:household_list"), {"status": "newly_escaped"})
        return [h.code for h in response.context["page"].object_list]

    assert listed() == ["HS-001"]
    Household.objects.update(escaped_on=D(2020, 1, 1))  # a kept value out of the window: the list follows it
    assert listed() == []
