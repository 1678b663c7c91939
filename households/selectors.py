"""Reads of the households app, already limited to what the user may see (see households.access)."""
import datetime
import re

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from households.access import households_in_scope, requests_in_scope, rounds_in_scope
from households.classification import Classification
from households.models import (
    FLAG_FIELDS,
    RECOGNISED_STATES,
    Household,
    Member,
    PovertyStandard,
    Review,
    ReviewState,
    RoundFigure,
    RoundKind,
    StatusChange,
    VillageFigure,
)
from households.status import HouseholdStatus, newly_escaped_now_q, newly_escaped_q
from povertyplan.lib.names import search_key
from povertyplan.models import AdministrativeUnit, AuditEvent

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
    return queryset.filter(newly_escaped_now_q(timezone.localdate()))


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
        # accent-insensitive: "nguyen van an" finds "Nguyễn Văn An" (a trigram index serves it on PostgreSQL)
        match = Q(search_name__contains=search_key(q))
        if _MAY_BE_CODE.match(q):  # a name with a space or a diacritic is no part of any code: skip that index
            match |= Q(code__icontains=q)
        if q.isdigit() and len(q) == 12:
            match |= Exists(Member.objects.filter(household=OuterRef("pk"), id_number=q, is_active=True))
        households = households.filter(match)
    return _status_filter(households, status, year).order_by(*LIST_ORDER)


LIST_ORDER = ("village__code", "code", "pk")
# The characters of a household code (households.models.registry.household_code_validator).
_MAY_BE_CODE = re.compile(r"[0-9A-Za-z._/-]+\Z")


def with_list_columns(households, as_of=None):
    """What a list row shows: village, current result, member count, newly escaped (no per-row query).
    Newly escaped today reads the kept Household.escaped_on; another date counts from the reviews."""
    today = timezone.localdate()
    rule = newly_escaped_now_q(today) if as_of is None or as_of == today else newly_escaped_q(as_of)
    newly_escaped = ExpressionWrapper(rule, output_field=BooleanField())
    return households.select_related("village", "current_review__round").annotate(
        member_count=_active_member_count(), newly_escaped=newly_escaped)


def household_list(user, **filters):
    """The filtered households with their list columns (exports iterate it in chunks)."""
    return with_list_columns(household_filter(user, **filters))


def household_export_rows(user, **filters):
    """The filtered households with what the export writes (village, current result and its round), without
    the list's computed columns: the export takes members from a prefetch and never shows the newly-escaped
    badge, so it skips the two per-row subqueries that a commune's 10,000 rows would pay for."""
    return household_filter(user, **filters).select_related("village", "current_review__round")


# A filtered list counts its households up to this many (then says "more than"): an exact count of a
# province's million would cost more than the page itself, and nobody pages through 20 pages of a filter.
COUNT_CAP = 1_000


def household_page(user, page_number, per_page, **filters):
    """One page of the list in three queries (count, the page's ids, their rows), so that the joins
    and subqueries of the columns run for the page only, not for every household of a province.

    The count: unfiltered (or by unit only), the registry's count kept per village (VillageFigure, exact);
    otherwise counted up to COUNT_CAP, and `page.capped` says the list holds more than that."""
    from django.core.paginator import Paginator

    households = household_filter(user, **filters)
    if set(filters) <= {"unit"}:
        count, capped = registry_count(user, filters.get("unit")), False
    elif filters.get("q"):
        # A search matches few households, but PostgreSQL cannot know it (a trigram match is estimated at
        # 1% of the rows) and walks a province's households in list order to fill the page. The matches'
        # ids first (the trigram indexes, no order), then the page among them alone.
        matches = list(households.order_by().values_list("pk", flat=True)[:COUNT_CAP + 1])
        capped = len(matches) > COUNT_CAP
        count = min(len(matches), COUNT_CAP)
        if not capped:
            households = Household.objects.filter(pk__in=matches).order_by(*LIST_ORDER)
    else:
        count = households.order_by().values("pk")[:COUNT_CAP + 1].count()  # unordered: stops at the cap
        capped = count > COUNT_CAP
        count = min(count, COUNT_CAP)
    paginator = Paginator(households.values_list("pk", flat=True), per_page)
    paginator.count = count  # a cached_property: the paginator never counts again
    page = paginator.get_page(page_number)
    page.capped = capped
    ids = list(page.object_list)
    rows = {h.pk: h for h in with_list_columns(Household.objects.filter(pk__in=ids))}
    page.object_list = [rows[pk] for pk in ids]
    return page


def registry_count(user, unit=None):
    """Households of the registry in the user's scope (and under `unit`), summed from the counts kept per
    village (households.models.VillageFigure, year NULL): one query over a few rows per village."""
    from households.access import can_read
    from povertyplan.access import scope_q

    if not can_read(user):
        return 0
    figures = VillageFigure.objects.filter(scope_q(user, "village__"), year__isnull=True)
    if unit is not None:
        figures = figures.filter(village__path__startswith=unit.path)
    return figures.aggregate(n=Coalesce(Sum("households"), 0))["n"]


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


def round_page(user, page_number, per_page):
    """One page of the rounds in scope, newest first, each with `n_reviews` and `n_<state>` for every
    ReviewState: three queries (count, the page, one GROUP BY of the page's kept counts, RoundFigure), so a
    province's hundreds of rounds and millions of reviews cost what one page does."""
    from django.core.paginator import Paginator

    page = Paginator(rounds_in_scope(user).select_related("commune").order_by("-year", "-month", "commune__code", "pk"),
                     per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    grouped = (RoundFigure.objects.filter(round__in=[r.pk for r in page.object_list]).order_by()
               .values_list("round", "state").annotate(n=Sum("reviews")))
    by_round = {}
    for round_id, state, n in grouped:
        by_round.setdefault(round_id, {})[state] = n
    for review_round in page.object_list:
        counts = by_round.get(review_round.pk, {})
        review_round.n_reviews = sum(counts.values())
        for state in ReviewState.values:
            setattr(review_round, f"n_{state}", counts.get(state, 0))
    return page


def round_progress(review_round):
    """Per village of the round's commune: households to review, reviews by state and recognised results.

    Two queries (households per village; the round's kept counts per village × state × result, RoundFigure),
    merged per village: the reviews themselves are not read.
    """
    villages = review_round.commune.children.order_by("code")
    if review_round.follows_procedure and review_round.kind == RoundKind.PERIODIC:
        # the list to review that the app built (QĐ 24 Art. 4.1), not every household of the village
        to_review = Household.objects.filter(pk__in=review_round.list_entries.values("household"))
    else:
        to_review = Household.objects.filter(commune=review_round.commune)
    totals = dict(to_review.order_by().values("village").annotate(n=Count("pk")).values_list("village", "n"))
    grouped = RoundFigure.objects.filter(round=review_round).values("village", "state", "classification", "change",
                                                                    n=F("reviews"))
    rows = {v.pk: _progress_row(v, totals.get(v.pk, 0)) for v in villages}
    for g in grouped:
        row = rows.get(g["village"])
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
    units = list(units)
    if not units:
        return {}
    in_any = _in_units(units)
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
    figures to it after every kind of change): one GROUP BY per village over the union of the subtrees,
    rolled up per unit by path. Tests only; pages read poverty_counts.
    """
    units = list(units)
    if not units:
        return {}
    in_any = _in_units(units)
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

    return (Review.objects.filter(_reviews_of(unit), round__kind=RoundKind.PERIODIC,
                                  round__year__lte=year, state__in=RECOGNISED_STATES, decision_date__lte=on_date)
            .aggregate(year=Max("round__year"))["year"])


def _reviews_of(unit):
    """Reviews of the unit's households, and those made in its communes' rounds: a household carried across
    the 2025 reform left its past reviews with the rounds of its old commune."""
    return Q(household__village__path__startswith=unit.path) | Q(round__commune__path__startswith=unit.path)


def _households_of(unit):
    """Households of the unit's villages, and those carried from them to a successor village since."""
    carried = AdministrativeUnit.objects.filter(predecessors__path__startswith=unit.path).values("pk")
    return Q(village__path__startswith=unit.path) | Q(village__in=carried)


def period_changes(unit, start, end):
    """What the registry recognised in the unit's subtree between two dates (progress reports): newly poor
    (phát sinh and tái nghèo), escaped poverty and near-poverty, results of regular reviews; and the newly
    escaped households on `end` (households.status rule). Two queries; counts only."""
    from django.db.models import Count

    recognised = Review.objects.filter(_reviews_of(unit), state__in=RECOGNISED_STATES,
                                       decision_date__gte=start, decision_date__lte=end)
    counts = recognised.aggregate(
        newly_poor=Count("pk", filter=Q(change__in=[StatusChange.NEWLY_POOR, StatusChange.RE_POOR])),
        escaped_poverty=Count("pk", filter=Q(change=StatusChange.ESCAPED_POVERTY)),
        escaped_near_poverty=Count("pk", filter=Q(change=StatusChange.ESCAPED_NEAR_POVERTY)),
        regular=Count("pk", filter=Q(round__kind=RoundKind.REGULAR)))
    counts["newly_escaped"] = Household.objects.filter(_households_of(unit)).filter(newly_escaped_q(end)).count()
    return counts


# --- Summaries of a year's recognised results (the annual review's tables, the dashboard) -------------

def _in_units(units, prefix="village__"):
    from functools import reduce
    from operator import or_

    return reduce(or_, [Q(**{f"{prefix}path__startswith": u.path}) for u in units])


def _add_to_units(units, path, add):
    """Call add(unit pk) for each unit whose subtree holds the village at `path`."""
    for unit in units:
        if path.startswith(unit.path):
            add(unit.pk)


def review_summary(units, year):
    """{unit pk: {"households", "poor", "near_poor", the four StatusChange values, "poor_<flag>" and
    "near_poor_<flag>" for each FLAG_FIELDS, "poor_members", "near_poor_members"}} for each unit's subtree,
    from the recognised results of the periodic review of `year`; one query over the kept figures (a
    few rows per village). Counts only; callers pass units they have already checked are in scope."""
    from households.models.figures import YEAR_FIELDS

    units = list(units)
    if not units:
        return {}
    keys = ["households", *YEAR_FIELDS]
    totals = {u.pk: dict.fromkeys(keys, 0) for u in units}
    rows = (VillageFigure.objects.filter(_in_units(units)).filter(Q(year__isnull=True) | Q(year=year)).order_by()
            .values_list("village__path", *keys))
    for path, *values in rows:
        def add(pk, values=values):
            total = totals[pk]
            for key, value in zip(keys, values, strict=True):
                total[key] += value
        _add_to_units(units, path, add)
    return totals


def review_summary_fresh(units, year):
    """The definition of review_summary, counted household by household from the reviews and members
    (for the tests that hold the kept figures to it; not for pages)."""
    from households.models.figures import YEAR_FIELDS

    units = list(units)
    if not units:
        return {}
    result = Review.objects.filter(household=OuterRef("pk"), round__year=year, round__kind=RoundKind.PERIODIC,
                                   state__in=RECOGNISED_STATES)
    rows = (Household.objects.filter(_in_units(units)).order_by()
            .annotate(result=Subquery(result.values("classification")[:1]),
                      result_change=Subquery(result.values("change")[:1]), people=_active_member_count())
            .values("village__path", "result", "result_change", "people", *FLAG_FIELDS))
    totals = {u.pk: dict.fromkeys(["households", *YEAR_FIELDS], 0) for u in units}
    for row in rows:
        keys = ["households"]
        if row["result_change"]:
            keys.append(row["result_change"])
        if row["result"] in (Classification.POOR, Classification.NEAR_POOR):
            keys.append(row["result"])
            keys += [f"{row['result']}_{flag}" for flag in FLAG_FIELDS if row[flag]]

        def add(pk, row=row, keys=keys):
            for key in keys:
                totals[pk][key] += 1
            if row["result"] in (Classification.POOR, Classification.NEAR_POOR):
                totals[pk][f"{row['result']}_members"] += row["people"]
        _add_to_units(units, row["village__path"], add)
    return totals


def _keyed_counts(units, rows):
    """{unit pk: {key: {"poor", "near_poor"}}} summed from (village path, key, poor, near_poor) rows."""
    totals = {u.pk: {} for u in units}
    for path, key, poor, near_poor in rows:
        def add(pk, key=key, poor=poor, near_poor=near_poor):
            entry = totals[pk].setdefault(key, {"poor": 0, "near_poor": 0})
            entry["poor"] += poor
            entry["near_poor"] += near_poor
        _add_to_units(units, path, add)
    return totals


def deprivation_counts(units, year):
    """{unit pk: {indicator code: {"poor", "near_poor"}}}: households deprived in each indicator among the
    poor and near-poor of `year`'s recognised periodic results (codes with none are absent). One query."""
    from households.models import VillageDeprivationFigure

    units = list(units)
    if not units:
        return {}
    return _keyed_counts(units, VillageDeprivationFigure.objects.filter(_in_units(units), year=year).order_by()
                         .values_list("village__path", "code", "poor", "near_poor"))


def cause_counts(units, year):
    """{unit pk: {cause: {"poor", "near_poor"}}}: poor and near-poor households per cause of poverty in
    `year`'s recognised periodic results (causes with none are absent). One query."""
    from households.models import VillageCauseFigure

    units = list(units)
    if not units:
        return {}
    return _keyed_counts(units, VillageCauseFigure.objects.filter(_in_units(units), year=year).order_by()
                         .values_list("village__path", "cause", "poor", "near_poor"))


def _poor_or_near_poor_reviews(units, year):
    return Review.objects.filter(_in_units(units, "household__village__"), round__year=year,
                                 round__kind=RoundKind.PERIODIC, state__in=RECOGNISED_STATES,
                                 classification__in=[Classification.POOR, Classification.NEAR_POOR])


def _fresh_keyed(units, pairs):
    """(village path, key, classification) per review and key → _keyed_counts rows of one household each."""
    return _keyed_counts(units, [(path, key, int(c == Classification.POOR), int(c == Classification.NEAR_POOR))
                                 for path, key, c in pairs])


def deprivation_counts_fresh(units, year):
    """The definition of deprivation_counts, from each review's indicators (tests only)."""
    units = list(units)
    if not units:
        return {}
    reviews = _poor_or_near_poor_reviews(units, year).prefetch_related("deprivations").select_related("household__village")
    return _fresh_keyed(units, [(r.household.village.path, d.code, r.classification)
                                for r in reviews for d in r.deprivations.all()])


def cause_counts_fresh(units, year):
    """The definition of cause_counts, from each review's causes (tests only)."""
    units = list(units)
    if not units:
        return {}
    reviews = _poor_or_near_poor_reviews(units, year).prefetch_related("causes").select_related("household__village")
    return _fresh_keyed(units, [(r.household.village.path, c.cause, r.classification)
                                for r in reviews for c in r.causes.all()])


# --- Which year: the latest periodic review complete in every commune of the scope ---------------------

def _rounds_of(user_or_units):
    """Periodic rounds of the communes in a user's scope, or of the communes holding or under `units`."""
    from households.access import can_read
    from households.models import ReviewRound
    from povertyplan.access import scope_q

    rounds = ReviewRound.objects.filter(kind=RoundKind.PERIODIC)
    if hasattr(user_or_units, "is_authenticated"):
        if not can_read(user_or_units):
            return rounds.none()
        rounds = rounds.filter(scope_q(user_or_units, "commune__"))
    else:
        units = list(user_or_units)
        if not units:
            return rounds.none()
        ancestors = {int(part) for u in units for part in u.path.strip("/").split("/") if part}
        rounds = rounds.filter(_in_units(units, "commune__") | Q(commune_id__in=ancestors))
    return rounds


def _is_complete(review_round):
    return review_round.locked_at is not None or (review_round.has_recognised and not review_round.has_open)


class ReviewYears:
    """The periodic-review years of a scope: `years` (every year with a round, newest first),
    `complete_year` and `open_rounds` (see complete_year / open_rounds). One query, two more for the
    progress of open rounds when asked for."""

    def __init__(self, user_or_units):
        from households.models import OPEN_STATES

        def reviews(states):
            return Exists(Review.objects.filter(round=OuterRef("pk"), state__in=states))

        rounds = list(_rounds_of(user_or_units).select_related("commune").order_by()
                      .annotate(has_open=reviews(OPEN_STATES), has_recognised=reviews(RECOGNISED_STATES)))
        self.rounds = rounds  # the summary's block of procedure steps picks its year's rounds from these
        communes = {r.commune_id for r in rounds}
        complete = {(r.commune_id, r.year) for r in rounds if _is_complete(r)}
        self.years = sorted({r.year for r in rounds}, reverse=True)
        self.complete_year = next((y for y in self.years if all((c, y) in complete for c in communes)), None)
        self._later = sorted((r for r in rounds if (self.complete_year is None or r.year > self.complete_year)
                              and (r.commune_id, r.year) not in complete), key=lambda r: (-r.year, r.commune.code))

    @cached_property
    def open_rounds(self):
        return _with_progress(self._later)


def _with_progress(rounds):
    """[{"round", "commune", "year", "reviewed", "recognised", "households"}]: x of y households reviewed."""
    if not rounds:
        return []
    reviewed = {row["round"]: row for row in RoundFigure.objects.filter(round__in=rounds).order_by().values("round")
                .annotate(n=Sum("reviews"), recognised=Coalesce(Sum("reviews", filter=Q(state__in=RECOGNISED_STATES)), 0))}
    households = dict(VillageFigure.objects.filter(year__isnull=True, village__parent__in={r.commune_id for r in rounds})
                      .order_by().values("village__parent").annotate(n=Coalesce(Sum("households"), 0))
                      .values_list("village__parent", "n"))
    return [{"round": r, "commune": r.commune, "year": r.year, "reviewed": reviewed.get(r.pk, {}).get("n", 0),
             "recognised": reviewed.get(r.pk, {}).get("recognised", 0), "households": households.get(r.commune_id, 0)}
            for r in rounds]


def complete_year(user_or_units):
    """The latest periodic-review year whose round is complete in EVERY commune of the scope that runs
    periodic reviews here (has a round of any year): recognised (recognised results and none open:
    draft, submitted, returned) or locked. A round begun in one commune changes nothing until it is
    complete in all of them. None when no year is. `user_or_units`: a user (their scope) or units."""
    return ReviewYears(user_or_units).complete_year


def open_rounds(user_or_units):
    """The communes' periodic rounds of a year later than complete_year still open, newest first, each
    {"round", "commune", "year", "reviewed", "recognised", "households"} (x of y households reviewed)."""
    return ReviewYears(user_or_units).open_rounds


def poverty_trend(units):
    """{unit pk: {year: {"households", "poor", "near_poor"}}} for every periodic-review year held in any of
    the units' subtrees, oldest first: poverty_counts of each year, from ONE query over the kept figures
    (the registry row and every year row of each village). Households are the registry's count now, as in
    poverty_counts; a year missing for a unit whose subtree has no result that year shows zeros."""
    units = list(units)
    if not units:
        return {}
    in_any = _in_units(units)
    rows = list(VillageFigure.objects.filter(in_any).order_by()
                .values_list("village__path", "year", "households", "poor", "near_poor"))
    return _trend_totals(units, rows)


def poverty_trend_fresh(units):
    """The definition of poverty_trend, counted from the reviews (the years held, then poverty_counts_fresh
    of each): the tests hold the kept trend to it."""
    units = list(units)
    if not units:
        return {}
    in_any = _in_units(units, "household__village__")
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



def rounds_taking_results(user, *, limit=3):
    """Rounds in scope that still take results, periodic or regular (newest first): what a commune's home
    follows. Unlike open_rounds (periodic rounds past complete_year, for the figures' notes)."""
    return list(rounds_in_scope(user).open_for_results().select_related("commune")
                .order_by("-year", "-month", "commune__code")[:limit])


def _answered():
    recognised = Review.objects.filter(household=OuterRef("household"), round=OuterRef("round"),
                                       state__in=RECOGNISED_STATES)
    return Q(refused_on__isnull=False) | Q(Exists(recognised))


def requests(user):
    """Giấy đề nghị of the user's scope, newest first, with `answered` (refused or recognised)."""
    return (requests_in_scope(user).select_related("household__village", "round")
            .annotate(answered=ExpressionWrapper(_answered(), output_field=BooleanField()))
            .order_by("-received_on", "-id"))


def open_requests(user):
    """Requests still waiting for recognition or a refusal, oldest deadline first (the home panel)."""
    return requests(user).filter(answered=False).order_by("received_on", "id")


def round_procedure(review_round):
    """The procedure steps of a round (QĐ 24 Art. 4) for its page: list to review by source, meetings,
    posting, complaints and what is still missing before recognition. Five queries."""
    from households.models import Complaint, Posting, RoundListEntry, VillageMeeting
    from households.services.procedure import missing_steps

    list_counts = dict(RoundListEntry.objects.filter(round=review_round).order_by().values("source")
                       .annotate(n=Count("pk")).values_list("source", "n"))
    return {
        "list_counts": list_counts,
        "list_total": sum(list_counts.values()),
        "meetings": list(VillageMeeting.objects.filter(round=review_round).select_related("village")
                         .annotate(n_votes=Count("votes")).order_by("village__code", "held_on")),
        "posting": Posting.objects.filter(round=review_round).first(),
        "complaints": list(Complaint.objects.filter(round=review_round).select_related("household")),
        "missing": missing_steps(review_round),
    }


def round_decisions(review_round):
    """The recognition decisions of a round: [{decision_number, decision_date, n}], oldest first."""
    return list(review_round.reviews.filter(state__in=RECOGNISED_STATES).order_by().values(
        "decision_number", "decision_date").annotate(n=Count("pk")).order_by("decision_date", "decision_number"))


# --- Figures across the 2025 reform -------------------------------------------------------------------

def poverty_trend_across(units):
    """{unit pk: ({year: counts}, Territory)} for each unit that has predecessors: poverty_trend of the years
    before the unit existed, re-aggregated (tổng hợp lại) over its predecessors' territory through the
    arrangement (povertyplan.selectors.territories_before). Households are the unit's registry now, as
    in poverty_trend. Two queries (the parts' figures, the units' registries) besides the territories' three."""
    from povertyplan.selectors import territories_before

    units = [u for u in units if u.valid_from is not None]
    territories = territories_before(units)
    parts = {p.pk: p for t in territories.values() for p in t.parts}
    trends = poverty_trend(parts.values())
    registries = poverty_counts([u for u in units if u.pk in territories], None)
    result = {}
    for unit in units:
        territory = territories.get(unit.pk)
        if territory is None:
            continue
        registry = registries[unit.pk]["households"]
        years = {}
        for part in territory.parts:
            for year, counts in trends[part.pk].items():
                if year >= unit.valid_from.year:
                    continue
                total = years.setdefault(year, {"households": registry, "poor": 0, "near_poor": 0})
                total["poor"] += counts["poor"]
                total["near_poor"] += counts["near_poor"]
        result[unit.pk] = (dict(sorted(years.items())), territory)
    return result
