from povertyplan.access import officer_of, role_of
from povertyplan.models import Role


def officer(request):
    """The signed-in officer and role, for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    return {
        "current_officer": officer_of(user),
        "current_role": role,
        "is_supervisor": role in (Role.SUPERVISOR, Role.ADMINISTRATOR),
        "is_administrator": role == Role.ADMINISTRATOR,
    }
