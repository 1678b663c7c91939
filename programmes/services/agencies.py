"""Writes of agencies (cơ quan, đơn vị thực hiện): atomic and audited."""
from django.core.exceptions import PermissionDenied
from django.db import transaction

from povertyplan.access import in_scope
from povertyplan.audit import record
from programmes.access import is_plan_writer
from programmes.models import Agency

FIELDS = ["unit", "name", "short_name", "kind"]


def _check(actor, unit):
    if actor is not None and not (is_plan_writer(actor) and in_scope(actor, unit)):
        raise PermissionDenied


def _state(agency):
    return {"unit": agency.unit.code, "name": agency.name, "short_name": agency.short_name, "kind": agency.kind,
            "members": sorted(agency.members.values_list("username", flat=True)) if agency.pk else []}


@transaction.atomic
def agency_create(*, actor, unit, name, short_name="", kind, members=()):
    _check(actor, unit)
    agency = Agency(unit=unit, name=name.strip(), short_name=short_name.strip(), kind=kind)
    agency.full_clean()
    agency.save()
    agency.members.set(members)
    record(actor=actor, action="agency.create", obj=agency, unit=unit, after=_state(agency))
    return agency


@transaction.atomic
def agency_update(*, actor, agency, members=None, **values):
    _check(actor, agency.unit)
    if "unit" in values:
        _check(actor, values["unit"])
    before = _state(agency)
    for field, value in values.items():
        if field not in FIELDS:
            raise TypeError(f"agency_update() got an unexpected field {field!r}")
        setattr(agency, field, value.strip() if isinstance(value, str) else value)
    agency.full_clean()
    agency.save()
    if members is not None:
        agency.members.set(members)
    after = _state(agency)
    if after != before:
        record(actor=actor, action="agency.update", obj=agency, unit=agency.unit, before=before, after=after)
    return agency
