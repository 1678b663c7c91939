"""Writes of the household registry: households and members. Each is atomic and audited."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from households import rules
from households.access import in_scope, require_write
from households.models import FLAG_FIELDS, Household, Member, Relation
from households.services.conflicts import check_version
from households.services.figures import figures_refresh
from povertyplan import audit
from povertyplan.audit import record
from povertyplan.lib.db import save_or_clash
from povertyplan.models import AdministrativeUnit, Tier
from povertyplan.routing import require_open

HOUSEHOLD_FIELDS = ["village", "code", "head_name", "address", *FLAG_FIELDS]
MEMBER_FIELDS = ["full_name", "sex", "birth_date", "birth_year", "id_number", "relation", "ethnicity",
                 "health_insurance", "schooling", "work"]


def household_snapshot(household):
    data = {name: getattr(household, name) for name in HOUSEHOLD_FIELDS if name != "village"}
    data["village"] = household.village.name
    data["version"] = household.version
    return data


def member_snapshot(member):
    data = {name: getattr(member, name) for name in MEMBER_FIELDS}
    data["birth_date"] = member.birth_date.strftime("%d/%m/%Y") if member.birth_date else None
    # The audit trail keeps the masked number: the log is read by supervisors too.
    data["id_number"] = member.masked_id_number
    data["is_active"] = member.is_active
    data["version"] = member.version
    return data


def lock_commune(commune_id):
    """Serialise writes that create households in one commune (PostgreSQL row lock; SQLite locks the
    whole database on write anyway), so code checks and imports see each other's rows."""
    list(AdministrativeUnit.objects.select_for_update().filter(pk=commune_id).values_list("pk", flat=True))


def _check_village(actor, village):
    if village is None or village.tier != Tier.VILLAGE:
        raise ValidationError({"village": _("Cần chọn thôn, tổ dân phố.")})
    if not village.area:
        raise ValidationError({"village": _("Thôn, tổ dân phố này chưa có khu vực (thành thị/nông thôn).")})
    require_write(actor, village)
    today = timezone.localdate()
    if not village.is_open_on(today):  # a closed village's households went to its successor (households_carry)
        try:
            require_open(village, today, _("hộ"))
        except ValidationError as error:
            raise ValidationError({"village": error.messages}) from None


def _code_taken(household):
    return ValidationError({"code": _("Mã hộ %(code)s đã có trong xã.") % {"code": household.code}})


def _check_code_free(household):
    clash = Household.objects.filter(commune_id=household.commune_id, code=household.code).exclude(pk=household.pk)
    if clash.exists():
        raise _code_taken(household)


@transaction.atomic
def household_create(*, actor, village, code, head_name, address="", is_ethnic_minority=False, is_meritorious=False,
                     is_social_protection=False, no_working_capacity=False):
    """Thêm hộ gia đình vào sổ hộ của xã."""
    _check_village(actor, village)
    lock_commune(village.parent_id)
    household = Household(commune_id=village.parent_id, village=village, code=code.strip(), head_name=head_name.strip(),
                          address=address.strip(), is_ethnic_minority=is_ethnic_minority, is_meritorious=is_meritorious,
                          is_social_protection=is_social_protection, no_working_capacity=no_working_capacity)
    household.refresh_search_name()
    _check_code_free(household)
    household.full_clean()
    save_or_clash(household, lambda: _code_taken(household))
    figures_refresh([household.village_id])
    record(actor=actor, action="household.create", obj=household, unit=village, after=household_snapshot(household))
    return household


@transaction.atomic
def household_update(*, actor, household, version, **changes):
    """Sửa thông tin hộ. `version` is the one the form was read at; a stale one raises VersionConflict."""
    current = Household.objects.select_for_update().select_related("village").get(pk=household.pk)
    require_write(actor, current.village)
    check_version(current, version)
    unknown = set(changes) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise TypeError(f"unknown household fields: {sorted(unknown)}")
    if "village" in changes and changes["village"].pk != current.village_id:
        _check_village(actor, changes["village"])
        if changes["village"].parent_id != current.commune_id:
            raise ValidationError({"village": _("Chỉ chuyển hộ sang thôn, tổ dân phố trong cùng xã.")})
    changes = {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}
    if all(getattr(current, k) == v for k, v in changes.items()):
        return current  # nothing to save: no new version, no audit row
    before = household_snapshot(current)
    moved_from = current.village_id
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    current.refresh_search_name()
    _check_code_free(current)
    current.full_clean()
    save_or_clash(current, lambda: _code_taken(current))
    figures_refresh([moved_from, current.village_id])  # a move, or a flag the summaries count
    record(actor=actor, action="household.update", obj=current, unit=current.village, before=before,
           after=household_snapshot(current))
    return current


def _normalise_member(values):
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    errors = rules.birth_errors(values.get("birth_date"), values.get("birth_year"))
    if errors:
        raise ValidationError(errors)
    if values.get("birth_date"):
        values["birth_year"] = values["birth_date"].year
    return values


def _id_number_taken(actor, member):
    """The clash message names the other household only when the officer may see it (else it would tell
    an officer who is registered where, outside their commune)."""
    other = Member.objects.filter(id_number=member.id_number, is_active=True).exclude(pk=member.pk).select_related(
        "household__village").first()
    if other is not None and in_scope(actor, other.household.village):
        message = _("Số CCCD %(number)s đã có ở %(name)s, hộ %(code)s.") % {
            "number": member.id_number, "name": other.full_name, "code": other.household.code}
    else:
        message = _("Số CCCD %(number)s đã được ghi cho một người đang có tên trong sổ hộ ở đơn vị khác. Kiểm tra lại "
                    "số; nếu đúng, người đó cần được ghi ra khỏi hộ cũ trước.") % {"number": member.id_number}
    return ValidationError({"id_number": message})


def _head_taken():
    return ValidationError({"relation": _("Hộ đã có chủ hộ.")})


def _clash(actor, member):
    """What a unique constraint hit by a concurrent save means: a taken CCCD, else a second head."""
    if member.id_number and Member.objects.filter(id_number=member.id_number, is_active=True).exclude(
            pk=member.pk).exists():
        return _id_number_taken(actor, member)
    return _head_taken()


def _check_member(actor, member):
    if member.id_number and Member.objects.filter(id_number=member.id_number, is_active=True).exclude(pk=member.pk).exists():
        raise _id_number_taken(actor, member)
    if member.relation == Relation.HEAD and member.is_active and member.household.members.filter(
            relation=Relation.HEAD, is_active=True).exclude(pk=member.pk).exists():
        raise _head_taken()
    member.full_clean()


@transaction.atomic
def member_create(*, actor, household, **values):
    """Thêm nhân khẩu vào hộ."""
    require_write(actor, household.village)
    member = Member(household=household, **_normalise_member(values))
    _check_member(actor, member)
    save_or_clash(member, lambda: _clash(actor, member))
    figures_refresh([household.village_id])  # people in poor / near-poor households
    record(actor=actor, action="member.create", obj=member, unit=household.village, after=member_snapshot(member))
    return member


@transaction.atomic
def member_update(*, actor, member, version, **values):
    """Sửa thông tin nhân khẩu (còn trong hộ). A stale `version` raises VersionConflict."""
    current = Member.objects.select_for_update().select_related("household__village").get(pk=member.pk)
    require_write(actor, current.household.village)
    check_version(current, version)
    if not current.is_active:
        raise ValidationError(_("Thành viên đã ra khỏi hộ, không sửa được."))
    values = _normalise_member(values)
    if all(getattr(current, k) == v for k, v in values.items()):
        return current
    before = member_snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    _check_member(actor, current)
    save_or_clash(current, lambda: _clash(actor, current))
    record(actor=actor, action="member.update", obj=current, unit=current.household.village, before=before,
           after=member_snapshot(current))
    return current


@transaction.atomic
def member_remove(*, actor, member, reason, left_on=None):
    """Ghi nhân khẩu ra khỏi hộ (chết, chuyển đi, tách hộ…): kept, inactive, with the reason."""
    member = Member.objects.select_for_update().select_related("household__village").get(pk=member.pk)
    require_write(actor, member.household.village)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Cần ghi lý do.")})
    if not member.is_active:
        raise ValidationError(_("Thành viên đã ra khỏi hộ."))
    before = member_snapshot(member)
    member.is_active = False
    member.left_on = left_on or timezone.localdate()
    member.left_reason = reason.strip()
    member.version += 1
    member.full_clean()
    member.save()
    figures_refresh([member.household.village_id])
    record(actor=actor, action="member.remove", obj=member, unit=member.household.village, before=before,
           after=member_snapshot(member), reason=member.left_reason)
    return member


@transaction.atomic
def households_save_many(*, actor, commune, created=(), updated=(), refresh_figures=True, parsed=False):
    """Bulk form of household_create / household_update for the Excel import: the same scope check and
    model validation, one audit event per household, a few INSERTs. `updated` holds (household, before
    snapshot) with the changes already set; uniqueness was checked by the import and is held by the
    database (a clash raises IntegrityError for the caller to report). A caller saving in chunks passes
    refresh_figures=False and refreshes the commune's kept figures once at the end. `parsed`: the values came
    through households.excel.parse, which ran the same field validation on each row (and reported it on its
    cell), so it is not run a second time here."""
    require_write(actor, commune)
    lock_commune(commune.pk)
    for household in [*created, *(h for h, _before in updated)]:
        if household.commune_id != commune.pk or household.village.parent_id != commune.pk:
            raise PermissionDenied
        household.refresh_search_name()
        # the commune and village were checked just above against loaded rows: full_clean would re-read both
        # foreign keys, two queries per household (20,000 of a 10,000-household import's queries)
        if not parsed:
            household.full_clean(exclude=["current_review", "commune", "village"], validate_unique=False,
                                 validate_constraints=False)
    Household.objects.bulk_create(created, batch_size=2000)
    events = [audit.event(actor=actor, action="household.create", obj=h, unit=h.village, after=household_snapshot(h))
              for h in created]
    for household, before in updated:
        household.version += 1
        household.save()
        events.append(audit.event(actor=actor, action="household.update", obj=household, unit=household.village,
                                  before=before, after=household_snapshot(household)))
    audit.record_many(events)
    if refresh_figures:
        figures_refresh(commune.children.values_list("pk", flat=True))  # new and moved households


@transaction.atomic
def members_save_many(*, actor, commune, created=(), updated=(), refresh_figures=True, parsed=False):
    """Bulk form of member_create / member_update for the Excel import (see households_save_many, also for
    `parsed`: the parser checks the birth rules and the fields)."""
    require_write(actor, commune)
    for member in [*created, *(m for m, _before in updated)]:
        if member.household.commune_id != commune.pk:
            raise PermissionDenied
        if parsed:
            continue
        errors = rules.birth_errors(member.birth_date, member.birth_year)
        if errors:
            raise ValidationError(errors)
        member.full_clean(exclude=["household"], validate_unique=False, validate_constraints=False)
    Member.objects.bulk_create(created, batch_size=2000)
    events = [audit.event(actor=actor, action="member.create", obj=m, unit=m.household.village, after=member_snapshot(m))
              for m in created]
    for member, before in updated:
        member.version += 1
        member.save()
        events.append(audit.event(actor=actor, action="member.update", obj=member, unit=member.household.village,
                                  before=before, after=member_snapshot(member)))
    audit.record_many(events)
    if refresh_figures:
        figures_refresh(commune.children.values_list("pk", flat=True))  # people in poor / near-poor households
