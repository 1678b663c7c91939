"""Optimistic locking of plans, in the households' terms (VersionConflict, Change, the same template).

A plan has one version for the whole document: its header, content, signature, every list and
every target. A save made from a page read at an older version is refused, and the refusal lists
what was changed since, read from the plan's audit events (each carries the version it made).
"""
from django.utils.translation import gettext as _

from households.services.conflicts import Change, VersionConflict, check_version  # noqa: F401
from povertyplan.lib.names import person_name
from povertyplan.models import AuditEvent


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a snapshot key that is not a concrete field
        return name


def _rows_text(rows):
    """Rows of a list as "Căn cứ A; Căn cứ B" (their non-empty values, without the order numbers)."""
    return "; ".join(" – ".join(str(v) for k, v in row.items() if k != "order" and v not in (None, ""))
                     for row in rows) or None


def _numbers_text(pair):
    if not pair:
        return None
    value, baseline = pair
    if baseline is None:
        return value
    return _("%(value)s (kỳ trước: %(baseline)s)") % {"value": value if value is not None else "—",
                                                       "baseline": baseline}


def _target_label(indicator, unit):
    return _("Chỉ tiêu “%(indicator)s” của %(unit)s") % {"indicator": indicator, "unit": unit}


def _describe(plan_model, event):
    """(field label, before, after) of what one audit event of a plan changed."""
    from programmes.services.rows import ROW_SPECS

    before, after = event.before or {}, event.after or {}
    if event.action == "plan.update":
        return [(_label(plan_model, k), b, a) for k, (b, a) in event.changed_fields().items() if k != "version"]
    if event.action == "target.set":
        label = _target_label(after.get("indicator_name", after.get("indicator")), after.get("unit_name", after.get("unit")))
        return [(label, _numbers_text(before.get("value_baseline")), _numbers_text(after.get("value_baseline")))]
    if event.action == "target.allocate":
        name = after.get("indicator_name", after.get("indicator"))
        return [(_target_label(name, change.get("unit_name", code)), _numbers_text(change.get("before")),
                 _numbers_text(change.get("after"))) for code, change in after.get("changes", {}).items()]
    for spec in ROW_SPECS.values():
        if event.action == f"plan.{spec.related_name}.save":
            old, new = before.get(spec.related_name, []), after.get(spec.related_name, [])
            removed, added = [r for r in old if r not in new], [r for r in new if r not in old]
            return [(spec.label.capitalize(), _rows_text(removed), _rows_text(added))]
    return []


def plan_changes_since(plan, version):
    """What other saves changed on `plan` after `version`, oldest first."""
    events = (AuditEvent.objects.filter(object_type=plan._meta.label_lower, object_id=str(plan.pk))
              .select_related("actor").order_by("at", "id"))
    changes = []
    for event in events:
        if (event.after or {}).get("version", 0) <= version:
            continue
        who = person_name(event.actor) or "-"
        changes += [Change(who, event.at, label, b, a) for label, b, a in _describe(type(plan), event)]
    return changes


def check_plan_version(plan, version):
    """VersionConflict unless `version` (the one the page was read at) is the plan's current one."""
    if version is None or int(version) != plan.version:
        raise VersionConflict(plan, plan_changes_since(plan, int(version or 0)))
