"""The audit trail in words: one place that turns AuditEvents into what a history shows.

Every history (the household page, /audit/, the plan log) calls `describe(events)`. An action code
(`review.recognise`) becomes its label; the object becomes its kind ("hộ gia đình") and a link; `before`/`after`
become "field: before → after" with the model's verbose names and choice labels, booleans as Có/Không, dates
dd/mm/yyyy and years without separators.

Apps fill the registries from their `audit_labels` module (imported in AppConfig.ready): `register_actions`,
`register_object`, `register_fields`, `register_values`. An action nobody registered is still shown in words,
from its verb (`register_verbs`) and the object's kind, never as its code.
"""
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {}  # action code → label
VERBS = {}  # last part of an action code ("create") → label, for codes nobody registered
OBJECTS = {}  # object_type → ObjectKind
FIELDS = {}  # (object_type, key) → label; ("", key) for every object type
VALUES = {}  # (object_type, key) → callable(value) → text
HIDDEN = {"version", "id", "password"}  # bookkeeping keys a reader has no use for


@dataclass
class ObjectKind:
    label: object = None
    url: object = None  # callable(object_id) → URL, or None
    urls: object = None  # callable(list of object_ids) → {object_id: URL}, one query for a page of events


@dataclass
class Change:
    label: str
    before: str
    after: str
    created: bool = False  # no value before: shown as "field: after"


@dataclass
class EventView:
    event: object
    action: str
    kind: str
    text: str
    url: str = ""
    changes: list = field(default_factory=list)

    def __getattr__(self, name):  # at, actor, unit, reason … of the event
        return getattr(self.event, name)


def register_actions(mapping):
    ACTIONS.update(mapping)


def register_verbs(mapping):
    VERBS.update(mapping)


def register_object(object_type, *, label=None, url=None, urls=None):
    OBJECTS[object_type] = ObjectKind(label=label, url=url, urls=urls)


def register_fields(object_type, mapping):
    for key, label in mapping.items():
        FIELDS[(object_type, key)] = label


def register_values(object_type, mapping):
    for key, formatter in mapping.items():
        VALUES[(object_type, key)] = formatter


# --- labels -------------------------------------------------------------------------------------------------

def _model(object_type):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _model_field(object_type, key):
    model = _model(object_type)
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return None if model_field.auto_created and not model_field.concrete else model_field  # not reverse relations


def _words(code):
    """Last resort for a key nobody labelled: its words, not its identifier."""
    return capfirst(re.sub(r"[_.]+", " ", str(code)).strip())


def action_label(action, object_type=""):
    if action in ACTIONS:
        return str(ACTIONS[action])
    verb = VERBS.get(action.rsplit(".", 1)[-1])
    if verb is not None:
        return f"{verb} {kind_label(object_type).lower()}".strip()
    return _words(action)


def kind_label(object_type):
    kind = OBJECTS.get(object_type)
    if kind is not None and kind.label:
        return capfirst(str(kind.label))
    model = _model(object_type)
    return capfirst(str(model._meta.verbose_name)) if model is not None else _words(object_type.rsplit(".", 1)[-1])


def _known_field_label(object_type, key):
    for lookup in ((object_type, key), ("", key)):
        if lookup in FIELDS:
            return capfirst(str(FIELDS[lookup]))
    model_field = _model_field(object_type, key)
    if model_field is not None and getattr(model_field, "verbose_name", None):
        return capfirst(str(model_field.verbose_name))
    return None


def object_type_choices():
    """(object_type, label) of every registered kind of object, by label: the audit list's filter."""
    return sorted(((t, kind_label(t)) for t in OBJECTS), key=lambda pair: pair[1])


def field_label(object_type, key):
    return _known_field_label(object_type, key) or _words(key)


def unlabelled(event):
    """What of the event would be shown from its code for want of a label (the "every kind" test asks for none)."""
    missing = []
    if event.action not in ACTIONS and event.action.rsplit(".", 1)[-1] not in VERBS:
        missing.append(event.action)
    for data in (event.before, event.after):
        if isinstance(data, dict):
            missing += [k for k in data if k not in HIDDEN and _known_field_label(event.object_type, k) is None]
    return missing


# --- values -------------------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
ISO_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})")
EMPTY = "—"


def yes_no(value):
    return gettext("Có") if value else gettext("Không")


def number(value):
    return number_format(value, force_grouping=True)


def choice_list(choices):
    """A formatter for a ", "-joined list of choice codes (review causes)."""
    labels = dict(choices)

    def format_codes(value):
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        return ", ".join(str(labels.get(c, _words(c))) for c in codes) or EMPTY
    return format_codes


def is_ref(value):
    """An object named by id and its label at the time (audit.unit_ref): shown by that label. Older events of the
    same actions stored a bare code, which is shown as it is."""
    return isinstance(value, dict) and set(value) == {"id", "label"}


def value_text(object_type, key, value, names=None):
    formatter = VALUES.get((object_type, key)) or VALUES.get(("", key))
    if value is None or value == "" or value == []:
        return EMPTY
    if is_ref(value):
        return str(value["label"])
    if isinstance(value, (list, tuple)) and all(is_ref(v) for v in value):
        return ", ".join(str(v["label"]) for v in value)
    if formatter is not None:
        return str(formatter(value))
    if isinstance(value, bool):
        return yes_no(value)
    model_field = _model_field(object_type, key)
    if model_field is not None and model_field.many_to_one and names is not None and isinstance(value, (int, str)):
        return names.get((model_field.related_model._meta.label_lower, str(value)), str(value))
    if model_field is not None and model_field.choices:
        labels = dict(model_field.flatchoices)
        if value in labels:
            return str(labels[value])
    if isinstance(value, dict):
        return "; ".join(f"{field_label(object_type, k)}: {value_text(object_type, k, v)}" for k, v in value.items()
                         if k not in HIDDEN)
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, dict) for v in value):
            return gettext("%(count)s dòng") % {"count": len(value)}
        return ", ".join(value_text(object_type, key, v) for v in value)
    if isinstance(value, (int, float)):
        # Years, codes and counts of a few are written as they are; sums of money get separators.
        if key.endswith("year") or key in {"year", "month"} or abs(value) < 10000:
            return str(value)
        return number(value)
    text = str(value)
    if m := ISO_DATETIME.match(text):
        return f"{m[3]}/{m[2]}/{m[1]} {m[4]}:{m[5]}"
    if m := ISO_DATE.match(text):
        return f"{m[3]}/{m[2]}/{m[1]}"
    return text


def _in_field_order(object_type, keys):
    """The keys in the model's field order, then the others by name: PostgreSQL's jsonb does not keep the order
    a payload was written in, so the display must not depend on it."""
    model = _model(object_type)
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many] if model is not None else []
    position = {f.name: i for i, f in enumerate(fields)}
    return sorted(keys, key=lambda k: (position.get(k, len(position)), k))


def changes(event, names=None):
    """The event's before → after, field by field, in words (`names`: related objects' names, see _related_names)."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    rows = []
    for key in _in_field_order(event.object_type, {**before, **after}):
        if key in HIDDEN or before.get(key) == after.get(key):
            continue
        old, new = before.get(key), after.get(key)
        if key not in before and new in (None, "", []):  # a new record: its empty fields say nothing
            continue
        if isinstance(old, list) and isinstance(new, list) and any(isinstance(v, dict) and not is_ref(v)
                                                                   for v in old + new):
            old_text, new_text = _row_count(old), _row_count(new)
        else:
            old_text, new_text = (value_text(event.object_type, key, old, names),
                                 value_text(event.object_type, key, new, names))
        if old_text == new_text and key in before:  # e.g. a village carried with its name: "X → X" says nothing
            continue
        rows.append(Change(field_label(event.object_type, key), old_text, new_text, created=key not in before))
    return rows


def _row_count(rows):
    return gettext("%(count)s dòng") % {"count": len(rows)}


# --- events -------------------------------------------------------------------------------------------------

def _related_names(events):
    """Names of the rows that snapshots refer to by id (a plan's programme, a unit's parent): one query per model."""
    wanted = {}
    for e in events:
        for data in (e.before, e.after):
            if not isinstance(data, dict):
                continue
            for key, value in data.items():
                model_field = _model_field(e.object_type, key)
                if model_field is not None and model_field.many_to_one and isinstance(value, int):
                    wanted.setdefault(model_field.related_model, set()).add(str(value))
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids_as_ints(ids)):
            names[(model._meta.label_lower, str(obj.pk))] = str(obj)
    return names


def describe(events):
    """EventViews of a page of events; object links and related names cost at most one query per model."""
    events = list(events)
    names = _related_names(events)
    urls = {}
    by_type = {}
    for e in events:
        by_type.setdefault(e.object_type, []).append(e.object_id)
    for object_type, ids in by_type.items():
        kind = OBJECTS.get(object_type)
        if kind is None:
            continue
        if kind.urls is not None:
            found = kind.urls([i for i in ids if i])
            urls.update({(object_type, i): u for i, u in found.items()})
        elif kind.url is not None:
            urls.update({(object_type, i): kind.url(i) for i in ids if i})
    return [EventView(
        event=e,
        action=action_label(e.action, e.object_type),
        kind=kind_label(e.object_type),
        text=e.object_repr,
        url=urls.get((e.object_type, e.object_id), ""),
        changes=changes(e, names),
    ) for e in events]


def ids_as_ints(ids):
    return [int(i) for i in ids if str(i).isdigit()]


register_verbs({
    "create": _("Tạo"), "update": _("Sửa"), "change": _("Sửa"), "remove": _("Xóa"), "delete": _("Xóa"),
    "import": _("Nhập từ tệp"), "export": _("Xuất tệp"), "save": _("Lưu"), "lock": _("Khóa"),
    "submit": _("Gửi"), "approve": _("Duyệt"), "return": _("Trả lại"), "reopen": _("Mở lại"),
})
register_fields("", {"reason": _("lý do"), "state": _("trạng thái"), "filters": _("bộ lọc")})
