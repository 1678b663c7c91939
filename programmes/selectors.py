"""Reads of the programmes app, already limited to what the user may see."""
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from povertyplan.access import scope_q
from povertyplan.models import AdministrativeUnit, Role, Tier
from povertyplan.ordering import tree_code
from programmes.access import agency_q, plan_q
from programmes.models import Agency, Assignment, Indicator, Part, Plan, Programme, Project, Responsibility


def agencies_for_user(user, *, unit=None):
    agencies = Agency.objects.filter(agency_q(user)).select_related("unit").annotate(member_count=Count("members"))
    if unit is not None:
        agencies = agencies.filter(unit__path__startswith=unit.path)
    return agencies.order_by(tree_code("unit__"), "name")


def agency_units(user):
    """Units an agency can belong to: provinces, districts and communes in the user's scope."""
    ids = [u.pk for u in AdministrativeUnit.objects.filter(scope_q(user)).only("id", "kind", "parent_id")
           if u.tier != Tier.VILLAGE]
    return AdministrativeUnit.objects.filter(pk__in=ids).order_by("path")


def agency_officer_users(user):
    """Agency officers (Role.AGENCY) whose scope unit lies in the user's scope: candidate members."""
    return (get_user_model().objects.filter(officer__role=Role.AGENCY)
            .filter(scope_q(user, "officer__unit__")).order_by("username"))


def agencies_for_unit(unit):
    """Agencies a plan of `unit` can name: those of the unit, of units under it and of its ancestors."""
    return (Agency.objects.filter(Q(unit__path__startswith=unit.path) | Q(unit_id__in=unit.ancestor_ids()))
            .select_related("unit").order_by(tree_code("unit__"), "name"))


def plans_for_user(user, *, year=None, status="", q=""):
    """Plans the user may read (scope for writers, assignments for agency officers), newest first."""
    plans = Plan.objects.filter(plan_q(user)).select_related("issuing_unit", "programme")
    if year:
        plans = plans.filter(year_from__lte=year, year_to__gte=year)
    if status:
        plans = plans.filter(status=status)
    if q:
        plans = plans.filter(title__icontains=q)
    return plans.order_by("-year_from", tree_code("issuing_unit__"), "-id")


@dataclass
class AgencyPlan:
    """A plan that assigns the user's agency: its assignments (lead first) and responsibilities there."""

    plan: Plan
    assignments: list
    responsibilities: list


def agency_plans(user, *, limit=5):
    """(the newest `limit` plans assigning one of the user's agencies, each an AgencyPlan; whether there
    are more): the agency officer's home. Three queries whatever the number of plans and rows."""
    plans = list(plans_for_user(user)[:limit + 1])
    more, plans = len(plans) > limit, plans[:limit]
    assignments, responsibilities = {}, {}
    for row in (Assignment.objects.filter(plan__in=plans, agency__members=user)
                .select_related("project__parent", "agency").order_by("role", "project__position", "agency__name")):
        assignments.setdefault(row.plan_id, []).append(row)
    for row in Responsibility.objects.filter(plan__in=plans, agency__members=user).select_related("agency"):
        responsibilities.setdefault(row.plan_id, []).append(row)
    return [AgencyPlan(plan, assignments.get(plan.pk, []), responsibilities.get(plan.pk, [])) for plan in plans], more


def plan_projects(plan):
    return Project.objects.filter(programme=plan.programme_id).select_related("parent")


@dataclass
class PlanParts:
    """Every list of a plan, fetched once (one query per list whatever its length)."""

    legal_bases: list
    activities: list
    assignments: list
    responsibilities: list
    budget_lines: list
    reporting_rules: list
    recipients: list


def plan_parts(plan):
    return PlanParts(
        legal_bases=list(plan.legal_bases.all()),
        activities=list(plan.activities.select_related("project__parent")),
        assignments=list(plan.assignments.select_related("project__parent", "agency__unit")
                         .order_by("project__position", "role", "agency__name")),
        responsibilities=list(plan.responsibilities.select_related("agency__unit")),
        budget_lines=list(plan.budget_lines.select_related("project__parent")),
        reporting_rules=list(plan.reporting_rules.all()),
        recipients=list(plan.recipients.all()),
    )


def programmes_with_projects():
    return Programme.objects.prefetch_related(
        Prefetch("projects", queryset=Project.objects.select_related("parent").order_by("position")), "goals")


def indicators(programme=None):
    """The indicator catalogue; with a programme, its common indicators and that programme's own."""
    catalogue = Indicator.objects.select_related("denominator").order_by("position", "code")
    if programme is None:
        return catalogue
    return catalogue.filter(Q(programme__isnull=True) | Q(programme=programme))



def plan_outline(plan, parts, matrix):
    """(heading, has content) of each part in the plan's order, as the document will number them."""
    filled = {
        Part.PURPOSE: plan.purpose or plan.requirements,
        Part.OBJECTIVES: plan.general_objective or plan.specific_objectives or matrix.own,
        Part.SCOPE: plan.scope or plan.beneficiaries,
        Part.SOLUTIONS: plan.solutions,
        Part.ACTIVITIES: parts.activities or parts.assignments,
        Part.BUDGET: plan.budget or parts.budget_lines,
        Part.ORGANISATION: plan.organisation or parts.responsibilities or parts.assignments,
        Part.REPORTING: plan.reporting or parts.reporting_rules,
    }
    return [(heading, bool(filled[part])) for part, heading in plan.headings_in_order()]
