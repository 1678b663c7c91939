"""Reads of the support app: eligibility lists and coverage, already limited by support.access.

The eligible of a policy on a date are one SQL condition (support.rules); whether each was supported in
the period of that date is an EXISTS on the support records. Counts per village are one GROUP BY, so the
pages run a fixed number of queries whatever the number of households.
"""
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Value

from households.models import Household, Member
from povertyplan.lib.numbers import rate
from povertyplan.models import AdministrativeUnit
from support.models import SupportRecord
from support.rules import rule_q


def eligible(policy, unit, as_of):
    """Households (household policies) or active members (person policies) of `unit`'s subtree who
    qualify on `as_of`, each annotated `supported`: support given under the policy in that period by `as_of`."""
    return eligible_in(policy, {"village__path__startswith": unit.path}, as_of, unit)


def eligible_in(policy, where, as_of, unit):
    """`eligible` of the households matching `where` (lookups on Household: a subtree, or some villages);
    `unit` (in their province) says whose own poor line a rule comparing with the province's line reads."""
    period = policy.period_of(as_of)
    # support given by `as_of`: a past date's coverage (a report's period end) leaves out later records
    records = SupportRecord.objects.filter(policy=policy, period=period, given_on__lte=as_of)
    if policy.is_personal:
        rows = (Member.objects.filter(**{f"household__{k}": v for k, v in where.items()})
                .filter(rule_q(policy.rule, policy.beneficiary, as_of, unit))
                .annotate(supported=Exists(records.filter(member=OuterRef("pk"))))
                .select_related("household__village")
                .order_by("household__village__code", "household__code", "pk"))
    else:
        rows = (Household.objects.filter(**where)
                .filter(rule_q(policy.rule, policy.beneficiary, as_of, unit))
                .annotate(supported=Exists(records.filter(household=OuterRef("pk"), member__isnull=True)))
                .select_related("village")
                .order_by("village__code", "code", "pk"))
    return rows


def _village_path(policy):
    return "household__village" if policy.is_personal else "village"


@dataclass
class CoverageRow:
    unit: object
    eligible: int = 0
    supported: int = 0

    @property
    def not_supported(self):
        return self.eligible - self.supported

    @property
    def share(self):
        return rate(self.supported, self.eligible)


def by_child_unit(policy, unit, as_of):
    """Coverage of `unit` rolled up to its direct children (communes of a province, villages of a commune):
    one GROUP BY on the village path and the children (2 queries)."""
    village = _village_path(policy)
    grouped = (eligible(policy, unit, as_of).order_by().values(f"{village}__path")
               .annotate(n=Count("pk"), done=Count("pk", filter=Q(supported=True))))
    children = list(AdministrativeUnit.objects.filter(parent=unit).order_by("code"))
    rows = {c.pk: CoverageRow(c) for c in children}
    total = CoverageRow(unit)
    for row in grouped:
        path = row[f"{village}__path"]
        total.eligible += row["n"]
        total.supported += row["done"]
        for child in children:
            if path.startswith(child.path):
                rows[child.pk].eligible += row["n"]
                rows[child.pk].supported += row["done"]
                break
    return [r for r in rows.values() if r.eligible], total


def coverage(policies, unit, as_of):
    """[(policy, CoverageRow)] for each policy: its eligible and supported in `unit` on `as_of`: summed from the
    kept counts of its villages where they are complete (support.coverage, one query), else one more query:
    a UNION ALL of one aggregate per policy, each over its own eligible rows (their WHERE uses the indexes;
    a conditional aggregate over every member of a province did not)."""
    from support.coverage import kept_coverage

    policies = list(policies)
    if not policies:
        return []
    counts = kept_coverage(policies, unit, as_of)
    counts |= _fresh_coverage([p for p in policies if p.pk not in counts], unit, as_of)
    return [(p, CoverageRow(unit, *counts.get(p.pk, (0, 0)))) for p in policies]


def _fresh_coverage(policies, unit, as_of):
    if not policies:
        return {}
    parts = [eligible(p, unit, as_of).order_by().annotate(policy_id=Value(p.pk)).values("policy_id")
             .annotate(n=Count("pk"), done=Count("pk", filter=Q(supported=True))).values_list("policy_id", "n", "done")
             for p in policies]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {pk: (n, done) for pk, n, done in query}


def household_support(household, as_of):
    """What the household page shows: the support recorded for the household and its members (newest
    first), and the policies it (or a member) qualifies for on `as_of` without support in the period."""
    from support.models import Policy

    records = (SupportRecord.objects.filter(household=household)
               .select_related("policy", "member", "agency").order_by("-given_on", "-pk"))
    missing = []
    for policy in Policy.objects.filter(is_active=True).order_by("name"):
        names = [str(row) for row in eligible(policy, household.village, as_of).filter(
            **({"household": household} if policy.is_personal else {"pk": household.pk})).filter(supported=False)]
        if names:
            missing.append((policy, names if policy.is_personal else []))
    return records, missing


def support_totals(unit, start, end, *, projects=None, agencies=None):
    """{policy pk: {"records", "households", "people", "quantity", "amount"}} of the support given in `unit`'s
    subtree between two dates (both included), optionally for some projects (a sub-project and its policies)
    or agencies: what a progress report says as "people supported, money disbursed". One GROUP BY query.

    The read API for pre-filling progress reports: programmes must not import support, so the lead wires it
    through a hook as povertyplan.panels does (see the branch report)."""
    from django.db.models import Sum

    records = SupportRecord.objects.filter(village__path__startswith=unit.path, given_on__gte=start, given_on__lte=end)
    if projects is not None:
        records = records.filter(policy__project__in=projects)
    if agencies is not None:
        records = records.filter(agency__in=agencies)
    rows = (records.order_by().values("policy")
            .annotate(records=Count("pk"), households=Count("household", distinct=True),
                      people=Count("member", distinct=True), quantity=Sum("quantity"), amount=Sum("amount")))
    return {row.pop("policy"): row for row in rows}
