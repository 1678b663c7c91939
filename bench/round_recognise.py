"""Benchmark of round_recognise: the leader of xã Tân Yên (the demo, 4,258 households) recognises a periodic
round of ~1,000 and of every submitted review (~4,200) by one decision.

Loads the demo once (load_demo), then, in a transaction rolled back after each run (so the runs share the data):
gives every household of xã Tân Yên without one a submitted review in the demo's 2026 round (its 2025 income and
deprivations, classified by classify(); the procedure steps are waived for the bench), leaves submitted only
the first villages' reviews up to BENCH_REVIEWS, and times round_recognise, printing the reviews, seconds,
queries and the queries' own SQL time, and the load average. BENCH_MODE=loop times the former path (the same
checks, then review_recognise per review) for comparison; BENCH_MODE=batch (default) the batch.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pp_round_bench .venv/bin/python bench/round_recognise.py
    DATABASE_URL=sqlite:////tmp/pp_round_bench.sqlite3 BENCH_REVIEWS=1000,4000 .venv/bin/python bench/round_recognise.py
"""
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "povertyplan.settings")
os.environ.setdefault("DEBUG", "true")  # load_demo; no query log is kept (Counter)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from households.classification import classify  # noqa: E402
from households.models import Household, Review, ReviewRound, ReviewState, RoundKind  # noqa: E402
from households.services import review_recognise, round_recognise  # noqa: E402
from households.services.figures import round_figures_refresh  # noqa: E402
from povertyplan.models import AdministrativeUnit  # noqa: E402
from support.coverage import coverage_refresh  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_REVIEWS", "1000,4000").split(",")]
MODE = os.environ.get("BENCH_MODE", "batch")
DECIDED = datetime.date(2026, 11, 25)


class Counter:
    """Counts the queries and their own time (an execute wrapper: no log, whose 9,000 rows the loop outgrows)."""

    def __init__(self):
        self.queries, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.monotonic()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            self.seconds += time.monotonic() - started


class Waived(Exception):
    """Raised to roll a run back."""


def submitted_round(size):
    """The demo's 2026 round of xã Tân Yên with a review for every household, `size` of them submitted
    (whole villages, in code order), the rest drafts."""
    tan_yen = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=True)
    review_round = ReviewRound.objects.get(commune=tan_yen, year=2026, kind=RoundKind.PERIODIC)
    ReviewRound.objects.filter(pk=review_round.pk).update(follows_procedure=False)  # its meetings are not held
    review_round.follows_procedure = False
    officer = get_user_model().objects.get(username="xatanyen")
    taken = set(review_round.reviews.values_list("household_id", flat=True))
    last = {r.household_id: r for r in Review.objects.filter(round__commune=tan_yen, round__year=2025)
            .select_related("household__village", "standard").prefetch_related("deprivations")}
    standard = Review.objects.filter(round=review_round).first().standard
    new = []
    for household_id, review in last.items():
        if household_id in taken:
            continue
        count = len(review.deprivations.all())
        new.append(Review(household_id=household_id, round=review_round, standard=standard,
                          income_per_capita=review.income_per_capita, deprivation_count=count,
                          classification=classify(income_per_capita=review.income_per_capita, deprivation_count=count,
                                                  area=review.household.village.area,
                                                  on_date=review_round.standard_date(), standard=standard)))
    Review.objects.bulk_create(new, batch_size=2000)
    reviews = review_round.reviews.order_by("household__village__code", "household__code")
    ids = list(reviews.values_list("pk", flat=True))
    Review.objects.filter(pk__in=ids[:size]).update(state=ReviewState.SUBMITTED, submitted_by=officer,
                                                   submitted_at=timezone.now())
    Review.objects.filter(pk__in=ids[size:]).update(state=ReviewState.DRAFT)
    villages = set(Household.objects.filter(commune=tan_yen).values_list("village_id", flat=True))
    round_figures_refresh(villages, [review_round.pk])
    coverage_refresh(villages, only_kept=False)  # kept coverage rows exist, as after the nightly count
    return review_round


def loop(*, actor, round, decision_number, decision_date):  # noqa: A002
    """The former round_recognise after its checks: review_recognise per review."""
    reviews = list(round.reviews.filter(state=ReviewState.SUBMITTED).select_related("household__village"))
    for review in reviews:
        review_recognise(actor=actor, review=review, decision_number=decision_number, decision_date=decision_date)
    return len(reviews)


def run(size):
    leader = get_user_model().objects.get(username="xatanyen_ld")
    recognise = loop if MODE == "loop" else round_recognise
    try:
        with transaction.atomic():
            review_round = submitted_round(size)
            submitted = review_round.reviews.filter(state=ReviewState.SUBMITTED).count()
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            counter = Counter()
            with connection.execute_wrapper(counter):
                started = time.monotonic()
                count = recognise(actor=leader, round=review_round, decision_number="130/QĐ-UBND",
                                  decision_date=DECIDED)
                seconds = time.monotonic() - started
            assert count == submitted
            print(f"{connection.vendor:10} {MODE:5} {count:6} reviews  {seconds:8.2f} s  {counter.queries:7} queries  "
                  f"SQL {counter.seconds:7.2f} s  load {load}", flush=True)
            raise Waived
    except Waived:
        pass


def main():
    call_command("migrate", verbosity=0)
    if not Household.objects.filter(commune__code="07339", commune__valid_to__isnull=True).exists():
        call_command("load_demo", verbosity=0)
    for size in SIZES:
        run(size)


if __name__ == "__main__":
    main()
