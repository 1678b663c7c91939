"""Optimistic locking: a form carries the version it was read at; a stale one is refused.

The refusal lists what other officers changed since that version, read from the audit trail,
so the officer sees whose change they would have overwritten. Nothing is saved.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from povertyplan.lib.names import person_name
from povertyplan.models import AuditEvent


@dataclass(frozen=True)
class Change:
    who: str
    at: object
    field: str
    before: object
    after: object


class VersionConflict(Exception):
    def __init__(self, obj, changes):
        self.obj = obj
        self.changes = changes
        self.current_version = obj.version
        super().__init__(self.message)

    @property
    def message(self):
        return _("Bản ghi này vừa được người khác sửa sau khi bạn mở biểu mẫu, nên dữ liệu của bạn chưa được lưu. "
                 "Xem các thay đổi bên dưới, kiểm tra lại rồi bấm Lưu lần nữa nếu vẫn muốn ghi.")


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # snapshot keys that are not model fields
        return name


def changes_since(obj, version):
    """What changed on `obj` after `version`, from its audit events (oldest first)."""
    events = AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
    changes = []
    for event in events.order_by("at", "id"):
        if not event.after or (event.after.get("version") or 0) <= version:
            continue
        for name, (before, after) in event.changed_fields().items():
            if name != "version":
                changes.append(Change(person_name(event.actor) or "-", event.at, _label(type(obj), name), before, after))
    return changes


def check_version(obj, version):
    if version is None or int(version) != obj.version:
        raise VersionConflict(obj, changes_since(obj, int(version or 0)))
