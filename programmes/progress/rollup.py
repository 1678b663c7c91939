"""Báo cáo tổng hợp: the consolidated report of a recipient unit for a period, from the APPROVED reports
sent to it.

- A quarterly, 6-monthly or annual period rolls up the finer reports inside it. For each (plan, reporter)
  the coarsest of its rules that fits the period is used (a quarterly report, when the reporter sends
  one, rather than its monthly ones), so nothing is counted twice.
- Flows (Indicator.aggregation == flow) add up over the periods; stocks take each reporter's value of
  the latest approved period, then add across reporters. Rates (non-additive indicators) are not added:
  each reporter's figure is shown, the total is left empty.
- Funding: allocated and disbursed summed per sub-project.
- Every reporter whose report is missing from the sum is named, with the periods; every report left out
  because it is not approved is listed with its state.
A fixed number of queries whatever the number of reporters or periods.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from povertyplan.lib.numbers import rate
from programmes.models import Aggregation, ProgressReport, ReportFunding, ReportState, ReportValue
from programmes.models.reporting import MONTHS, Frequency
from programmes.progress.access import report_q
from programmes.progress.completeness import visible_dues


@dataclass
class Line:
    indicator: object
    total: object = None                          # Decimal, None for rates and empty lines
    by_reporter: dict = field(default_factory=dict)  # reporter key → Decimal
    cells: list = field(default_factory=list)        # by_reporter in the order of Rollup.reporters


@dataclass
class FundingLine:
    project: object
    allocated: int = 0
    disbursed: int = 0

    @property
    def disbursed_rate(self):
        return rate(self.disbursed, self.allocated)


@dataclass
class Missing:
    reporter_name: str
    periods: list                                  # labels of the periods not in the sum


@dataclass
class Rollup:
    unit: object
    period: object
    reporters: list                                # [(key, name)] of reporters in the sum
    lines: list
    funding: list
    missing: list
    excluded: list                                 # ProgressReports not approved, not in the sum

    @property
    def funding_total(self):
        return FundingLine(None, sum(f.allocated for f in self.funding), sum(f.disbursed for f in self.funding))


def _inside(period):
    """Q of reports whose period lies inside `period` (same or finer frequency)."""
    condition = Q(pk__in=[])
    for frequency in Frequency.values:
        months = MONTHS[Frequency(frequency)]
        if months > period.months or period.months % months:
            continue
        first = (period.first_month - 1) // months + 1
        condition |= Q(rule__frequency=frequency, period_year=period.year,
                       period_index__range=(first, first + period.months // months - 1))
    return condition


def _fits(due, period):
    return due.period.start >= period.start and due.period.end <= period.end


def rollup(user, *, unit, period, plan=None):
    """The roll-up of what is sent to `unit` for `period` (a Period), over the plans the user sees."""
    dues = [d for d in visible_dues(user, plan=plan) if d.recipient_unit.pk == unit.pk and _fits(d, period)]
    reports = ProgressReport.objects.filter(report_q(user), _inside(period), recipient_unit=unit).select_related(
        "rule", "agency__unit", "unit")
    if plan is not None:
        reports = reports.filter(plan=plan)
    reports = list(reports)

    chosen = _rules_used(dues, reports)
    used = [r for r in reports if chosen[(r.plan_id, r.reporter)].pk == r.rule_id]
    approved = [r for r in used if r.state == ReportState.APPROVED]
    excluded = sorted((r for r in used if r.state != ReportState.APPROVED),
                      key=lambda r: (r.reporter_name, r.period_year, r.period_index))

    approved_keys = {(r.rule_id, r.period_year, r.period_index, r.reporter) for r in approved}
    missing = defaultdict(list)
    for due in sorted(dues, key=lambda d: (d.reporter_name, d.period.start)):
        if chosen[(due.plan.pk, due.reporter)].pk == due.rule.pk and due.key not in approved_keys:
            missing[due.reporter_name].append(due.period.label)

    names = {r.reporter: r.reporter_name for r in approved}
    reporters = sorted(names.items(), key=lambda item: item[1])
    lines = _lines(approved)
    for line in lines:
        line.cells = [line.by_reporter.get(key) for key, _name in reporters]
    return Rollup(unit=unit, period=period, reporters=reporters, lines=lines, funding=_funding(approved),
                  missing=[Missing(name, periods) for name, periods in sorted(missing.items())], excluded=excluded)


def _rules_used(dues, reports):
    """(plan id, reporter) → the rule whose reports count: the coarsest one with a report in the period,
    else (nothing sent) the coarsest one due."""
    def coarseness(rule):
        return MONTHS[Frequency(rule.frequency)], -rule.pk

    def pick(items, chosen):
        for item in items:
            key = (item.plan_id if isinstance(item, ProgressReport) else item.plan.pk, item.reporter)
            if key not in chosen or coarseness(item.rule) > coarseness(chosen[key]):
                chosen[key] = item.rule
        return chosen

    sent = pick(reports, {})
    return {**pick([d for d in dues if (d.plan.pk, d.reporter) not in sent], {}), **sent}


def _lines(approved):
    order = {r.pk: (r.period_year, r.period_index) for r in approved}
    values = ReportValue.objects.filter(report__in=[r.pk for r in approved], value__isnull=False).select_related(
        "indicator").order_by("indicator__position", "indicator__code")
    reporter_of = {r.pk: (r.plan_id, r.reporter) for r in approved}
    lines = {}
    latest = {}  # (indicator, plan, reporter) → (period order, value), for stocks
    for value in values:
        line = lines.setdefault(value.indicator.pk, Line(value.indicator))
        plan_id, reporter = reporter_of[value.report_id]
        if value.indicator.aggregation == Aggregation.STOCK:
            key = (value.indicator.pk, plan_id, reporter)
            if key not in latest or order[value.report_id] > latest[key][0]:
                latest[key] = (order[value.report_id], value.value)
        else:
            line.by_reporter[reporter] = line.by_reporter.get(reporter, 0) + value.value
    for (indicator_id, _plan_id, reporter), (_order, value) in latest.items():
        line = lines[indicator_id]
        line.by_reporter[reporter] = line.by_reporter.get(reporter, 0) + value
    for line in lines.values():
        line.total = sum(line.by_reporter.values()) if line.indicator.additive else None
    return list(lines.values())


def _funding(approved):
    lines = {}
    for funding in ReportFunding.objects.filter(report__in=[r.pk for r in approved]).select_related("project").order_by(
            "project__position", "project__code"):
        line = lines.setdefault(funding.project.pk, FundingLine(funding.project))
        line.allocated += funding.allocated
        line.disbursed += funding.disbursed
    return list(lines.values())
