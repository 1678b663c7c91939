"""The target table of a plan for one unit: its own targets, the allocation over its child units,
their totals and the check that they add up. Built once; the targets page and the plan document's
annex draw the same rows."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from povertyplan.lib.numbers import rate
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


class Status:
    OK = "ok"            # the children add up to the parent's target
    UNDER = "under"      # they add up to less
    OVER = "over"        # to more
    NO_PARENT = "no_parent"  # children have targets, the parent has none


@dataclass
class Check:
    """Kiểm tra phân bổ of one indicator: do the child units add up to the parent's target?"""

    indicator: object
    parent_value: Decimal | None
    total: Decimal
    baseline_total: Decimal | None
    parent_baseline: Decimal | None
    allocated: int  # child units with a target
    children: int   # child units in all
    valued: int = 0  # child units with a target value (not only a baseline)

    @property
    def status(self):
        if self.parent_value is None and self.valued == 0 and self.parent_baseline is not None:
            # Only starting figures (e.g. nhân khẩu năm trước): they must add up instead.
            return Status.OK if self.baseline_total == self.parent_baseline else Status.UNDER if (
                (self.baseline_total or 0) < self.parent_baseline) else Status.OVER
        if self.parent_value is None:
            return Status.NO_PARENT
        if self.total == self.parent_value:
            return Status.OK
        return Status.UNDER if self.total < self.parent_value else Status.OVER

    @property
    def ok(self):
        return self.status == Status.OK

    @property
    def compared(self):
        """(children's total, parent's figure) the status compares: values, or baselines when only those exist."""
        if self.parent_value is None and self.valued == 0 and self.parent_baseline is not None:
            return self.baseline_total or Decimal(0), self.parent_baseline
        return self.total, self.parent_value

    @property
    def difference(self):
        total, parent = self.compared
        return None if parent is None else total - parent

    @property
    def gap(self):
        """How much is missing or too much, without sign."""
        return None if self.difference is None else abs(self.difference)

    @property
    def baseline_ok(self):
        return self.parent_baseline is None or self.baseline_total == self.parent_baseline


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
        sums = (Target.objects.filter(plan=self.plan, unit__parent=self.parent, indicator_id__in=allocated_ids)
                .values("indicator_id").annotate(value_sum=Sum("value"), baseline_sum=Sum("baseline"), n=Count("id"),
                                                 valued=Count("value")))
        for s in sums:
            self.total_row.cells[s["indicator_id"]] = Cell(s["value_sum"], s["baseline_sum"])
        _with_rates(self.total_row.cells, self.indicators)
        counted = {s["indicator_id"]: (s["n"], s["valued"]) for s in sums}
        for indicator in self.indicators:
            if not indicator.additive:
                continue
            total, own = self.total_row.cell(indicator), self.parent_row.cell(indicator)
            n, valued = counted.get(indicator.pk, (0, 0))
            self.checks.append(Check(indicator, own.value, total.value or Decimal(0), total.baseline, own.baseline,
                                     n, len(self.children), valued))

    @property
    def has_allocation(self):
        return bool(self.indicators)

    @property
    def all_ok(self):
        return all(c.ok and c.baseline_ok for c in self.checks)

    def check_for(self, indicator):
        return next((c for c in self.checks if c.indicator.pk == indicator.pk), None)
