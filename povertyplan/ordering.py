"""Units in their codes' natural order (07339-01 … 07339-26, "07339-2" before "07339-10"), as a tree.

The materialised path holds primary keys, so ordering by it lists "/1/10/" before "/1/9/": a village created
later sorts by its id, not its code. Lists of units (form choices, filters) sort here instead, in Python, from
rows already fetched: no extra query.
"""
import re

from django.forms.models import ModelChoiceIterator

_PARTS = re.compile(r"(\d+)")


def natural_key(code):
    """"07339-10" → ((0, 7339), (1, "-"), (0, 10)): numbers compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _PARTS.split(code or "") if part)


def sort_in_tree_order(units):
    """The units depth-first, siblings by natural code order; a unit whose ancestor is not among them sorts by the
    codes of the ancestors that are (villages of one commune: by their own code)."""
    units = list(units)
    codes = {u.pk: natural_key(u.code) for u in units}

    def key(unit):
        chain = [int(p) for p in (unit.path or "").strip("/").split("/") if p] or [unit.pk]
        return tuple(codes[pk] for pk in chain if pk in codes)
    return sorted(units, key=key)


class TreeOrderIterator(ModelChoiceIterator):
    """Choices of a unit field in tree order (set `field.iterator = TreeOrderIterator`)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in sort_in_tree_order(self.queryset):
            yield self.choice(unit)


def tree_ordered(field):
    """Make a ModelChoiceField of units list its choices in tree order; returns the field."""
    field.iterator = TreeOrderIterator
    field.widget.choices = field.choices  # the widget kept an iterator of the old class when the queryset was set
    return field


def tree_code(prefix=""):
    """An expression ordering rows by their unit's place in the tree by codes ("24/216/07339/07339-01"), for
    querysets that are paginated (officers, agencies, plans) and so cannot be sorted in Python. GSO codes have
    a fixed width per tier, so text order is the natural order; a unit sorts right before its children."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import Concat

    parts = []
    for depth in (3, 2, 1):
        field = f"{prefix}{'parent__' * depth}code"
        parts.append(Case(When(**{f"{field}__isnull": False}, then=Concat(F(field), Value("/"))), default=Value(""),
                          output_field=CharField()))
    return Concat(*parts, F(f"{prefix}code"), output_field=CharField())
