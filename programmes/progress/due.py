"""What is due (báo cáo phải nộp): from every issued plan, the report each reporter owes for each period
of each reporting rule, with its deadline and the unit it goes to.

Reporters are the agencies the plan assigns (lead or support; an agency with both counts once, as
lead) and, for plans issued above the commune, the communes of the plan's area that are open during
the period. Computed in Python from a fixed number of queries (plans, rules, assignments, communes),
whatever the number of plans, reporters or periods.
"""
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from povertyplan.models import AdministrativeUnit, Tier, UnitSuccession
from programmes.models import Assignment, AssignmentRole, Period, Plan, PlanStatus, ReportingRule, Responsibility
from programmes.models.progress import reporter_key
from programmes.models.reporting import Reporters
from programmes.working_days import Calendar


@dataclass(frozen=True)
class Due:
    plan: object
    rule: object
    period: Period
    deadline: object
    agency: object = None       # an Agency, or None for a commune
    unit: object = None         # the reporting commune, or None for an agency
    role: str = ""              # AssignmentRole of the agency ("" for a commune)
    recipient_unit: object = None

    @property
    def reporter(self):
        return reporter_key(agency=self.agency, unit=self.unit)

    @property
    def key(self):
        """Matches a ProgressReport's (rule_id, period_year, period_index, reporter)."""
        return (self.rule.pk, self.period.year, self.period.index, self.reporter)

    @property
    def reporter_name(self):
        return self.agency.full_name if self.agency is not None else self.unit.full_name


def _open_during(unit, period):
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or unit.valid_to >= period.start)


def open_successor(unit, on_date, successors):
    """`unit` if it is open on the date, else the first of its successors (by the old → new links) that is."""
    seen = set()
    while unit is not None and not unit.is_open_on(on_date) and unit.pk not in seen:
        seen.add(unit.pk)
        unit = next((s for s in successors.get(unit.pk, []) if s.is_open_on(on_date)), None) or next(
            iter(successors.get(unit.pk, [])), None)
    return unit


def issued_plans(queryset=None):
    """Issued plans with what `expected_reports` reads, prefetched (4 queries whatever their number)."""
    queryset = Plan.objects.all() if queryset is None else queryset
    return (queryset.filter(status=PlanStatus.ISSUED).select_related("issuing_unit", "programme")
            .prefetch_related(Prefetch("reporting_rules", queryset=ReportingRule.objects.order_by("order", "id")),
                              Prefetch("assignments", queryset=Assignment.objects.select_related("agency__unit")),
                              Prefetch("responsibilities", queryset=Responsibility.objects.select_related(
                                  "agency__unit"))))


def expected_reports(plans, *, calendar=None):
    """Every Due of the given issued plans (use `issued_plans()` for the prefetching)."""
    plans = list(plans)
    calendar = calendar or Calendar.load()
    communes = _communes_under([p.issuing_unit for p in plans if p.issuing_unit.tier < Tier.COMMUNE])
    successors = _successors({p.issuing_unit_id for p in plans} | {c.parent_id for c in communes})
    result = []
    for plan in plans:
        agencies = _agencies(plan)
        plan_communes = [c for c in communes if c.path.startswith(plan.issuing_unit.path)]
        for rule in plan.reporting_rules.all():
            for period, deadline in rule.deadlines(plan.year_from, plan.year_to, calendar):
                to_plan = open_successor(plan.issuing_unit, period.end, successors)
                if rule.reporters != Reporters.COMMUNES:
                    result += [Due(plan, rule, period, deadline, agency=agency, role=role, recipient_unit=to_plan)
                               for agency, role in agencies]
                if rule.reporters != Reporters.AGENCIES:
                    result += [Due(plan, rule, period, deadline, unit=commune,
                                   recipient_unit=open_successor(commune.parent, period.end, successors))
                               for commune in plan_communes if _open_during(commune, period)]
    return result


def _agencies(plan):
    """(agency, role) once per agency the plan assigns a sub-project (lead wins over support) or gives a
    responsibility to in its Tổ chức thực hiện (role "")."""
    roles = {}
    for assignment in plan.assignments.all():
        if roles.get(assignment.agency) != AssignmentRole.LEAD:
            roles[assignment.agency] = assignment.role
    for responsibility in plan.responsibilities.all():
        if responsibility.agency is not None:
            roles.setdefault(responsibility.agency, "")
    order = {AssignmentRole.LEAD: 0, AssignmentRole.SUPPORT: 1, "": 2}
    return sorted(roles.items(), key=lambda item: (order[item[1]], item[0].name))


def _communes_under(units):
    if not units:
        return []
    prefix = Q(pk__in=[])
    for unit in units:
        prefix |= Q(path__startswith=unit.path)
    candidates = AdministrativeUnit.objects.filter(prefix).exclude(kind__in=["tinh", "huyen", "quan", "thi_xa",
                                                                             "thanh_pho"]).select_related("parent")
    return sorted((u for u in candidates if u.tier == Tier.COMMUNE), key=lambda u: u.path)


def _successors(unit_ids):
    """unit id → its successor units, for the units a recipient may be looked up from."""
    links = UnitSuccession.objects.filter(predecessor_id__in=unit_ids).select_related("successor")
    result = {}
    for link in links:
        result.setdefault(link.predecessor_id, []).append(link.successor)
    return result
