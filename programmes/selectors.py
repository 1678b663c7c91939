"""Reads of the programmes app, already limited to what the user may see."""
from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from povertyplan.access import scope_q
from povertyplan.models import AdministrativeUnit, Role, Tier
from programmes.access import agency_q
from programmes.models import Agency


def agencies_for_user(user, *, unit=None):
    agencies = Agency.objects.filter(agency_q(user)).select_related("unit").annotate(member_count=Count("members"))
    if unit is not None:
        agencies = agencies.filter(unit__path__startswith=unit.path)
    return agencies.order_by("unit__path", "name")


def agency_units(user):
    """Units an agency can belong to: provinces, districts and communes in the user's scope."""
    ids = [u.pk for u in AdministrativeUnit.objects.filter(scope_q(user)).only("id", "kind", "parent_id")
           if u.tier != Tier.VILLAGE]
    return AdministrativeUnit.objects.filter(pk__in=ids).order_by("path")


def agency_officer_users(user):
    """Agency officers (Role.AGENCY) whose scope unit lies in the user's scope: candidate members."""
    return (get_user_model().objects.filter(officer__role=Role.AGENCY)
            .filter(scope_q(user, "officer__unit__")).order_by("username"))


def agencies_for_unit(unit):
    """Agencies a plan of `unit` can name: those of the unit, of units under it and of its ancestors."""
    return (Agency.objects.filter(Q(unit__path__startswith=unit.path) | Q(unit_id__in=unit.ancestor_ids()))
            .select_related("unit").order_by("unit__path", "name"))
