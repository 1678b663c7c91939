"""Who may see and change plans and agencies.

- Commune officers and supervisors write the plans whose issuing unit lies in their scope, and
  the agencies of units in their scope.
- Agency officers (Role.AGENCY) read the plans that assign one of their agencies (an assignment
  to a project or a responsibility entry), and nothing else of this app.
- Outside that: 404, the same as "does not exist". Issued plans are read-only for everyone.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from povertyplan.access import role_of, scope_q
from povertyplan.models import Role
from programmes.models import Agency

PLAN_WRITERS = (Role.COMMUNE, Role.SUPERVISOR, Role.ADMINISTRATOR)
PLAN_READERS = (*PLAN_WRITERS, Role.AGENCY)


def is_plan_writer(user):
    return role_of(user) in PLAN_WRITERS


def agency_plan_q(user, prefix=""):
    """Plans that assign one of the user's agencies (subqueries, so no duplicate rows)."""
    from programmes.models import Assignment, Responsibility

    return Q(**{f"{prefix}pk__in": Assignment.objects.filter(agency__members=user).values("plan_id")}) | Q(
        **{f"{prefix}pk__in": Responsibility.objects.filter(agency__members=user).values("plan_id")})


def plan_q(user, prefix=""):
    """A Q limiting plans (reached through `prefix`) to what the user may read."""
    role = role_of(user)
    if role in PLAN_WRITERS:
        return scope_q(user, f"{prefix}issuing_unit__")
    if role == Role.AGENCY and user.is_active:
        return agency_plan_q(user, prefix)
    return Q(pk__in=[])


def get_plan_for_user(user, pk, write=False):
    """A plan the user may read, or 404; write=True also needs a writer role and a draft (else 403)."""
    from programmes.models import Plan

    plan = (Plan.objects.filter(plan_q(user)).select_related("programme", "issuing_unit", "copied_from")
            .filter(pk=pk).first())
    if plan is None:
        raise Http404
    if write and (not is_plan_writer(user) or not plan.is_draft):
        raise PermissionDenied
    return plan


def agency_q(user):
    return scope_q(user, "unit__") if is_plan_writer(user) else Q(pk__in=[])


def get_agency_for_user(user, pk, write=False):
    agency = Agency.objects.filter(agency_q(user)).select_related("unit").filter(pk=pk).first()
    if agency is None:
        raise Http404
    return agency
