"""Writes of the core app: units, unit imports, officer accounts, sign-in events. Each is atomic and audited."""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from povertyplan import access
from povertyplan.audit import record, snapshot, unit_ref
from povertyplan.lib.tabular import CellError, ImportFailed, read_tables
from povertyplan.models import URBAN_KINDS, AdministrativeUnit, Area, AuditEvent, Officer, Role, Tier, UnitSuccession
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
    if created or changed:  # a file that changes nothing (the demo reloaded) leaves no event, as household imports
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
    if not active:
        # Every session of the account ends for good, also once it is unlocked: the middleware
        # ends any session whose login predates this number. Cheaper and surer than finding the
        # user's rows among all sessions (their data is encoded, so that means decoding every one).
        Officer.objects.filter(pk=officer.pk).update(session_generation=F("session_generation") + 1)
    record(actor=actor, action="officer.activate" if active else "officer.deactivate", obj=officer,
           unit=officer.unit, before={"is_active": not active}, after={"is_active": active}, reason=reason)
    return officer


# --- sign-in events and the password ------------------------------------------------------------

SESSION_GENERATION_KEY = "officer_session_generation"


class AuthAction(models.TextChoices):
    LOGIN = "auth.login", gettext_lazy("Đăng nhập")
    LOGIN_FAILED = "auth.login_failed", gettext_lazy("Đăng nhập sai")
    LOGOUT = "auth.logout", gettext_lazy("Đăng xuất")
    LOCKOUT = "auth.lockout", gettext_lazy("Tạm khóa đăng nhập do nhập sai nhiều lần")
    PASSWORD_CHANGE = "auth.password_change", gettext_lazy("Đổi mật khẩu")
    PASSWORD_CHANGE_FAILED = "auth.password_change_failed", gettext_lazy("Đổi mật khẩu: sai mật khẩu cũ")
    PASSWORD_CHANGE_BLOCKED = "auth.password_change_blocked", gettext_lazy("Đổi mật khẩu: bị chặn do sai nhiều lần")


def _client_ip(request):
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) if request is not None else None


def _user_event(*, action, request, user=None, username=""):
    """One sign-in event about `user` (or about a username that matches no account)."""
    User = get_user_model()
    if user is None and username:
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).select_related("officer__unit").first()
    officer = getattr(user, "officer", None) if user is not None else None
    # The actor is the user only once they have proved who they are (not on failures and lockouts).
    proved = action in (AuthAction.LOGIN, AuthAction.LOGOUT) or action.startswith("auth.password_change")
    record(actor=user if proved else None, action=action, obj=user,
           object_type=User._meta.label_lower, object_repr=username[:150],
           unit=officer.unit if officer is not None else None,
           after={"username": getattr(user, "username", "") or username[:150], "ip": _client_ip(request)})


@transaction.atomic
def auth_event_record(*, action, request, user=None, username=""):
    """Audit a failed login, a logout or a lockout; never the password (only the username tried)."""
    if user is None and not username:
        return  # a logout without a signed-in user, a failure without a username: nothing to tell
    _user_event(action=action, request=request, user=user, username=str(username or ""))


@transaction.atomic
def auth_login_record(*, request, user):
    """A login: remember the account's session generation in the new session, and audit it."""
    officer = Officer.objects.filter(user=user).only("session_generation").first()
    if officer is not None and request is not None and hasattr(request, "session"):
        request.session[SESSION_GENERATION_KEY] = officer.session_generation
    _user_event(action=AuthAction.LOGIN, request=request, user=user)


def session_is_current(session, officer):
    """False for a session that logged in before the account was last locked."""
    return session.get(SESSION_GENERATION_KEY, 0) == officer.session_generation


def _password_failures(user):
    """Wrong old passwords since the cool-off began or the last change, whichever is later.

    Counted from the audit trail: it is in the database, so every app server sees the same count.
    """
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    events = AuditEvent.objects.filter(object_type=get_user_model()._meta.label_lower, object_id=str(user.pk))
    last_change = events.filter(action=AuthAction.PASSWORD_CHANGE).aggregate(at=Max("at"))["at"]
    if last_change is not None and last_change > since:
        since = last_change
    return events.filter(action=AuthAction.PASSWORD_CHANGE_FAILED, at__gt=since).count()


def password_change(*, actor, old_password, new_password, request=None):
    """Đổi mật khẩu. Rate-limited like the login: after AXES_FAILURE_LIMIT wrong old passwords within
    AXES_COOLOFF_MINUTES, further attempts are refused without checking. Every attempt is audited,
    the failures too, so their audit rows commit even though the change is refused.
    """
    User = get_user_model()
    with transaction.atomic():
        # One attempt at a time per account, so parallel requests cannot slip past the limit.
        user = User._default_manager.select_for_update().get(pk=actor.pk)
        event = {"request": request, "user": user}
        if _password_failures(user) >= settings.AXES_FAILURE_LIMIT:
            _user_event(action=AuthAction.PASSWORD_CHANGE_BLOCKED, **event)
            error = ValidationError(_("Đã nhập sai mật khẩu cũ %(limit)s lần: tạm thời không đổi được mật khẩu, "
                                      "hãy thử lại sau %(minutes)s phút.")
                                    % {"limit": settings.AXES_FAILURE_LIMIT,
                                       "minutes": round(settings.AXES_COOLOFF_TIME * 60)})
        elif not user.check_password(old_password):
            _user_event(action=AuthAction.PASSWORD_CHANGE_FAILED, **event)
            error = ValidationError({"old_password": _("Mật khẩu cũ không đúng.")})
        else:
            user.set_password(new_password)
            user.save(update_fields=["password"])
            _user_event(action=AuthAction.PASSWORD_CHANGE, **event)
            return user
    raise error


# --- the 2025 arrangement: old → new units -------------------------------------------------------

@dataclass
class MappingImportResult:
    created_units: int
    successions: int
    updated: int
    unchanged: int


def _default_area_of_kind(kind):
    return Area.URBAN if kind in URBAN_KINDS else Area.RURAL


def _old_units(rows, closed_on):
    """The old units of the file (provinces, districts, communes) open on `closed_on`, by (tier, code);
    created as closed units (hiệu lực đến `closed_on`) when missing, parents first."""
    levels = [
        ("province", {r.province_code: (r.province_name, r.province_kind, None) for r in rows}),
        ("district", {r.district_code: (r.district_name, r.district_kind, r.province_code) for r in rows}),
        ("commune", {r.old_code: (r.old_name, r.old_kind, r.district_code) for r in rows}),
    ]
    found, parent_level, created = {}, None, 0
    for level, wanted in levels:
        existing = {u.code: u for u in AdministrativeUnit.objects.current(closed_on).filter(code__in=wanted)}
        clash = [u for u in existing.values() if u.valid_to is None]
        if clash:
            raise ImportFailed([CellError(None, "old_code", _("đơn vị cũ mã %(code)s (%(name)s) vẫn còn hiệu lực: "
                                                              "cần ghi ngày hết hiệu lực trước.")
                                          % {"code": u.code, "name": u.name}) for u in clash])
        new = []
        for code, (name, kind, parent_code) in wanted.items():
            if code in existing:
                continue
            parent = found[parent_level][parent_code] if parent_code else None
            existing[code] = AdministrativeUnit(code=code, name=name, kind=kind, parent=parent, valid_to=closed_on,
                                                area="" if parent is None else _default_area_of_kind(kind))
            new.append(existing[code])
        AdministrativeUnit.objects.bulk_create(new, batch_size=1000)
        created += len(new)
        found[level], parent_level = existing, level
    return found, created


@transaction.atomic
def unit_mapping_import(*, actor, file, filename=None, effective_on=None):
    """Nhập bảng sắp xếp đơn vị hành chính (đơn vị cũ → đơn vị kế thừa): all rows or none.

    Raises ImportFailed listing every error by row and column. Pairs already there get the file's
    resolution, so importing the same file again changes nothing. Old provinces are paired with the
    provinces their communes went to.
    """
    from povertyplan.unit_mapping import REFORM_DATE, validate_mapping_table

    effective_on = effective_on or REFORM_DATE
    tables = read_tables(file, filename)
    rows = validate_mapping_table(next(iter(tables.values())), effective_on=effective_on)
    units, created_units = _old_units(rows, effective_on - datetime.timedelta(days=1))
    if created_units:
        rebuild_paths()
    wanted = {}
    for r in rows:
        wanted[(units["commune"][r.old_code].pk, r.successor.pk)] = (r.resolution, r.confidence)
        province_pair = (units["province"][r.province_code].pk, r.successor.parent_id)
        wanted.setdefault(province_pair, ("", ""))
    existing = {(s.predecessor_id, s.successor_id): s for s in UnitSuccession.objects.filter(
        predecessor_id__in={p for p, _s in wanted})}
    new, changed = [], []
    for (old_pk, new_pk), (resolution, confidence) in wanted.items():
        succession = existing.get((old_pk, new_pk))
        if succession is None:
            new.append(UnitSuccession(predecessor_id=old_pk, successor_id=new_pk, resolution=resolution,
                                      confidence=confidence))
        elif (succession.resolution, succession.confidence) != (resolution, confidence):
            succession.resolution, succession.confidence = resolution, confidence
            changed.append(succession)
    UnitSuccession.objects.bulk_create(new, batch_size=2000)
    UnitSuccession.objects.bulk_update(changed, ["resolution", "confidence"], batch_size=2000)
    result = MappingImportResult(created_units=created_units, successions=len(new), updated=len(changed),
                                 unchanged=len(wanted) - len(new) - len(changed))
    record(actor=actor, action="unit.mapping_import", object_type=UnitSuccession._meta.label_lower,
           after={**result.__dict__, "file": filename or getattr(file, "name", ""),
                  "effective_on": effective_on.isoformat()})
    return result


@transaction.atomic
def villages_carry(*, actor, old_commune, new_commune, on_date=None):
    """Chuyển thôn, tổ dân phố của xã cũ sang đơn vị kế thừa: each village of `old_commune` open the day
    before `on_date` gets a new village under `new_commune`, valid from `on_date`, same code, name,
    kind and area, with the old village as its predecessor. The old villages keep their history and
    close the day before. Returns {old village: new village}; carrying again returns the same pairs.
    """
    on_date = on_date or new_commune.valid_from
    if on_date is None:
        raise ValidationError({"on_date": _("Cần ngày có hiệu lực của đơn vị kế thừa.")})
    if old_commune.tier != Tier.COMMUNE or new_commune.tier != Tier.COMMUNE:
        raise ValidationError(_("Chỉ chuyển thôn, tổ dân phố giữa hai đơn vị cấp xã."))
    if not new_commune.is_open_on(on_date):
        raise ValidationError(_("%(unit)s chưa có hiệu lực ngày %(date)s.")
                              % {"unit": new_commune.full_name, "date": on_date.strftime("%d/%m/%Y")})
    if not UnitSuccession.objects.filter(predecessor=old_commune, successor=new_commune).exists():
        raise ValidationError(_("%(new)s không phải đơn vị kế thừa của %(old)s (nhập bảng sắp xếp trước).")
                              % {"new": new_commune.full_name, "old": old_commune.full_name})
    closed_on = on_date - datetime.timedelta(days=1)
    olds = list(old_commune.children.current(closed_on).order_by("code"))
    carried = {s.predecessor_id: s.successor for s in UnitSuccession.objects.filter(
        predecessor__in=olds, successor__parent=new_commune).select_related("successor")}
    taken = set(new_commune.children.current(on_date).values_list("code", flat=True))
    pairs, new = {}, []
    for village in olds:
        if village.pk in carried:
            pairs[village] = carried[village.pk]
            continue
        if village.code in taken:
            raise ValidationError(_("%(new)s đã có đơn vị mã %(code)s.") % {"new": new_commune.full_name,
                                                                            "code": village.code})
        pairs[village] = AdministrativeUnit(code=village.code, name=village.name, kind=village.kind,
                                            parent=new_commune, area=village.area, valid_from=on_date)
        new.append(village)
    for village in new:
        unit = pairs[village]
        unit.full_clean(exclude=["path"], validate_constraints=False)
    AdministrativeUnit.objects.bulk_create([pairs[v] for v in new])
    for unit in (pairs[v] for v in new):
        _set_path(unit)
    AdministrativeUnit.objects.bulk_update([pairs[v] for v in new], ["path"])
    UnitSuccession.objects.bulk_create([UnitSuccession(predecessor=v, successor=pairs[v]) for v in new])
    closing = [v for v in olds if v.valid_to is None or v.valid_to > closed_on]
    for village in closing:
        village.valid_to = closed_on
    AdministrativeUnit.objects.bulk_update(closing, ["valid_to"])
    if new:
        record(actor=actor, action="unit.carry", obj=new_commune, unit=new_commune,
               after={"from": unit_ref(old_commune), "to": unit_ref(new_commune),
                      "villages": [unit_ref(pairs[v]) for v in new], "on": on_date.isoformat()})
    return pairs
