"""The target table of a plan for one unit: its own targets, the allocation over its child units,
their totals and the check that they add up (programmes.allocation). Built once; the targets page
and the plan document's annex draw the same rows."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from povertyplan.lib.numbers import rate
from programmes.allocation import Check, Status, allocation_checks, column_sums  # noqa: F401 (Check, Status: API)
from programmes.models import Target


@dataclass
class Cell:
    value: Decimal | None = None
    baseline: Decimal | None = None
    value_rate: Decimal | None = None
    baseline_rate: Decimal | None = None


@dataclass
class Row:
    unit: object
    cells: dict = field(default_factory=dict)  # indicator id → Cell

    def cell(self, indicator):
        return self.cells.get(indicator.pk) or Cell()


def _with_rates(cells, indicators):
    for indicator in indicators:
        cell = cells.get(indicator.pk)
        denominator = cells.get(indicator.denominator_id) if indicator.denominator_id else None
        if cell is None or denominator is None:
            continue
        if cell.value is not None and denominator.value:
            cell.value_rate = rate(cell.value, denominator.value)
        if cell.baseline is not None and denominator.baseline:
            cell.baseline_rate = rate(cell.baseline, denominator.baseline)


class TargetMatrix:
    """Targets of `plan` for `parent` (default: the issuing unit) and for its direct child units."""

    def __init__(self, plan, parent=None):
        self.plan = plan
        self.parent = parent or plan.issuing_unit
        self.children = list(self.parent.children.annotate(child_count=Count("children")).order_by("code"))
        targets = list(Target.objects.filter(plan=plan).filter(Q(unit=self.parent) | Q(unit__parent=self.parent))
                       .select_related("indicator").order_by("indicator__position"))
        self.own = [t for t in targets if t.unit_id == self.parent.pk]
        by_unit = {}
        indicators = {}
        for t in targets:
            by_unit.setdefault(t.unit_id, {})[t.indicator_id] = Cell(t.value, t.baseline)
            indicators[t.indicator_id] = t.indicator
        # Columns: the indicators allocated to at least one child unit, in catalogue order.
        allocated_ids = {t.indicator_id for t in targets if t.unit_id != self.parent.pk}
        self.indicators = sorted((indicators[i] for i in allocated_ids), key=lambda i: (i.position, i.code))
        self.all_indicators = sorted(indicators.values(), key=lambda i: (i.position, i.code))
        self.rows = [Row(unit, by_unit.get(unit.pk, {})) for unit in self.children]
        self.parent_row = Row(self.parent, by_unit.get(self.parent.pk, {}))
        for row in [*self.rows, self.parent_row]:
            _with_rates(row.cells, self.all_indicators)
        self.total_row = Row(self.parent, {})
        self.checks = []
        self._totals(allocated_ids)

    def _totals(self, allocated_ids):
        """Column sums as one SQL GROUP BY; the allocation check compares them with the parent's target."""
        sums = column_sums(self.plan, self.parent, allocated_ids)
        for indicator_id, s in sums.items():
            self.total_row.cells[indicator_id] = Cell(s["value_sum"], s["baseline_sum"])
        _with_rates(self.total_row.cells, self.indicators)
        own = {pk: (c.value, c.baseline) for pk, c in self.parent_row.cells.items()}
        self.checks = allocation_checks(indicators=self.indicators, own=own, sums=sums, children=len(self.children))

    @property
    def has_allocation(self):
        return bool(self.indicators)

    @property
    def all_ok(self):
        return all(c.ok and c.baseline_ok for c in self.checks)

    def check_for(self, indicator):
        return next((c for c in self.checks if c.indicator.pk == indicator.pk), None)
