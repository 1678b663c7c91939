"""Who may see eligibility lists, coverage and support records, and who records support: the one place.

- Supervisors, commune officers and administrators read every active policy, for units in their scope.
- An agency officer reads only the policies of its agencies' kinds (AgencyKind), for units in its scope,
  and records support under them in the name of its agency of that kind.
- Everyone else, and every unit or policy outside that: 404, the same as "does not exist".
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from povertyplan.access import get_unit_for_user, role_of
from povertyplan.models import Role
from programmes.models import Agency
from support.models import Policy

READ_ROLES = (Role.SUPERVISOR, Role.COMMUNE, Role.ADMINISTRATOR, Role.AGENCY)


def _agencies(user):
    return Agency.objects.filter(members=user)


def policies_for_user(user):
    """Active policies the user may read (a queryset)."""
    role = role_of(user)
    if role not in READ_ROLES or not user.is_active:
        return Policy.objects.none()
    policies = Policy.objects.filter(is_active=True).select_related("project__parent")
    if role == Role.AGENCY:
        policies = policies.filter(agency_kind__in=_agencies(user).values("kind"))
    return policies


def get_policy_for_user(user, pk):
    policy = policies_for_user(user).filter(pk=pk).first()
    if policy is None:
        raise Http404
    return policy


def get_support_unit_for_user(user, pk):
    """A unit of the user's scope (404 outside it): the same rule for every role here."""
    if role_of(user) not in READ_ROLES:
        raise Http404
    return get_unit_for_user(user, pk)


def recording_agency(user, policy):
    """The user's agency that records support under `policy` (its kind), or None."""
    if role_of(user) != Role.AGENCY or not user.is_active:
        return None
    return _agencies(user).filter(kind=policy.agency_kind).select_related("unit").order_by("pk").first()


def require_recorder(user, policy, unit):
    """Services call this before recording support; returns the agency recording it."""
    from povertyplan.access import in_scope

    agency = recording_agency(user, policy)
    if agency is None or not in_scope(user, unit):
        raise PermissionDenied
    return agency
