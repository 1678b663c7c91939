"""Reads of the households app, already limited to what the user may see (see households.access)."""
import datetime

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from households.access import households_in_scope, rounds_in_scope
from households.classification import Classification
from households.models import (
    FLAG_FIELDS,
    RECOGNISED_STATES,
    Household,
    Member,
    PovertyStandard,
    Review,
    ReviewState,
    RoundKind,
    StatusChange,
    VillageFigure,
)
from households.status import HouseholdStatus, newly_escaped_q
from povertyplan.models import AuditEvent

_CLASSIFICATIONS = set(Classification.values)
_CHANGES = set(StatusChange.values)


def _recognised(**filters):
    return Review.objects.filter(household=OuterRef("pk"), state__in=RECOGNISED_STATES, **filters)


def _active_member_count():
    counts = (Member.objects.filter(household=OuterRef("pk"), is_active=True).order_by()
              .values("household").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _status_filter(queryset, status, year):
    """Households with this status: now (current_review) or, with a year, in that year's recognised results."""
    if not status:
        return queryset.filter(Exists(_recognised(round__year=year))) if year else queryset
    if year:
        as_of = datetime.date(year, 12, 31)
        if status in _CLASSIFICATIONS:
            return queryset.filter(Exists(_recognised(round__year=year, classification=status)))
        if status in _CHANGES:
            return queryset.filter(Exists(_recognised(round__year=year, change=status)))
        if status == HouseholdStatus.NOT_RECOGNISED:
            return queryset.exclude(Exists(_recognised(round__year=year)))
        return queryset.filter(newly_escaped_q(as_of))
    if status in _CLASSIFICATIONS:
        return queryset.filter(current_review__classification=status)
    if status in _CHANGES:
        return queryset.filter(current_review__change=status)
    if status == HouseholdStatus.NOT_RECOGNISED:
        return queryset.filter(current_review__isnull=True)
    return queryset.filter(newly_escaped_q(timezone.localdate()))


def household_filter(user, *, unit=None, status="", year=None, flag="", indicator="", q=""):
    """Households the user may see, filtered and ordered; nothing joined yet (for counting and paging)."""
    households = households_in_scope(user)
    if unit is not None:
        households = households.filter(village__path__startswith=unit.path)
    if flag in FLAG_FIELDS:
        households = households.filter(**{flag: True})
    if indicator:
        if year:
            households = households.filter(Exists(_recognised(round__year=year, deprivations__code=indicator)))
        else:
            households = households.filter(current_review__deprivations__code=indicator)
    q = (q or "").strip()
    if q:
        match = Q(head_name__icontains=q) | Q(code__icontains=q)
        if q.isdigit() and len(q) == 12:
            match |= Exists(Member.objects.filter(household=OuterRef("pk"), id_number=q, is_active=True))
        households = households.filter(match)
    return _status_filter(households, status, year).order_by("village__code", "code", "pk")


def with_list_columns(households, as_of=None):
    """What a list row shows: village, current result, member count, newly escaped (no per-row query)."""
    newly_escaped = ExpressionWrapper(newly_escaped_q(as_of or timezone.localdate()), output_field=BooleanField())
    return households.select_related("village", "current_review__round").annotate(
        member_count=_active_member_count(), newly_escaped=newly_escaped)


def household_list(user, **filters):
    """The filtered households with their list columns (exports iterate it in chunks)."""
    return with_list_columns(household_filter(user, **filters))


def household_page(user, page_number, per_page, **filters):
    """One page of the list in three queries (count, the page's ids, their rows), so that the joins
    and subqueries of the columns run for the page only, not for every household of a province."""
    from django.core.paginator import Paginator

    page = Paginator(household_filter(user, **filters).values_list("pk", flat=True), per_page).get_page(page_number)
    ids = list(page.object_list)
    rows = {h.pk: h for h in with_list_columns(Household.objects.filter(pk__in=ids))}
    page.object_list = [rows[pk] for pk in ids]
    return page


def household_members(household):
    return household.members.order_by("-is_active", "pk")


def household_reviews(household):
    """Every review of the household, oldest round first, with what the timeline shows."""
    return (household.reviews.select_related("round", "standard").prefetch_related("deprivations", "causes")
            .order_by("round__year", "round__kind", "round__month", "pk"))


def household_audit_events(household):
    """Events about the household, its members and its reviews, newest first."""
    members = [str(pk) for pk in household.members.values_list("pk", flat=True)]
    reviews = [str(pk) for pk in household.reviews.values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(object_type="households.household", object_id=str(household.pk))
        | Q(object_type="households.member", object_id__in=members)
        | Q(object_type="households.review", object_id__in=reviews)
    ).select_related("actor").order_by("-at", "-id")


def open_rounds_for(household):
    """Rounds of the household's commune that take results and have none of it yet (newest first)."""
    return (household.commune.review_rounds.open_for_results().exclude(reviews__household=household)
            .order_by("-year", "-month"))


def current_indicators():
    standard = PovertyStandard.objects.in_force(timezone.localdate()).first() or PovertyStandard.objects.last()
    return standard.indicators.all() if standard else []


def rounds(user):
    """Rounds in scope with their review counts by state."""
    counts = {f"n_{state}": Count("reviews", filter=Q(reviews__state=state)) for state in ReviewState.values}
    return rounds_in_scope(user).select_related("commune").annotate(n_reviews=Count("reviews"), **counts).order_by(
        "-year", "-month", "commune__code")


def round_progress(review_round):
    """Per village of the round's commune: households to review, reviews by state and recognised results.

    Two GROUP BY queries (households per village; reviews per village × state × result), merged
    per village: the work does not grow with the number of households.
    """
    villages = review_round.commune.children.order_by("code")
    totals = dict(Household.objects.filter(commune=review_round.commune).order_by().values("village")
                  .annotate(n=Count("pk")).values_list("village", "n"))
    grouped = (Review.objects.filter(round=review_round).order_by()
               .values("household__village", "state", "classification", "change").annotate(n=Count("pk")))
    rows = {v.pk: _progress_row(v, totals.get(v.pk, 0)) for v in villages}
    for g in grouped:
        row = rows.get(g["household__village"])
        if row is None:
            continue
        row["reviewed"] += g["n"]
        row[g["state"]] += g["n"]
        if g["state"] in RECOGNISED_STATES:
            row["recognised_total"] += g["n"]
            row[g["classification"]] += g["n"]
            if g["change"]:
                row[g["change"]] += g["n"]
    total = _progress_row(None, 0)
    for row in rows.values():
        for key, value in row.items():
            if key != "village":
                total[key] += value
    return list(rows.values()), total


_PROGRESS_KEYS = ["households", "reviewed", "recognised_total", *ReviewState.values, *Classification.values,
                  *StatusChange.values]


def _progress_row(village, households):
    row = dict.fromkeys(_PROGRESS_KEYS, 0)
    row["village"] = village
    row["households"] = households
    return row


def poverty_counts(units, year):
    """{unit pk: {"households", "poor", "near_poor"}} for each unit's subtree, from the recognised results
    of the periodic review of `year` (the figures of the official tables: "Hộ nghèo 2023", …).

    Read from the figures kept per village (households.models.VillageFigure: a few rows per village,
    whatever the number of households), summed per unit by path; equal to poverty_counts_fresh. The
    public read API other apps (programmes, reports) use instead of touching households' models.
    Counts only, no personal data; callers pass units they have already checked are in scope.
    """
    from functools import reduce
    from operator import or_

    units = list(units)
    if not units:
        return {}
    in_any = reduce(or_, [Q(village__path__startswith=u.path) for u in units])
    rows = (VillageFigure.objects.filter(in_any).filter(Q(year__isnull=True) | Q(year=year)).order_by()
            .values_list("village__path", "households", "poor", "near_poor"))
    totals = {u.pk: {"households": 0, "poor": 0, "near_poor": 0} for u in units}
    for path, households, poor, near_poor in rows:
        for unit in units:
            if path.startswith(unit.path):
                total = totals[unit.pk]
                total["households"] += households
                total["poor"] += poor
                total["near_poor"] += near_poor
    return totals


def poverty_counts_fresh(units, year):
    """The definition of poverty_counts, counted from the reviews themselves (tests hold the kept
    figures to it after every kind of change).

    One GROUP BY per village over the union of the subtrees, rolled up per unit by path: the
    public read API other apps (programmes, reports) use instead of touching households' models.
    Counts only, no personal data; callers pass units they have already checked are in scope.
    """
    from functools import reduce
    from operator import or_

    units = list(units)
    if not units:
        return {}
    in_any = reduce(or_, [Q(village__path__startswith=u.path) for u in units])
    recognised = Q(reviews__round__year=year, reviews__round__kind=RoundKind.PERIODIC,
                   reviews__state__in=RECOGNISED_STATES)
    rows = (Household.objects.filter(in_any).order_by().values("village__path")
            .annotate(households=Count("pk", distinct=True),
                      poor=Count("reviews", filter=recognised & Q(reviews__classification=Classification.POOR)),
                      near_poor=Count("reviews", filter=recognised & Q(reviews__classification=Classification.NEAR_POOR))))
    totals = {u.pk: {"households": 0, "poor": 0, "near_poor": 0} for u in units}
    for row in rows:
        for unit in units:
            if row["village__path"].startswith(unit.path):
                for key in ("households", "poor", "near_poor"):
                    totals[unit.pk][key] += row[key]
    return totals


def latest_recognised_periodic_year(unit, *, year, on_date):
    """The latest year ≤ `year` whose periodic review has results in the unit's subtree recognised by
    `on_date` (the list in force then), or None. For progress reports' registry figures (programmes)."""
    from django.db.models import Max

    return (Review.objects.filter(household__village__path__startswith=unit.path, round__kind=RoundKind.PERIODIC,
                                  round__year__lte=year, state__in=RECOGNISED_STATES, decision_date__lte=on_date)
            .aggregate(year=Max("round__year"))["year"])


def poverty_trend(units):
    """{unit pk: {year: {"households", "poor", "near_poor"}}} for every periodic-review year held in any of
    the units' subtrees, oldest first: poverty_counts of each year, from ONE query over the kept figures
    (the registry row and every year row of each village). Households are the registry's count now, as in
    poverty_counts; a year missing for a unit whose subtree has no result that year shows zeros."""
    from functools import reduce
    from operator import or_

    units = list(units)
    if not units:
        return {}
    in_any = reduce(or_, [Q(village__path__startswith=u.path) for u in units])
    rows = list(VillageFigure.objects.filter(in_any).order_by()
                .values_list("village__path", "year", "households", "poor", "near_poor"))
    return _trend_totals(units, rows)


def poverty_trend_fresh(units):
    """The definition of poverty_trend, counted from the reviews (the years held, then poverty_counts_fresh
    of each): the tests hold the kept trend to it."""
    from functools import reduce
    from operator import or_

    units = list(units)
    if not units:
        return {}
    in_any = reduce(or_, [Q(household__village__path__startswith=u.path) for u in units])
    years = sorted(set(Review.objects.filter(in_any, round__kind=RoundKind.PERIODIC, state__in=RECOGNISED_STATES)
                       .order_by().values_list("round__year", flat=True).distinct()))
    by_year = {year: poverty_counts_fresh(units, year) for year in years}
    return {u.pk: {year: by_year[year][u.pk] for year in years} for u in units}


def _trend_totals(units, rows):
    years = sorted({year for _path, year, *_rest in rows if year is not None})
    registry = dict.fromkeys((u.pk for u in units), 0)
    totals = {u.pk: {year: {"households": 0, "poor": 0, "near_poor": 0} for year in years} for u in units}
    for path, year, households, poor, near_poor in rows:
        for unit in units:
            if not path.startswith(unit.path):
                continue
            if year is None:
                registry[unit.pk] += households
            else:
                totals[unit.pk][year]["poor"] += poor
                totals[unit.pk][year]["near_poor"] += near_poor
    for unit in units:
        for counts in totals[unit.pk].values():
            counts["households"] = registry[unit.pk]
    return totals
