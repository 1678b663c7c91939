"""Writes of agencies (cơ quan, đơn vị thực hiện): atomic and audited."""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from povertyplan.audit import record
from programmes import selectors
from programmes.access import require_unit_writer
from programmes.models import Agency
from programmes.services.conflicts import check_version

FIELDS = ["unit", "name", "short_name", "kind"]


def _state(agency):
    return {"unit": agency.unit.code, "name": agency.name, "short_name": agency.short_name, "kind": agency.kind,
            "members": sorted(agency.members.values_list("username", flat=True)) if agency.pk else [],
            "version": agency.version}


def _name_taken(agency):
    return Agency.objects.filter(unit=agency.unit_id, name__iexact=agency.name).exclude(pk=agency.pk).exists()


def _name_error():
    return ValidationError({"name": _("Đơn vị này đã có cơ quan cùng tên.")})


def _check_members(actor, members):
    """Members are agency officers inside the actor's scope (the candidates the form offers)."""
    allowed = set(selectors.agency_officer_users(actor).filter(pk__in=[m.pk for m in members])
                  .values_list("pk", flat=True))
    if any(m.pk not in allowed for m in members):
        raise ValidationError({"members": _("Chỉ chọn được tài khoản cán bộ cơ quan, đơn vị trong địa bàn của bạn.")})


def _save(agency):
    """full_clean and save; a clash with a name saved meanwhile (a double submit) is the same form
    error as the check before it, never an IntegrityError."""
    if _name_taken(agency):
        raise _name_error()
    agency.full_clean(validate_constraints=False)  # the name rule is checked above, case-insensitively
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError:
        if _name_taken(agency):
            raise _name_error() from None
        raise


@transaction.atomic
def agency_create(*, actor, unit, name, short_name="", kind, members=()):
    require_unit_writer(actor, unit)
    _check_members(actor, members)
    agency = Agency(unit=unit, name=name.strip(), short_name=short_name.strip(), kind=kind)
    _save(agency)
    agency.members.set(members)
    record(actor=actor, action="agency.create", obj=agency, unit=unit, after=_state(agency))
    return agency


@transaction.atomic
def agency_update(*, actor, agency, version, members=None, **values):
    """Change an agency read at `version` (its edit form's); a stale version raises VersionConflict."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"agency_update() got unexpected fields {sorted(unknown)}")
    current = Agency.objects.select_for_update(of=("self",)).select_related("unit").get(pk=agency.pk)
    require_unit_writer(actor, current.unit)
    if "unit" in values:
        require_unit_writer(actor, values["unit"])
    check_version(current, version)
    if members is not None:  # members someone with a wider scope added may stay; new ones must be allowed
        kept = set(current.members.values_list("pk", flat=True))
        _check_members(actor, [m for m in members if m.pk not in kept])
    before = _state(current)
    for field, value in values.items():
        setattr(current, field, value.strip() if isinstance(value, str) else value)
    changed = {k: v for k, v in _state(current).items() if before[k] != v}
    new_members = sorted(m.username for m in members) if members is not None else before["members"]
    if not changed and new_members == before["members"]:
        return current
    current.version += 1
    _save(current)
    if members is not None:
        current.members.set(members)
    record(actor=actor, action="agency.update", obj=current, unit=current.unit, before=before, after=_state(current))
    return current
