"""Kiểm tra phân bổ: do a unit's child units add up to its target? The rule behind the allocation
warning and the plan page's badge; the target tables that show it live in reports.tables."""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from programmes.models import Indicator, Target


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
    def _baselines_only(self):
        # Only starting figures (e.g. nhân khẩu năm trước): they must add up instead.
        return self.parent_value is None and self.valued == 0 and self.parent_baseline is not None

    @property
    def status(self):
        total, parent = self.compared
        if parent is None:
            return Status.NO_PARENT
        if total == parent:
            return Status.OK
        return Status.UNDER if total < parent else Status.OVER

    @property
    def ok(self):
        return self.status == Status.OK

    @property
    def compared(self):
        """(children's total, parent's figure) the status compares: values, or baselines when only those exist."""
        if self._baselines_only:
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


def column_sums(plan, parent, indicator_ids=None):
    """{indicator id: sums of the child units' targets} as one SQL GROUP BY."""
    sums = Target.objects.filter(plan=plan, unit__parent=parent)
    if indicator_ids is not None:
        sums = sums.filter(indicator_id__in=indicator_ids)
    return {s["indicator_id"]: s for s in sums.order_by().values("indicator_id").annotate(
        value_sum=Sum("value"), baseline_sum=Sum("baseline"), n=Count("id"), valued=Count("value"))}


def allocation_checks(*, indicators, own, sums, children):
    """Checks of the additive `indicators` (catalogue order); `own`: {indicator id: (value, baseline)} of
    the parent; `sums`: column_sums(); `children`: how many child units the parent has."""
    checks = []
    for indicator in indicators:
        if not indicator.additive:
            continue
        value, baseline = own.get(indicator.pk, (None, None))
        s = sums.get(indicator.pk, {})
        checks.append(Check(indicator, value, s.get("value_sum") or Decimal(0), s.get("baseline_sum"), baseline,
                            s.get("n", 0), children, s.get("valued", 0)))
    return checks


@dataclass
class PlanTargets:
    """The plan page's summary: the issuing unit's own targets and whether their allocation adds up."""

    own: list
    checks: list

    @property
    def all_ok(self):
        return all(c.ok and c.baseline_ok for c in self.checks)


def plan_targets_summary(plan):
    unit = plan.issuing_unit
    own = list(Target.objects.filter(plan=plan, unit=unit).select_related("indicator").order_by("indicator__position"))
    sums = column_sums(plan, unit)
    indicators = sorted(Indicator.objects.filter(pk__in=list(sums)), key=lambda i: (i.position, i.code)) if sums else []
    children = unit.children.count() if sums else 0
    checks = allocation_checks(indicators=indicators, own={t.indicator_id: (t.value, t.baseline) for t in own},
                               sums=sums, children=children)
    return PlanTargets(own, checks)
