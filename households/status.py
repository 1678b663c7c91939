"""Diễn biến hộ nghèo: a household's status history, derived from its recognised reviews only.

`history` is a pure function: give it the recognised results in order and it says, for each one,
whether the household became poor for the first time (phát sinh), became poor again (tái nghèo),
escaped poverty (thoát nghèo) or escaped near-poverty (thoát cận nghèo). A household's first
recognised result that is poor counts as phát sinh: it enters the poor list, so that
"poor at the start − escaped + new + re-poor = poor at the end" holds for every year.
"Newly escaped" (mới thoát nghèo) depends on the date asked about: the last escape from poverty was
recognised less than NEWLY_ESCAPED_WINDOW_MONTHS before it and the household is not poor again.
"""
import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from households.classification import Classification
from households.models.reviews import StatusChange


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
    """Escapes recognised after this date are still "new" on `as_of`."""
    return add_months(as_of, -(window_months() if months is None else months))


class HouseholdStatus(models.TextChoices):
    """What the household list filters on: a classification, a change, or the derived states."""

    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    NEWLY_POOR = "newly_poor", _("Hộ nghèo phát sinh")
    RE_POOR = "re_poor", _("Hộ tái nghèo")
    ESCAPED_POVERTY = "escaped_poverty", _("Hộ thoát nghèo")
    ESCAPED_NEAR_POVERTY = "escaped_near_poverty", _("Hộ thoát cận nghèo")
    NEWLY_ESCAPED = "newly_escaped", _("Hộ mới thoát nghèo")
    AVERAGE = "average", _("Hộ có mức sống trung bình")
    ABOVE_AVERAGE = "above_average", _("Hộ có mức sống trên trung bình")
    NOT_RECOGNISED = "not_recognised", _("Chưa có kết quả công nhận")


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
    escapes = [e.decided_on for e in known if e.change == StatusChange.ESCAPED_POVERTY]
    newly = bool(escapes) and last.classification != Classification.POOR and \
        escapes[-1] > newly_escaped_since(as_of, months)
    statuses = [HouseholdStatus(last.classification)]
    if last.change:
        statuses.append(HouseholdStatus(last.change))
    if newly:
        statuses.append(HouseholdStatus.NEWLY_ESCAPED)
    return Status(last.classification, last.change, newly, last.decided_on, statuses)
