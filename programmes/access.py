"""Who may see and change plans and agencies: the one place these rules live.

- Commune officers and supervisors write the plans whose issuing unit lies in their scope, and
  the agencies of units in their scope.
- Agency officers (Role.AGENCY) read the plans that assign one of their agencies (an assignment
  to a project or a responsibility entry), and nothing else of this app.
- Outside that: 404, the same as "does not exist". Issued plans are read-only for everyone.

Views ask these functions what to show (`plan_can_edit` …); services call the `require_*` ones,
so a page never offers what the service would refuse and the rule is written once.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from povertyplan.access import in_scope, role_of, scope_q
from povertyplan.models import Role
from programmes.models import Agency

PLAN_WRITERS = (Role.COMMUNE, Role.SUPERVISOR, Role.ADMINISTRATOR)
PLAN_READERS = (*PLAN_WRITERS, Role.AGENCY, Role.LEADER)


def is_plan_writer(user):
    """A role that writes plans and agencies somewhere (None, the anonymous user: no)."""
    return user is not None and role_of(user) in PLAN_WRITERS and user.is_active


def can_write_unit(user, unit):
    """Plans issued by `unit`, its targets and its agencies are the user's to write."""
    return is_plan_writer(user) and in_scope(user, unit)


def require_unit_writer(user, unit):
    """Services call this before any write; there is no "system" actor that skips it."""
    if not can_write_unit(user, unit):
        raise PermissionDenied


def plan_can_edit(user, plan):
    """The plan's parts, rows and targets may be changed (and the plan issued) by the user."""
    return plan.is_draft and can_write_unit(user, plan.issuing_unit)


def plan_can_copy(user, plan):
    return can_write_unit(user, plan.issuing_unit)


def plan_unit_visible(user, plan, unit):
    """A unit of the plan's area whose targets the user may look at: writers see their scope only,
    agency officers every unit of a plan that assigns them."""
    if not unit.path.startswith(plan.issuing_unit.path):
        return False
    return not is_plan_writer(user) or in_scope(user, unit)


def agency_plan_q(user, prefix=""):
    """Plans that assign one of the user's agencies (subqueries, so no duplicate rows)."""
    from programmes.models import Assignment, Responsibility

    return Q(**{f"{prefix}pk__in": Assignment.objects.filter(agency__members=user).values("plan_id")}) | Q(
        **{f"{prefix}pk__in": Responsibility.objects.filter(agency__members=user).values("plan_id")})


def plan_q(user, prefix=""):
    """A Q limiting plans (reached through `prefix`) to what the user may read."""
    role = role_of(user)
    if role in PLAN_WRITERS or (role == Role.LEADER and user.is_active):  # the leader reads the commune's plans
        return scope_q(user, f"{prefix}issuing_unit__")
    if role == Role.AGENCY and user.is_active:
        return agency_plan_q(user, prefix)
    return Q(pk__in=[])


def get_plan_for_user(user, pk, write=False):
    """A plan the user may read, or 404; write=True also needs `plan_can_edit` (else 403)."""
    from programmes.models import Plan

    plan = (Plan.objects.filter(plan_q(user)).select_related("programme", "issuing_unit", "copied_from")
            .filter(pk=pk).first())
    if plan is None:
        raise Http404
    if write and not plan_can_edit(user, plan):
        raise PermissionDenied
    return plan


def agency_q(user):
    return scope_q(user, "unit__") if is_plan_writer(user) else Q(pk__in=[])


def get_agency_for_user(user, pk, write=False):
    """An agency of a unit in the user's scope, or 404; write=True needs `can_write_unit` (else 403)."""
    agency = Agency.objects.filter(agency_q(user)).select_related("unit").filter(pk=pk).first()
    if agency is None:
        raise Http404
    if write and not can_write_unit(user, agency.unit):
        raise PermissionDenied
    return agency
