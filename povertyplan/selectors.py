"""Reads of the core app, already limited to what the user may see."""
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

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


@dataclass
class Territory:
    """What a unit's territory was made of before it existed: the old units whose subtrees cover it
    (`parts`: whole predecessors, and the villages of a predecessor split between successors), and the
    split predecessors none of whose villages was carried (`uncounted`: their share is not known)."""
    parts: list
    uncounted: list


def territories_before(units):
    """{unit pk: Territory} of each unit that has predecessors, through the arrangement (UnitSuccession):
    a new commune's own predecessors, a province's through its communes'. Three queries."""
    from povertyplan.models import Tier, UnitSuccession

    units = [u for u in units if u.path]
    if not units:
        return {}
    in_any = reduce(or_, [Q(successor__path__startswith=u.path) for u in units])
    pairs = list(UnitSuccession.objects.filter(in_any).select_related("predecessor", "successor"))
    communes = {s.predecessor_id: s.predecessor for s in pairs if s.predecessor.parent_id and
                s.predecessor.tier == Tier.COMMUNE}
    villages = [s for s in pairs if s.predecessor.tier == Tier.VILLAGE]
    went_to = {}
    for predecessor_id, path in UnitSuccession.objects.filter(predecessor_id__in=communes).values_list(
            "predecessor_id", "successor__path"):
        went_to.setdefault(predecessor_id, []).append(path)
    result = {}
    for unit in units:
        parts, uncounted = [], []
        if unit.tier == Tier.VILLAGE:  # a carried village stands for the village it came from
            parts = [s.predecessor for s in villages if s.successor_id == unit.pk]
        for pk, commune in sorted(communes.items(), key=lambda item: item[1].code):
            paths = went_to[pk]
            if not any(p.startswith(unit.path) for p in paths):
                continue
            if all(p.startswith(unit.path) for p in paths):
                parts.append(commune)
                continue
            carried = [s.predecessor for s in villages if s.predecessor.parent_id == pk and unit.contains(s.successor)]
            parts += carried
            if not carried:
                uncounted.append(commune)
        if parts or uncounted:
            result[unit.pk] = Territory(parts=parts, uncounted=uncounted)
    return result
