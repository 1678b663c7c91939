"""Numbers of decisions and certificates under concurrency (PostgreSQL): no repeat, no gap."""
import datetime

import pytest
from django.conf import settings
from django.db import transaction

from households.models import Certificate, DocumentSeries
from households.services import (
    certificates_issue,
    meeting_record,
    posting_set,
    review_create,
    review_submit,
    round_create,
    round_recognise,
)
from households.services.procedure import number_take
from tests.households.test_concurrency import race

pytestmark = [
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="races need PostgreSQL's concurrent connections"),
    pytest.mark.django_db(transaction=True),
]
N = 5
D = datetime.date


def test_simultaneous_numbers_neither_repeat_nor_skip(units):
    commune = units["07339@2025"]

    def take(_i):
        with transaction.atomic():
            return number_take(unit=commune, year=2026, series=DocumentSeries.DECISION)

    outcomes = race(take)
    assert [exc for _r, exc in outcomes if exc is not None] == []
    assert sorted(r for r, _exc in outcomes) == list(range(1, N + 1))


def test_certificates_issued_at_once_for_every_village_are_numbered_one_to_n(units, users, make_household):
    officer, leader = users["xatanyen"], users["xatanyen_ld"]
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    villages = [units[f"07339-{i:02}@2025"] for i in range(1, N + 1)]
    for i, village in enumerate(villages):
        household = make_household(f"HS-{i:03}", village=f"{village.code}@2025")
        review_submit(actor=officer, review=review_create(actor=officer, household=household, round=review_round,
                                                          income_per_capita=1_000_000))
        meeting_record(actor=officer, round=review_round, village=village, held_on=D(2026, 11, 2), chair="Tổ trưởng",
                       present_count=10, votes={household: 9})
    posting_set(actor=officer, round=review_round, starts_on=D(2026, 11, 5), ends_on=D(2026, 11, 20))
    round_recognise(actor=leader, round=review_round, decision_number="", decision_date=D(2026, 11, 25))
    outcomes = race(lambda i: certificates_issue(actor=leader, round=review_round, issued_on=D(2026, 11, 26),
                                                 village=villages[i]))
    assert [exc for _r, exc in outcomes if exc is not None] == []
    assert sorted(Certificate.objects.values_list("number", flat=True)) == list(range(1, N + 1))
