"""round_recognise recognises a whole round in one batch: the same result as recognising its reviews one by one
(histories, kept figures, round counts, coverage, audit rows), all or none, and a query count that does not grow
with the number of reviews."""
import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from households.models import (
    Household,
    Review,
    RoundFigure,
    VillageCauseFigure,
    VillageDeprivationFigure,
    VillageFigure,
)
from households.services import review_create, review_recognise, review_submit, round_recognise
from households.synthetic import Generator, VillageTarget
from povertyplan.models import AdministrativeUnit, AuditEvent
from support.coverage import coverage_refresh
from support.models import CoverageFigure

D = datetime.date
DECIDED = D(2025, 12, 20)
# (income per capita, deprivation codes): poor, near poor, out of poverty, poor by deprivations
RESULTS = [(1_000_000, ("1", "4", "7")), (1_800_000, ("1",)), (5_000_000, ()), (2_500_000, ("1", "2", "4", "7"))]


def submitted_round(units, officer, make_round, indicators, villages, per_village, seed=3):
    """Households with two recognised years (2023, 2024, by the generator) in `villages`, and a 2025 round
    in which each has a submitted review whose result cycles through RESULTS."""
    generator = Generator(seed=seed, years=[2023, 2024])
    town = units["07339"]
    rounds = generator.rounds_for(town)
    codes = set(Household.objects.values_list("code", flat=True))
    for village in villages:
        generator.village(VillageTarget(units[village], per_village, poor=per_village // 3,
                                        near_poor=per_village // 3), rounds, codes)
    village_ids = list(AdministrativeUnit.objects.filter(code__in=villages).values_list("pk", flat=True))
    coverage_refresh(village_ids, only_kept=False)  # kept coverage rows exist: recognitions recount them
    review_round = make_round(2025)
    households = Household.objects.filter(village__code__in=villages).select_related("village").order_by("pk")
    for n, household in enumerate(households):
        income, codes = RESULTS[n % len(RESULTS)]
        review = review_create(actor=officer, household=household, round=review_round, income_per_capita=income,
                               deprivations=indicators(2025, *codes))
        review_submit(actor=officer, review=review)
    return review_round


def _rows(queryset, *exclude):
    fields = [f.attname for f in queryset.model._meta.concrete_fields if f.attname not in ("id", *exclude)]
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in queryset.values(*fields))


def outcome():
    """What a recognition leaves: histories, figures, round counts, coverage and the audit rows."""
    return {
        "reviews": _rows(Review.objects.all(), "recognised_at", "updated_at"),
        "households": _rows(Household.objects.all(), "updated_at"),
        "figures": _rows(VillageFigure.objects.all()),
        "deprivations": _rows(VillageDeprivationFigure.objects.all()),
        "causes": _rows(VillageCauseFigure.objects.all()),
        "round counts": _rows(RoundFigure.objects.all()),
        "coverage": _rows(CoverageFigure.objects.all()),
        "audit": _rows(AuditEvent.objects.filter(action="review.recognise"), "created_at", "at", "timestamp"),
    }


@pytest.mark.django_db
def test_one_call_leaves_what_recognising_one_by_one_leaves(units, officer, leader, make_round, indicators):
    review_round = submitted_round(units, officer, make_round, indicators, ["07339-01", "07339-02"], 6)
    reviews = list(review_round.reviews.order_by("pk"))
    assert len(reviews) == 12
    coverage_before = outcome()["coverage"]
    with transaction.atomic():
        for review in reviews:
            review_recognise(actor=leader, review=review, decision_number="130/QĐ-UBND", decision_date=DECIDED)
        one_by_one = outcome()
        transaction.set_rollback(True)
    assert not Review.objects.filter(round=review_round).exclude(state="submitted").exists()
    assert round_recognise(actor=leader, round=review_round, decision_number="130/QĐ-UBND",
                           decision_date=DECIDED) == 12
    batch = outcome()
    for name, rows in one_by_one.items():
        assert batch[name] == rows, name
    # the comparison is not between empty tables: the round moved histories, figures and coverage
    assert len(batch["audit"]) == 12
    assert any('"change": "escaped_poverty"' in row for row in batch["reviews"])
    assert any('"change": "newly_poor"' in row for row in batch["reviews"])
    assert any('"year": 2025' in row for row in batch["figures"])
    assert batch["coverage"] and batch["coverage"] != coverage_before
    assert Household.objects.filter(current_review__round=review_round).count() == 12


@pytest.mark.django_db
@pytest.mark.parametrize("per_village", [3, 9])
def test_the_query_count_does_not_grow_with_the_round(units, officer, leader, make_round, indicators, per_village,
                                                       django_assert_num_queries):
    """6 and 18 reviews in two villages: the same queries (none per review)."""
    review_round = submitted_round(units, officer, make_round, indicators, ["07339-01", "07339-03"], per_village)
    with django_assert_num_queries(QUERIES):
        count = round_recognise(actor=leader, round=review_round, decision_number="130/QĐ-UBND",
                                decision_date=DECIDED)
    assert count == 2 * per_village
    assert AuditEvent.objects.filter(action="review.recognise").count() == 2 * per_village


QUERIES = 35  # the same on SQLite and PostgreSQL (one of them: the villages' provinces, for a province's own poor line)


@pytest.mark.django_db
def test_one_own_submission_stops_the_whole_round(units, officer, users, make_round, indicators):
    """All or none: a leader who submitted one review (as officer, before promotion) recognises none of them."""
    from povertyplan.models import Role

    review_round = submitted_round(units, officer, make_round, indicators, ["07339-01"], 3)
    own = review_round.reviews.order_by("pk").select_related("household").last()
    officer.officer.role = Role.LEADER
    officer.officer.save()
    promoted = type(officer).objects.get(pk=officer.pk)  # drop the cached role
    with pytest.raises(ValidationError) as info:
        round_recognise(actor=promoted, round=review_round, decision_number="130/QĐ-UBND", decision_date=DECIDED)
    codes = ", ".join(review_round.reviews.order_by("pk").values_list("household__code", flat=True))
    assert info.value.messages == [f"Không được công nhận kết quả rà soát do chính mình gửi (hộ {codes})."]
    assert own.household.code in codes
    assert set(review_round.reviews.values_list("state", flat=True)) == {"submitted"}
    assert not AuditEvent.objects.filter(action="review.recognise").exists()


@pytest.mark.django_db
def test_a_leader_of_another_commune_recognises_nothing(units, officer, users, make_round, indicators):
    review_round = submitted_round(units, officer, make_round, indicators, ["07339-01"], 3)
    with pytest.raises(PermissionDenied):
        round_recognise(actor=users["caoxa_ld"], round=review_round, decision_number="130/QĐ-UBND",
                        decision_date=DECIDED)
    assert set(review_round.reviews.values_list("state", flat=True)) == {"submitted"}
    assert not AuditEvent.objects.filter(action="review.recognise").exists()


@pytest.mark.django_db
def test_a_too_long_decision_number_recognises_nothing(units, officer, leader, make_round, indicators):
    review_round = submitted_round(units, officer, make_round, indicators, ["07339-01"], 3)
    with pytest.raises(ValidationError) as info:
        round_recognise(actor=leader, round=review_round, decision_number="1" * 51, decision_date=DECIDED)
    assert "decision_number" in info.value.message_dict
    assert set(review_round.reviews.values_list("state", flat=True)) == {"submitted"}
    assert not AuditEvent.objects.filter(action="review.recognise").exists()
