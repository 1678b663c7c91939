"""Writes of the core app: units, unit imports, officer accounts. Each is atomic and audited."""
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from povertyplan import access
from povertyplan.audit import record, snapshot
from povertyplan.lib.tabular import CellError, ImportFailed, read_tables
from povertyplan.models import URBAN_KINDS, AdministrativeUnit, Area, Officer, Role, Tier
from povertyplan.unit_import import validate_unit_table

UNIT_FIELDS = ["code", "name", "kind", "parent", "area", "valid_from", "valid_to"]


def _default_area(kind, parent):
    if parent is not None and parent.area:
        return parent.area
    if kind in URBAN_KINDS:
        return Area.URBAN
    return Area.RURAL if parent is not None else ""


def _set_path(unit):
    unit.path = f"{unit.parent.path if unit.parent_id else '/'}{unit.pk}/"


def rebuild_paths():
    """Recompute every unit's materialised path from its parent; returns how many changed."""
    units = list(AdministrativeUnit.objects.only("id", "parent_id", "path"))
    by_parent = {}
    for u in units:
        by_parent.setdefault(u.parent_id, []).append(u)
    changed, stack = [], [(u, "/") for u in by_parent.get(None, [])]
    while stack:
        unit, prefix = stack.pop()
        path = f"{prefix}{unit.pk}/"
        if unit.path != path:
            unit.path = path
            changed.append(unit)
        stack.extend((child, path) for child in by_parent.get(unit.pk, []))
    AdministrativeUnit.objects.bulk_update(changed, ["path"], batch_size=1000)
    return len(changed)


@transaction.atomic
def unit_create(*, actor, code, name, kind, parent=None, area="", valid_from=None, valid_to=None):
    unit = AdministrativeUnit(code=code, name=name, kind=kind, parent=parent,
                              area=area or _default_area(kind, parent), valid_from=valid_from, valid_to=valid_to)
    unit.full_clean(exclude=["path"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path"])
    record(actor=actor, action="unit.create", obj=unit, unit=unit, after=snapshot(unit, UNIT_FIELDS))
    return unit


@dataclass
class UnitImportResult:
    created: int
    updated: int
    unchanged: int


def _parents_first(rows):
    """Rows ordered so that a parent in the file comes before its children."""
    children = {}
    for r in rows:
        children.setdefault(id(r.parent_row) if r.parent_row else None, []).append(r)
    ordered, queue = [], list(children.get(None, []))
    while queue:
        r = queue.pop(0)
        ordered.append(r)
        queue.extend(children.get(id(r), []))
    return ordered


def _match_existing(rows):
    """The unit each row updates: same code and start date, else the open unit with that code."""
    candidates = AdministrativeUnit.objects.filter(code__in={r.code for r in rows})
    by_key, open_by_code = {}, {}
    for u in candidates:
        by_key[(u.code, u.valid_from)] = u
        if u.valid_to is None:
            open_by_code[u.code] = u
    return {id(r): by_key.get((r.code, r.valid_from)) if r.valid_from else open_by_code.get(r.code) for r in rows}


def _check_open_code_clash(rows, unit_of):
    """A new open unit may not take a code that an open unit already has."""
    new_open = [r for r in rows if unit_of[id(r)] is None and r.valid_to is None]
    taken = set(AdministrativeUnit.objects.filter(code__in={r.code for r in new_open}, valid_to__isnull=True)
                .values_list("code", flat=True))
    errors = [CellError(r.row, "code", _("mã %(code)s đang là mã của một đơn vị còn hiệu lực; cần ghi ngày hết hiệu lực "
                                         "cho đơn vị cũ trước.") % {"code": r.code}) for r in new_open if r.code in taken]
    if errors:
        raise ImportFailed(errors)


@transaction.atomic
def units_import(*, actor, file, filename=None, valid_from=None):
    """Nhập danh mục đơn vị hành chính: all rows or none. Raises ImportFailed listing every error.

    New units are created; a row that matches a unit already there (same code and start date,
    or the open unit with that code) updates it, so importing the same list again changes nothing.
    """
    tables = read_tables(file, filename)
    rows = _parents_first(validate_unit_table(next(iter(tables.values()))))
    unit_of = _match_existing(rows)
    _check_open_code_clash(rows, unit_of)
    created = []
    for r in rows:
        if unit_of[id(r)] is None:
            unit_of[id(r)] = AdministrativeUnit(code=r.code, valid_from=r.valid_from or valid_from)
            created.append(unit_of[id(r)])
    AdministrativeUnit.objects.bulk_create(created, batch_size=1000)
    is_new = {id(u) for u in created}

    changed = []
    for r in rows:
        unit = unit_of[id(r)]
        parent = unit_of[id(r.parent_row)] if r.parent_row else r.parent_unit
        values = {"name": r.name, "kind": r.kind, "parent_id": parent.pk if parent else None, "valid_to": r.valid_to}
        if r.area or id(unit) in is_new:
            values["area"] = r.area or _default_area(r.kind, parent)
        if any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            changed.append(unit)
    for unit in changed:
        unit.full_clean(exclude=["path", "parent", "successors"], validate_unique=False, validate_constraints=False)
    AdministrativeUnit.objects.bulk_update(
        changed, ["name", "kind", "area", "parent", "valid_from", "valid_to"], batch_size=1000
    )
    rebuild_paths()
    result = UnitImportResult(
        created=len(created), updated=len(changed) - len(created), unchanged=len(rows) - len(changed)
    )
    record(actor=actor, action="unit.import", object_type=AdministrativeUnit._meta.label_lower,
           after={**result.__dict__, "file": filename or getattr(file, "name", "")})
    return result


@transaction.atomic
def officer_create(*, actor, username, full_name, email, password, role, unit, position=""):
    """Create a user account and its officer record inside the actor's scope."""
    if not access.has_role(actor, *access.MANAGE_OFFICER_ROLES):
        raise PermissionDenied
    if role == Role.ADMINISTRATOR and access.role_of(actor) != Role.ADMINISTRATOR:
        raise PermissionDenied
    if unit is None and role != Role.ADMINISTRATOR:
        raise ValidationError({"unit": "Cần chọn đơn vị."})
    if unit is not None and not access.in_scope(actor, unit):
        raise PermissionDenied
    if unit is not None and unit.tier == Tier.VILLAGE:
        raise ValidationError({"unit": "Đơn vị phạm vi phải từ cấp xã trở lên."})
    User = get_user_model()
    family, _sep, given = full_name.strip().rpartition(" ")  # "Nguyễn Thị Hoa" → họ đệm "Nguyễn Thị", tên "Hoa"
    user = User(username=username, email=email, last_name=family, first_name=given)
    user.set_password(password)
    user.full_clean()
    user.save()
    officer = Officer(user=user, unit=unit, role=role, position=position)
    officer.full_clean()
    officer.save()
    record(actor=actor, action="officer.create", obj=officer, unit=unit,
           after={"username": username, "full_name": full_name, "role": role, "unit": unit.code if unit else None})
    return officer


@transaction.atomic
def officer_set_active(*, actor, officer, active, reason=""):
    """Deactivate (khóa) or reactivate an officer's account; the actor cannot lock themselves."""
    if officer.user_id == actor.pk:
        raise ValidationError("Không thể tự khóa tài khoản của mình.")
    user = officer.user
    if user.is_active == active:
        return officer
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(actor=actor, action="officer.activate" if active else "officer.deactivate", obj=officer,
           unit=officer.unit, before={"is_active": not active}, after={"is_active": active}, reason=reason)
    return officer
