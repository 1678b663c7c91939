"""Writes of targets (chỉ tiêu): set one, or allocate a parent's target over its child units."""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from povertyplan.audit import record
from programmes.access import require_unit_writer
from programmes.models import Target
from programmes.services.plans import bump_version, lock_draft


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
    require_unit_writer(actor, unit)


def _put(plan, unit, indicator, value, baseline, note):
    """Create, change or (with no number at all) remove one target; returns (before, after) numbers.
    Callers hold the plan's row lock (lock_draft), so two saves of one target cannot both insert it."""
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


def _check_programme(plan, indicator):
    """A programme's own indicator (loaded with its structure) is for that programme's plans only."""
    if indicator.programme_id is not None and indicator.programme_id != plan.programme_id:
        raise ValidationError({"indicator": _("Chỉ tiêu “%(name)s” thuộc %(programme)s, không thuộc chương trình "
                                              "của kế hoạch này.") % {"name": indicator.name,
                                                                      "programme": indicator.programme}})


@transaction.atomic
def target_set(*, actor, plan, version, unit, indicator, value, baseline=None, note=""):
    """Đặt chỉ tiêu for one unit of a plan read at `version`; both numbers empty removes it."""
    current = lock_draft(actor, plan, version)
    _check_unit(actor, current, unit)
    _check_programme(current, indicator)
    _check_value(indicator, value, "value")
    _check_value(indicator, baseline, "baseline")
    before, after = _put(current, unit, indicator, value, baseline, note)
    if before != after:
        bump_version(current)
        names = {"indicator": indicator.code, "indicator_name": indicator.name, "unit": unit.code,
                 "unit_name": unit.full_name}
        record(actor=actor, action="target.set", obj=current, unit=unit,
               before={**names, "value_baseline": before, "version": version},
               after={**names, "value_baseline": after, "version": current.version})
    return after


@transaction.atomic
def target_allocate(*, actor, plan, version, indicator, parent, values):
    """Phân bổ chỉ tiêu: `values` maps each child unit of `parent` to (value, baseline); all or nothing."""
    current = lock_draft(actor, plan, version)
    _check_unit(actor, current, parent)
    _check_programme(current, indicator)
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
            changes[unit.code] = {"unit_name": unit.full_name, "before": before, "after": after}
    if changes:
        bump_version(current)
        record(actor=actor, action="target.allocate", obj=current, unit=parent,
               before={"version": version},
               after={"indicator": indicator.code, "indicator_name": indicator.name, "parent": parent.code,
                      "changes": changes, "version": current.version})
    return changes
