"""Diễn biến hộ nghèo: a household's status history, derived from its recognised reviews only.

`history` is a pure function: give it the recognised results in order and it says, for each one,
whether the household became poor for the first time (phát sinh), became poor again (tái nghèo),
escaped poverty (thoát nghèo) or escaped near-poverty (thoát cận nghèo). A household's first
recognised result that is poor counts as phát sinh: it enters the poor list, so that
"poor at the start − escaped + new + re-poor = poor at the end" holds for every year.

"Newly escaped" (mới thoát nghèo) depends on the date asked about: the last escape from poverty was
recognised less than NEWLY_ESCAPED_WINDOW_MONTHS before it and the household is not poor again.
The rule is written here twice, once per side, and nowhere else: `is_newly_escaped` for one
household's history and `newly_escaped_q` for querysets of households; tests/households/
test_newly_escaped.py runs both on the same households and dates.
"""
import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.lookups import Exact, In
from django.utils import timezone

from households.models.reviews import RECOGNISED_STATES, Review
from households.statuses import Classification, HouseholdStatus, StatusChange  # noqa: F401  (re-exported)

# The order of a household's recognised results: by decision date, then by round. A periodic round
# (no month) comes before the regular rounds of its year on the same decision date, on every
# database (PostgreSQL sorts NULL last by default, SQLite first).
_ORDER = ("decision_date", "round__year", "round__month", "id")


def recognised_ordering(latest_first=False):
    """order_by() arguments for a household's recognised reviews, oldest first (or latest first)."""
    if latest_first:
        return [F(name).desc(nulls_last=True) for name in _ORDER]
    return [F(name).asc(nulls_first=True) for name in _ORDER]


@dataclass(frozen=True)
class Result:
    """One recognised review: its classification and the date of the recognition decision."""

    classification: str
    decided_on: datetime.date
    key: object = None  # the review's pk, to write the change back


@dataclass(frozen=True)
class Entry:
    classification: str
    decided_on: datetime.date
    change: str = ""
    key: object = None


def history(results):
    """Each result with its change (a StatusChange value or ""); results must be in decision order."""
    entries, previous, ever_poor = [], None, False
    for result in results:
        now = result.classification
        change = ""
        if now == Classification.POOR:
            if previous != Classification.POOR:
                change = StatusChange.RE_POOR if ever_poor else StatusChange.NEWLY_POOR
            ever_poor = True
        elif previous == Classification.POOR:
            change = StatusChange.ESCAPED_POVERTY
        elif previous == Classification.NEAR_POOR and now != Classification.NEAR_POOR:
            change = StatusChange.ESCAPED_NEAR_POVERTY
        entries.append(Entry(now, result.decided_on, change, result.key))
        previous = now
    return entries


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_months():
    return getattr(settings, "NEWLY_ESCAPED_WINDOW_MONTHS", 36)


def newly_escaped_since(as_of, months=None):
    """Escapes recognised after this date are still "new" on `as_of` (29/02 − 12 months is 28/02)."""
    return add_months(as_of, -(window_months() if months is None else months))


def is_newly_escaped(entries, as_of, months=None):
    """The rule for one household: `entries` from `history(...)`; decisions after `as_of` are ignored."""
    known = [e for e in entries if e.decided_on <= as_of]
    if not known or known[-1].classification == Classification.POOR:
        return False
    escapes = [e.decided_on for e in known if e.change == StatusChange.ESCAPED_POVERTY]
    return bool(escapes) and escapes[-1] > newly_escaped_since(as_of, months)


def newly_escaped_q(as_of, months=None, ref="pk"):
    """The same rule as a condition on Household querysets (filter, or annotate through
    ExpressionWrapper): an escape from poverty recognised in the window up to `as_of`, and no
    poverty spell open on `as_of`.

    `history` makes spells and escapes alternate (phát sinh or tái nghèo opens a spell, thoát nghèo
    closes it), so "the latest result by `as_of` is poor" is "more spells opened than closed by
    `as_of`": an index lookup per household, with no sorting of its results (a province's list).
    `ref` names the household's id on the rows filtered ("household" for members).
    """
    known = Review.objects.filter(household=OuterRef(ref), state__in=RECOGNISED_STATES, decision_date__lte=as_of)
    escaped = known.filter(change=StatusChange.ESCAPED_POVERTY, decision_date__gt=newly_escaped_since(as_of, months))
    if _is_current(as_of):  # the latest result is current_review: "not poor again" is a join
        prefix = "" if ref == "pk" else f"{ref}__"
        return Q(Exists(escaped)) & ~Q(**{f"{prefix}current_review__classification": Classification.POOR})
    open_spells = (known.filter(change__in=[StatusChange.NEWLY_POOR, StatusChange.RE_POOR, StatusChange.ESCAPED_POVERTY])
                   .order_by().values("household")
                   .annotate(n=Sum(Case(When(change=StatusChange.ESCAPED_POVERTY, then=Value(-1)), default=Value(1))))
                   .values("n"))
    # the escape guarantees a row to sum: the comparison never meets NULL
    return Q(Exists(escaped)) & Q(Exact(Subquery(open_spells, output_field=IntegerField()), 0))


def latest_recognised(as_of, household=None):
    """The household's latest result recognised by `as_of` (a Review queryset of at most one row, for
    Subquery): the status a household had on a date, as `status_on` reads it from `history`."""
    household = OuterRef("pk") if household is None else household
    return (Review.objects.filter(household=household, state__in=RECOGNISED_STATES, decision_date__lte=as_of)
            .order_by(*recognised_ordering(latest_first=True))[:1])


def _is_current(as_of):
    """No decision is dated after today (review_recognise refuses it), so on or after today the latest
    recognised result is the household's current_review, which the history service keeps: a join instead of
    a sorted subquery per household (a province's households, or its members)."""
    return as_of >= timezone.localdate()


def classification_on_q(as_of, classifications, ref="pk"):
    """Households whose latest result recognised by `as_of` is one of `classifications` (poor, near-poor…):
    the SQL side of `status_on(...).classification`. `ref` names the household's id on the rows filtered:
    "pk" for households, "household" for members."""
    if _is_current(as_of):
        prefix = "" if ref == "pk" else f"{ref}__"
        return Q(**{f"{prefix}current_review__classification__in": list(classifications)})
    latest = Subquery(latest_recognised(as_of, household=OuterRef(ref)).values("classification"),
                      output_field=CharField())
    return Q(In(latest, list(classifications)))


def deprivation_on_q(as_of, code, ref="pk"):
    """Households whose latest result recognised by `as_of` counts the deprivation indicator `code`."""
    through = Review.deprivations.through
    if _is_current(as_of):
        prefix = "" if ref == "pk" else f"{ref}__"
        return Q(Exists(through.objects.filter(review=OuterRef(f"{prefix}current_review"),
                                               deprivationindicator__code=code)))
    latest = latest_recognised(as_of, household=OuterRef(OuterRef(ref)))  # two levels down: the household
    return Q(Exists(through.objects.filter(review=Subquery(latest.values("pk")),
                                           deprivationindicator__code=code)))


def current_escape(entries):
    """What Household.escaped_on keeps: the date of the latest escape from poverty when the latest result
    (of every decision known) is not poor, else None. `entries` from `history(...)`."""
    if not entries or entries[-1].classification == Classification.POOR:
        return None
    return next((e.decided_on for e in reversed(entries) if e.change == StatusChange.ESCAPED_POVERTY), None)


def newly_escaped_now_q(as_of):
    """newly_escaped_q read from the kept Household.escaped_on: one indexed comparison instead of two
    subqueries per household. Equal to newly_escaped_q(as_of) whenever no decision is dated after `as_of`,
    which holds for today (a decision date is never after the day it is entered: review_recognise)."""
    return Q(escaped_on__gt=newly_escaped_since(as_of), escaped_on__lte=as_of)


@dataclass(frozen=True)
class Status:
    """A household's status on a date: its latest recognised classification, that result's change,
    and whether it is newly escaped."""

    classification: str = ""
    change: str = ""
    newly_escaped: bool = False
    decided_on: datetime.date | None = None
    statuses: list = field(default_factory=list)

    def labels(self):
        return [HouseholdStatus(s).label for s in self.statuses]


def status_on(entries, as_of, months=None):
    """The Status on `as_of` from `history(...)` entries (later decisions are ignored)."""
    known = [e for e in entries if e.decided_on <= as_of]
    if not known:
        return Status(statuses=[HouseholdStatus.NOT_RECOGNISED])
    last = known[-1]
    newly = is_newly_escaped(known, as_of, months)
    statuses = [HouseholdStatus(last.classification)]
    if last.change:
        statuses.append(HouseholdStatus(last.change))
    if newly:
        statuses.append(HouseholdStatus.NEWLY_ESCAPED)
    return Status(last.classification, last.change, newly, last.decided_on, statuses)
