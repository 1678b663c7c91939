"""Who may see, fill in and review progress reports (báo cáo tiến độ): one place for the rules.

- The reporter fills in: the members of the reporting agency, or the commune officers of the
  reporting commune.
- The receiving unit reviews (approves, returns, reopens): supervisors whose scope holds the
  recipient unit; when the recipient is a commune (a commune's own plan), its officer or leader.
  Nobody reviews a report they submitted.
- Readers: the reporter, the reviewers, and every officer whose scope holds the plan's issuing
  unit, the recipient or the reporting commune. Outside that: 404, as everywhere.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from povertyplan.access import in_scope, role_of, scope_q
from povertyplan.models import Role, Tier

REVIEWER_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
COMMUNE_REVIEWER_ROLES = (Role.COMMUNE, Role.LEADER)


def report_q(user, prefix=""):
    """A Q limiting ProgressReports (reached through `prefix`) to what the user may read."""
    role = role_of(user)
    if user is None or not user.is_active or role is None:
        return Q(pk__in=[])
    if role == Role.AGENCY:
        return Q(**{f"{prefix}agency__members": user})
    return (scope_q(user, f"{prefix}recipient_unit__") | scope_q(user, f"{prefix}unit__")
            | scope_q(user, f"{prefix}plan__issuing_unit__"))


def is_reporter(user, *, agency=None, unit=None):
    """The user reports for this agency (a member) or this commune (its commune officer)."""
    if user is None or not user.is_active:
        return False
    if agency is not None:
        return role_of(user) == Role.AGENCY and agency.members.filter(pk=user.pk).exists()
    return role_of(user) == Role.COMMUNE and in_scope(user, unit)


def is_reviewer(user, recipient_unit):
    """The user reviews what is sent to this unit."""
    if user is None or not user.is_active or not in_scope(user, recipient_unit):
        return False
    role = role_of(user)
    if recipient_unit.tier == Tier.COMMUNE:
        return role in (*REVIEWER_ROLES, *COMMUNE_REVIEWER_ROLES)
    return role in REVIEWER_ROLES


def can_fill(user, report):
    return report.is_editable and is_reporter(user, agency=report.agency, unit=report.unit)


def can_review(user, report):
    """Approve or return: a submitted report, by its recipient's reviewer, never by who submitted it."""
    from programmes.models import ReportState

    return (report.state == ReportState.SUBMITTED and report.submitted_by_id != getattr(user, "pk", None)
            and is_reviewer(user, report.recipient_unit))


def can_reopen(user, report):
    from programmes.models import ReportState

    return report.state == ReportState.APPROVED and is_reviewer(user, report.recipient_unit)


def get_report_for_user(user, pk, write=False):
    """A report the user may read, or 404; write=True also needs `can_fill` (else 403)."""
    from programmes.models import ProgressReport

    report = (ProgressReport.objects.filter(report_q(user)).filter(pk=pk)
              .select_related("plan__issuing_unit", "plan__programme", "rule", "agency__unit", "unit",
                              "recipient_unit", "submitted_by", "reviewed_by").first())
    if report is None:
        raise Http404
    if write and not can_fill(user, report):
        raise PermissionDenied
    return report
