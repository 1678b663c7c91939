"""Writes of targets (chỉ tiêu): set one, or allocate a parent's target over its child units."""
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from povertyplan.access import in_scope
from povertyplan.audit import record
from programmes.models import Target
from programmes.services.plans import check_writer, lock_draft


def _number(value):
    return None if value is None else str(Decimal(value).normalize())


def _check_value(indicator, value, field):
    if value is None:
        return
    if value < 0:
        raise ValidationError({field: _("Chỉ tiêu không được âm.")})
    if indicator.additive and value != value.to_integral_value():
        raise ValidationError({field: _("“%(name)s” tính bằng %(uom)s: phải là số nguyên.") % {
            "name": indicator.name, "uom": indicator.unit_of_measure}})


def _check_unit(actor, plan, unit):
    if not unit.path.startswith(plan.issuing_unit.path):
        raise ValidationError({"unit": _("%(unit)s không thuộc địa bàn của kế hoạch.") % {"unit": unit.full_name}})
    if actor is not None and not in_scope(actor, unit):
        raise PermissionDenied


def _put(plan, unit, indicator, value, baseline, note):
    """Create, change or (with no number at all) remove one target; returns (before, after) numbers."""
    target = Target.objects.filter(plan=plan, unit=unit, indicator=indicator).first()
    before = (_number(target.value), _number(target.baseline)) if target else None
    if value is None and baseline is None:
        if target:
            target.delete()
        return before, None
    target = target or Target(plan=plan, unit=unit, indicator=indicator)
    target.value, target.baseline, target.note = value, baseline, (note or "").strip()
    target.full_clean()
    target.save()
    return before, (_number(value), _number(baseline))


@transaction.atomic
def target_set(*, actor, plan, unit, indicator, value, baseline=None, note=""):
    """Đặt chỉ tiêu for one unit; both numbers empty removes it."""
    current = lock_draft(plan)
    check_writer(actor, current.issuing_unit)
    _check_unit(actor, current, unit)
    _check_value(indicator, value, "value")
    _check_value(indicator, baseline, "baseline")
    before, after = _put(current, unit, indicator, value, baseline, note)
    if before != after:
        record(actor=actor, action="target.set", obj=current, unit=unit,
               before={"indicator": indicator.code, "unit": unit.code, "value_baseline": before},
               after={"indicator": indicator.code, "unit": unit.code, "value_baseline": after})
    return after


@transaction.atomic
def target_allocate(*, actor, plan, indicator, parent, values):
    """Phân bổ chỉ tiêu: `values` maps each child unit of `parent` to (value, baseline); all or nothing."""
    current = lock_draft(plan)
    check_writer(actor, current.issuing_unit)
    _check_unit(actor, current, parent)
    if not indicator.additive:
        raise ValidationError(_("“%(name)s” là tỷ lệ: không phân bổ cộng dồn được.") % {"name": indicator.name})
    errors = []
    for unit, (value, baseline) in values.items():
        if unit.parent_id != parent.pk:
            errors.append(_("%(unit)s không trực thuộc %(parent)s.") % {"unit": unit.full_name,
                                                                         "parent": parent.full_name})
        for number in (value, baseline):
            try:
                _check_value(indicator, number, "value")
            except ValidationError as exc:
                errors.append(f"{unit.full_name}: {' '.join(exc.messages)}")
    if errors:
        raise ValidationError(errors)
    changes = {}
    for unit, (value, baseline) in values.items():
        _check_unit(actor, current, unit)
        before, after = _put(current, unit, indicator, value, baseline, "")
        if before != after:
            changes[unit.code] = {"before": before, "after": after}
    if changes:
        record(actor=actor, action="target.allocate", obj=current, unit=parent,
               after={"indicator": indicator.code, "parent": parent.code, "changes": changes})
    return changes
