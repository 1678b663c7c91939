"""Completeness and timeliness (as DHIS2's reporting rates, per plan): for a period and a unit subtree,
what each reporter owed, whether it was sent, on time or late, missing, returned or approved, and how to
reach the late ones.

Expected reports are `expected_reports()` Dues; a ProgressReport row exists only once a reporter starts,
so Dues are matched to rows by `Due.key` from ONE query over the reports. A fixed number of queries in
all, whatever the number of plans, reporters or periods.

Counting (the issue is silent on the details, so stated here):
- submitted: sent at least once (first_submitted_at), whatever the state now; on time + late = submitted;
- on time: the first sending's local date ≤ the deadline (ProgressReport.on_time): a return does not make
  a report late;
- missing: not sent (not started, or still a draft) and the deadline has passed;
- not due ("chưa đến hạn"): not sent and the deadline is today or later — neither missing nor late;
- returned / approved: the state now;
- rates are over the expected reports (rate(): two decimals, half up).
"""
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from povertyplan.access import in_scope, role_of, scope_unit
from povertyplan.lib.names import person_name
from povertyplan.lib.numbers import rate
from povertyplan.models import Officer, Role
from programmes.access import plan_q
from programmes.models import Plan, ProgressReport, ReportState
from programmes.progress.due import expected_reports, issued_plans

NOT_STARTED = "not_started"


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Chậm hạn")
    MISSING = "missing", _("Quá hạn, chưa gửi")
    NOT_DUE = "not_due", _("Chưa đến hạn")


@dataclass
class Contact:
    name: str
    email: str
    phone: str
    position: str = ""


@dataclass
class ReporterStatus:
    due: object
    report: object = None           # the ProgressReport, or None when not started
    timeliness: str = ""
    contacts: list = field(default_factory=list)

    @property
    def state(self):
        return self.report.state if self.report is not None else NOT_STARTED

    @property
    def state_label(self):
        if self.report is None:
            return _("Chưa bắt đầu")
        return self.report.get_state_display()

    @property
    def timeliness_label(self):
        return Timeliness(self.timeliness).label

    @property
    def sent_on(self):
        sent = _first_sent(self.report)
        return timezone.localtime(sent).date() if sent else None

    @property
    def reporter_unit(self):
        return self.due.agency.unit if self.due.agency is not None else self.due.unit


@dataclass
class Totals:
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0
    returned: int = 0
    approved: int = 0

    @property
    def submitted_rate(self):
        return rate(self.submitted, self.expected)

    @property
    def on_time_rate(self):
        return rate(self.on_time, self.expected)

    def add(self, status):
        self.expected += 1
        setattr(self, status.timeliness, getattr(self, status.timeliness) + 1)
        if status.timeliness in (Timeliness.ON_TIME, Timeliness.LATE):
            self.submitted += 1
        if status.state == ReportState.RETURNED:
            self.returned += 1
        elif status.state == ReportState.APPROVED:
            self.approved += 1


@dataclass
class Completeness:
    rows: list
    totals: Totals

    @property
    def late_rows(self):
        """Who is late, to chase: not sent after the deadline first, then sent late."""
        return ([r for r in self.rows if r.timeliness == Timeliness.MISSING]
                + [r for r in self.rows if r.timeliness == Timeliness.LATE])


# --- which dues the user may see --------------------------------------------------------------------

def visible_plans(user, plan=None):
    """Issued plans the user may read, with the plans above the user's unit (a commune sees its own
    line of a district plan), prefetched for `expected_reports`."""
    if role_of(user) is None or not user.is_active:
        return Plan.objects.none()
    condition = plan_q(user)
    root = scope_unit(user)
    if role_of(user) != Role.AGENCY and root is not None:
        condition |= Q(issuing_unit_id__in=root.ancestor_ids())
    queryset = Plan.objects.filter(condition)
    if plan is not None:
        queryset = queryset.filter(pk=plan.pk)
    return issued_plans(queryset)


def _agency_ids(user):
    return set(user.agencies.values_list("pk", flat=True)) if role_of(user) == Role.AGENCY else set()


def due_visible(user, due, agency_ids):
    """The same rule as access.report_q, for a report that may not exist yet."""
    if role_of(user) == Role.AGENCY:
        return due.agency is not None and due.agency.pk in agency_ids
    return any(in_scope(user, unit) for unit in (due.plan.issuing_unit, due.unit, due.recipient_unit)
               if unit is not None)


def visible_dues(user, *, plan=None):
    """Every Due of the issued plans the user may see, limited to what the user may see of them."""
    plans = list(visible_plans(user, plan))
    if not plans:
        return []  # no issued plan: nothing is due (and no holiday table to read)
    agency_ids = _agency_ids(user)
    return [due for due in expected_reports(plans) if due_visible(user, due, agency_ids)]


# --- matching dues to reports ------------------------------------------------------------------------

def reports_by_key(dues, queryset=None):
    """{Due.key: ProgressReport} for the dues, from one query (a superset filtered in SQL, matched here)."""
    if not dues:
        return {}
    queryset = ProgressReport.objects.all() if queryset is None else queryset
    reports = queryset.filter(rule_id__in={d.rule.pk for d in dues}, period_year__in={d.period.year for d in dues},
                              period_index__in={d.period.index for d in dues})
    keys = {d.key for d in dues}
    result = {}
    for report in reports:
        key = (report.rule_id, report.period_year, report.period_index, report.reporter)
        if key in keys:
            result[key] = report
    return result


def _first_sent(report):
    if report is None:
        return None
    return report.first_submitted_at or (report.submitted_at if report.state != ReportState.DRAFT else None)


def timeliness(due, report, today):
    sent = _first_sent(report)
    if sent is not None:
        return Timeliness.ON_TIME if timezone.localtime(sent).date() <= due.deadline else Timeliness.LATE
    return Timeliness.NOT_DUE if due.deadline >= today else Timeliness.MISSING


def statuses(dues, today=None):
    """A ReporterStatus for each due (one query over the reports)."""
    today = today or timezone.localdate()
    reports = reports_by_key(dues, ProgressReport.objects.only(
        "id", "rule_id", "period_year", "period_index", "reporter", "state", "first_submitted_at", "submitted_at",
        "deadline"))
    return [ReporterStatus(due, reports.get(due.key), timeliness(due, reports.get(due.key), today)) for due in dues]


# --- contacts ----------------------------------------------------------------------------------------

def attach_contacts(rows):
    """Give each row the people who can answer for it: the agency's members (name, e-mail, phone) or
    the commune officers of the reporting commune. Two queries whatever the number of rows."""
    agency_ids = {r.due.agency.pk for r in rows if r.due.agency is not None}
    unit_ids = {r.due.unit.pk for r in rows if r.due.unit is not None}
    through = get_user_model().agencies.through
    by_agency, by_unit = {}, {}
    for link in through.objects.filter(agency_id__in=agency_ids, user__is_active=True).select_related(
            "user__officer").order_by("user__last_name", "user__first_name", "user_id"):
        by_agency.setdefault(link.agency_id, []).append(_contact(link.user))
    for officer in Officer.objects.filter(unit_id__in=unit_ids, role=Role.COMMUNE, user__is_active=True).select_related(
            "user").order_by("user__last_name", "user__first_name", "user_id"):
        by_unit.setdefault(officer.unit_id, []).append(_contact(officer.user, officer))
    for row in rows:
        row.contacts = (by_agency.get(row.due.agency.pk, []) if row.due.agency is not None
                        else by_unit.get(row.due.unit.pk, []))
    return rows


def _contact(user, officer=None):
    if officer is None:
        officer = getattr(user, "officer", None) if hasattr(user, "officer") else None  # no Officer: no phone
    return Contact(name=person_name(user), email=user.email, phone=officer.phone if officer else "",
                   position=officer.position if officer else "")


# --- the page ----------------------------------------------------------------------------------------

def completeness(user, *, period, plan=None, unit=None, today=None):
    """Completeness of `period` (a Period) for the plans the user sees (or one plan), limited to the
    reporters in `unit`'s subtree (default: the user's scope)."""
    dues = [d for d in visible_dues(user, plan=plan)
            if d.period == period and (unit is None or unit.contains(_reporter_unit(d)))]
    dues.sort(key=lambda d: (d.plan.issuing_unit.path, d.plan.pk, d.rule.order, d.agency is None,
                             _reporter_unit(d).path, d.reporter_name))
    rows = statuses(dues, today)
    totals = Totals()
    for row in rows:
        totals.add(row)
    result = Completeness(rows, totals)
    attach_contacts(result.late_rows)
    return result


def _reporter_unit(due):
    return due.agency.unit if due.agency is not None else due.unit


def overdue(user, *, today=None, dues=None):
    """Reports not sent after their deadline, in the user's scope, oldest deadline first (`dues`: the
    user's visible_dues when the caller has them already)."""
    today = today or timezone.localdate()
    dues = [d for d in (visible_dues(user) if dues is None else dues) if d.deadline < today]
    rows = [r for r in statuses(dues, today) if r.timeliness == Timeliness.MISSING]
    rows.sort(key=lambda r: (r.due.deadline, r.due.reporter_name))
    return rows


def owed(user, *, today=None, dues=None):
    """What the reporter user owes: every due not sent yet (or returned to them to correct), by deadline."""
    today = today or timezone.localdate()
    dues = [d for d in (visible_dues(user) if dues is None else dues) if _is_reporter_of(user, d)]
    rows = [r for r in statuses(dues, today)
            if r.timeliness in (Timeliness.MISSING, Timeliness.NOT_DUE) or r.state == ReportState.RETURNED]
    rows.sort(key=lambda r: (r.due.deadline, r.due.reporter_name))
    return rows


def _is_reporter_of(user, due):
    if role_of(user) == Role.AGENCY:
        return due.agency is not None
    return role_of(user) == Role.COMMUNE and due.unit is not None and in_scope(user, due.unit)

