"""The demo's recognised periodic results after the seed's 2023 (issue 10 item 6): 2024 and 2025.

2024: thị trấn Cao Thượng and xã Cao Xá recognised their 2024 periodic review on 20/12/2024, before the
reform. The town's tổ dân phố end the year with what its 2024 plan expected (seed 003's annex, "Hộ nghèo dự
kiến 2024" and "CN dự kiến 2024": 54 poor, 110 near-poor); Cao Xá's villages keep their 2023 counts.
2025: the periodic review of 2025 ran from 1 September to 14 December 2025, after the 1 July 2025 reform, so
its round and results are xã Tân Yên's, on the tổ dân phố and villages carried to it (results stay with the
units valid at review time; the kept figures put a 2025 result on the new village). Its counts are the 2025
baselines of xã Tân Yên's 2026 plan (programmes.demo_2026: 66 poor, 126 near-poor): every village keeps its
2024 counts, a household or two changing places.

The households keep their registry (no household added or removed): the seed's "Số hộ năm 2024" is a forecast.
Written in bulk like households.synthetic (a year of 4,258 results in a few statements, each with its change),
then the current results and kept figures refreshed once.
"""
import datetime

from households.classification import Classification
from households.models import (
    RECOGNISED_STATES,
    Household,
    PovertyCause,
    Review,
    ReviewCause,
    ReviewRound,
    ReviewState,
    RoundKind,
)
from households.services.figures import figures_refresh
from households.services.history import refresh_current_reviews
from households.status import Result, history
from households.synthetic import Generator

P, N, A = Classification.POOR, Classification.NEAR_POOR, Classification.AVERAGE
DECISIONS = {2024: (datetime.date(2024, 12, 20), "214/QĐ-UBND"), 2025: (datetime.date(2025, 12, 15), "168/QĐ-UBND")}
# How far a household's chance of a class is shuffled: 0 keeps every household's class where counts allow.
CHURN = 1.3


def seed_2024():
    """Tổ dân phố code → (poor, near-poor) expected for 2024 by seed 003's annex, in the table's order."""
    from programmes.demo_seed003 import SEED_003_GROUPS

    return {f"07339-{i:02d}": (group[5], group[7]) for i, group in enumerate(SEED_003_GROUPS, start=1)}


def next_classes(previous, poor, near_poor, rng):
    """This year's classes of households whose classes last year were `previous`: exactly `poor` and
    `near_poor`, taken first from last year's poor (then near-poor), with some noise so that a few change
    places; a household that leaves both lists becomes average, the others keep their class."""
    rank_poor = {P: 0, N: 1}
    order = sorted(range(len(previous)), key=lambda i: rank_poor.get(previous[i], 3) + rng.random() * CHURN)
    classes = list(previous)
    chosen_poor = set(order[:poor])
    rest = [i for i in range(len(previous)) if i not in chosen_poor]
    rank_near = {N: 0, P: 0.5, A: 2}
    rest.sort(key=lambda i: rank_near.get(previous[i], 3) + rng.random() * CHURN)
    chosen_near = set(rest[:near_poor])
    for i in range(len(previous)):
        if i in chosen_poor:
            classes[i] = P
        elif i in chosen_near:
            classes[i] = N
        elif previous[i] in (P, N):
            classes[i] = A
    return classes


def add_year(review_round, targets, *, seed):
    """Recognised results of `review_round` for every household of the villages in `targets` (village →
    (poor, near-poor); None: keep last year's counts). Returns {"households", "poor", "near_poor"}."""
    generator = Generator(seed=seed, years=[review_round.year])
    standard, indicators = generator._standard(review_round)
    decided_on, number = DECISIONS[review_round.year]
    reviews, made = [], {"households": 0, "poor": 0, "near_poor": 0}
    ever_poor = set(Review.objects.filter(household__village__in=list(targets), classification=P,
                                          state__in=RECOGNISED_STATES).values_list("household_id", flat=True))
    for village, counts in targets.items():
        households = list(Household.objects.filter(village=village).select_related("current_review")
                          .order_by("code"))
        previous = [h.current_review.classification for h in households]
        poor, near_poor = counts if counts is not None else (previous.count(P), previous.count(N))
        for household, cls in zip(households, next_classes(previous, poor, near_poor, generator.rng), strict=True):
            income, chosen = generator._income_and_deprivations(cls, village.area, standard, indicators)
            reviews.append((Review(household=household, round=review_round, standard=standard,
                                   income_per_capita=income, deprivation_count=len(chosen), classification=cls,
                                   change=_change(household.current_review.classification, cls,
                                                  household.pk in ever_poor),
                                   state=ReviewState.RECOGNISED, decision_number=number, decision_date=decided_on),
                            chosen))
        made["households"] += len(households)
        made["poor"] += poor
        made["near_poor"] += near_poor
    Review.objects.bulk_create([r for r, _chosen in reviews], batch_size=5000)
    through = Review.deprivations.through
    through.objects.bulk_create([through(review_id=r.pk, deprivationindicator_id=i.pk)
                                 for r, chosen in reviews for i in chosen], batch_size=10000)
    causes = list(PovertyCause.values)
    ReviewCause.objects.bulk_create([ReviewCause(review=r, cause=c) for r, _chosen in reviews
                                     if r.classification in (P, N)
                                     for c in generator.rng.sample(causes, generator.rng.randint(1, 2))],
                                    batch_size=10000)
    refresh_current_reviews(Household.objects.filter(village__in=list(targets)))
    figures_refresh([village.pk for village in targets])
    return made


def _change(previous, now, ever_poor):
    """This year's change (households.status.history): a poor result before last year's makes a poor one re-poor."""
    earlier = [Result(P, None)] if ever_poor and previous != P else []
    return history([*earlier, Result(previous, None), Result(now, None)])[-1].change


def periodic_round(commune, year):
    review_round, _created = ReviewRound.objects.get_or_create(commune=commune, year=year, kind=RoundKind.PERIODIC)
    return review_round
