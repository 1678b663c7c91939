"""Who may see and change what.

A user's scope is the subtree of their officer's unit (the whole country for administrators).
Outside it everything is 404, the same as "does not exist"; inside it, a user without write
rights gets PermissionDenied (403) on writes. Views and exports reach objects only through the
`get_<thing>_for_user` helpers and querysets filtered with `scope_q`.
"""
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from povertyplan.models import AdministrativeUnit, Officer, Role

_NOTHING = Q(pk__in=[])


def officer_of(user):
    """The user's Officer with its unit, fetched once per request (None if there is none)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_officer_cache"):
        user._officer_cache = Officer.objects.select_related("unit").filter(user=user).first()
    return user._officer_cache


def role_of(user):
    officer = officer_of(user)
    if officer is not None:
        return officer.role
    return Role.ADMINISTRATOR if user.is_authenticated and user.is_superuser else None


def scope_unit(user):
    """The root of the user's scope; None for national scope (administrators) or no scope."""
    officer = officer_of(user)
    return officer.unit if officer else None


def is_national(user):
    return role_of(user) == Role.ADMINISTRATOR and scope_unit(user) is None


def scope_q(user, prefix=""):
    """A Q limiting rows to the user's scope; `prefix` leads to the unit, e.g. "village__"."""
    if is_national(user):
        return Q()
    unit = scope_unit(user)
    if unit is None or not user.is_active:
        return _NOTHING
    return Q(**{f"{prefix}path__startswith": unit.path})


def in_scope(user, unit):
    if unit is None:
        return is_national(user)
    if is_national(user):
        return True
    root = scope_unit(user)
    return root is not None and root.contains(unit)


def has_role(user, *roles):
    return role_of(user) in roles


def officer_required(*roles):
    """Login required, and (if roles are given) one of these roles, else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            role = role_of(request.user)
            if role is None or (roles and role not in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def visible_units(user):
    return AdministrativeUnit.objects.filter(scope_q(user))


def get_unit_for_user(user, pk, write=False):
    """A unit in the user's scope or 404. Units are reference data: only administrators write."""
    unit = AdministrativeUnit.objects.filter(scope_q(user)).select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    if write and role_of(user) != Role.ADMINISTRATOR:
        raise PermissionDenied
    return unit


MANAGE_OFFICER_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)


def get_officer_for_user(user, pk, write=False):
    """An officer account inside the user's scope; supervisors and administrators manage them."""
    if role_of(user) not in MANAGE_OFFICER_ROLES:
        raise Http404
    officer = (
        Officer.objects.filter(scope_q(user, "unit__") | _own_national(user))
        .select_related("user", "unit")
        .filter(pk=pk)
        .first()
    )
    if officer is None:
        raise Http404
    if write and officer.role == Role.ADMINISTRATOR and role_of(user) != Role.ADMINISTRATOR:
        raise PermissionDenied
    return officer


def _own_national(user):
    # Officers without a unit (national administrators) are visible to national users only.
    return Q(unit__isnull=True) if is_national(user) else _NOTHING


def get_job_for_user(user, pk):
    """A background job of the user's own: anyone else's (even a supervisor's of the unit) is 404, since
    its result may hold personal data exported under its owner's rights."""
    from povertyplan.models import Job

    job = Job.objects.select_related("unit").filter(pk=pk, owner_id=user.pk).first()
    if job is None:
        raise Http404
    return job
