"""Reads of the core app, already limited to what the user may see."""
from django.contrib.auth import get_user_model
from django.db.models import Count

from povertyplan.access import is_national, scope_q, scope_unit
from povertyplan.models import AdministrativeUnit, AuditEvent, Officer
from povertyplan.ordering import tree_code


def home_units(user):
    """The user's scope root and its direct children (provinces for national users)."""
    root = scope_unit(user)
    if root is None and is_national(user):
        children = AdministrativeUnit.objects.filter(parent__isnull=True)
    elif root is None:
        children = AdministrativeUnit.objects.none()
    else:
        children = root.children.all()
    return root, children.annotate(child_count=Count("children")).order_by("code")


def unit_children(unit):
    return unit.children.annotate(child_count=Count("children")).order_by("code")


def unit_ancestors(unit):
    return AdministrativeUnit.objects.filter(pk__in=unit.ancestor_ids()).order_by("path")


def audit_events(user, *, unit=None, actor=None, object_type="", object_id="", date_from=None, date_to=None):
    events = AuditEvent.objects.filter(scope_q(user, "unit__"))
    if unit is not None:
        events = events.filter(unit__path__startswith=unit.path)
    if actor is not None:
        events = events.filter(actor=actor)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events.select_related("actor", "unit")


def object_audit_events(obj):
    """Events about one object, for its detail page."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")


def officers(user):
    return Officer.objects.filter(scope_q(user, "unit__")).select_related("user", "unit").order_by(tree_code("unit__"), "user__username")


def users_in_scope(user):
    return get_user_model().objects.filter(officer__in=officers(user)).order_by("username")
