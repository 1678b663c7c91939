"""The audit trail (nhật ký): services call `record` inside their own transaction."""
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms.models import model_to_dict

from povertyplan.models import AuditEvent


def snapshot(instance, fields=None, exclude=("password",)):
    """A JSON-safe dict of a model instance's field values, for `before`/`after`."""
    data = model_to_dict(instance, fields=fields, exclude=exclude)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def unit_ref(unit):
    """A unit as a payload names it: its id, since codes are reused after the 2025 reform (xã Tân Yên kept thị trấn
    Cao Thượng's 07339), and its name and code at the time, which the history shows (audit_display.is_ref)."""
    return {"id": unit.pk, "label": f"{unit.full_name} ({unit.code})"}


def _require_transaction():
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")


def event(*, actor, action, obj=None, object_type="", object_id="", object_repr="", unit=None, before=None, after=None,
          reason=""):
    """An unsaved AuditEvent: `record` saves one, `record_many` saves those of a bulk write."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=(str(obj) if obj is not None else object_repr)[:255],
        unit=unit,
        before=before,
        after=after,
        reason=reason,
    )


def record(**fields):
    """Write one AuditEvent (arguments of `event`). Must run inside the caller's transaction so both commit
    or neither."""
    _require_transaction()
    audit_event = event(**fields)
    audit_event.save()
    return audit_event


def record_many(events):
    """Write the events of a bulk change (an import) in the caller's transaction, in a few INSERTs."""
    _require_transaction()
    return AuditEvent.objects.bulk_create(events, batch_size=2000)
