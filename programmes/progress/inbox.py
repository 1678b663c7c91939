"""Báo cáo của tôi: what a reporter owes (from what is due, with the reports already started) and what a
reviewer has waiting. A fixed number of queries whatever the number of plans, rules or periods."""
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from povertyplan.access import role_of, scope_unit
from povertyplan.models import Role
from programmes.models import Agency, Plan, ProgressReport, ReportState
from programmes.progress.access import is_reviewer, report_q
from programmes.progress.due import expected_reports, issued_plans

OWED_STATES = (ReportState.DRAFT, ReportState.RETURNED)


@dataclass(frozen=True)
class DueRow:
    due: object
    report: object  # the ProgressReport once started, else None
    today: object

    @property
    def owed(self):
        return self.report is None or self.report.state in OWED_STATES

    @property
    def overdue(self):
        return self.owed and self.due.deadline < self.today

    @property
    def start_key(self):
        return self.due.reporter


def _reporter_scope(user):
    """(plans that may expect a report of the user, a test for a Due being the user's), or None."""
    role = role_of(user)
    if role == Role.AGENCY:
        agencies = {a.pk for a in Agency.objects.filter(members=user)}
        plans = Plan.objects.filter(Q(assignments__agency__in=agencies) | Q(responsibilities__agency__in=agencies))
        return plans, lambda due: due.agency is not None and due.agency.pk in agencies
    if role == Role.COMMUNE and scope_unit(user) is not None:
        commune = scope_unit(user)
        plans = Plan.objects.filter(issuing_unit_id__in=commune.ancestor_ids())
        return plans, lambda due: due.unit is not None and commune.contains(due.unit)
    return None


def reporter_rows(user, today=None):
    """The user's dues of periods begun by `today`, owed ones first by deadline, then those sent."""
    today = today or timezone.localdate()
    scope = _reporter_scope(user)
    if scope is None:
        return []
    plans, mine = scope
    plan_ids = plans.values("pk")
    dues = [d for d in expected_reports(issued_plans(Plan.objects.filter(pk__in=plan_ids)))
            if mine(d) and d.period.start <= today]
    reporters = {d.reporter for d in dues}
    started = {(r.rule_id, r.period_year, r.period_index, r.reporter): r
               for r in ProgressReport.objects.filter(plan__in=plan_ids, reporter__in=reporters)} if dues else {}
    rows = [DueRow(d, started.get(d.key), today) for d in dues]
    return sorted(rows, key=lambda r: (not r.owed, r.due.deadline if r.owed else -r.due.deadline.toordinal(),
                                       r.due.reporter_name))


def review_rows(user):
    """Reports sent to a unit the user reviews, waiting for them (not those they sent)."""
    reports = (ProgressReport.objects.filter(report_q(user), state=ReportState.SUBMITTED)
               .exclude(submitted_by=user).select_related("plan", "rule", "agency__unit", "unit", "recipient_unit")
               .order_by("deadline", "pk"))
    return [r for r in reports if is_reviewer(user, r.recipient_unit)]
