"""Completeness and roll-up pages of the progress reports, and their Excel files."""
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from povertyplan.access import get_unit_for_user, officer_required, scope_unit
from povertyplan.models import Role
from programmes.forms.progress_pages import PeriodForm
from programmes.progress import exports
from programmes.progress.completeness import completeness, visible_plans
from programmes.progress.rollup import rollup

PAGE_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.COMMUNE, Role.LEADER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _picked(request, name, lookup):
    """The object whose pk the GET names, through the user's access helper (404 outside the scope);
    None when nothing (or no number) is named — the form reports a malformed value."""
    value = request.GET.get(name, "")
    return lookup(int(value)) if value.isdigit() else None


def _visible_plan(user):
    def lookup(pk):
        plan = visible_plans(user).filter(pk=pk).first()
        if plan is None:
            raise Http404
        return plan
    return lookup


def _plans_and_units(user):
    """The plan picker's plans and the unit picker's units: the user's scope root and the issuing units of
    the plans it sees (the recipients a roll-up is made for)."""
    plans = list(visible_plans(user).order_by("issuing_unit__path", "-year_from", "pk"))
    root = scope_unit(user)
    units = {root.pk: root} if root is not None else {}
    for plan in plans:
        if root is None or root.contains(plan.issuing_unit):
            units.setdefault(plan.issuing_unit.pk, plan.issuing_unit)
    return plans, sorted(units.values(), key=lambda u: u.path)


def _context(request, all_units_label=None):
    plans, units = _plans_and_units(request.user)
    plan = _picked(request, "plan", _visible_plan(request.user))
    unit = _picked(request, "unit", lambda pk: get_unit_for_user(request.user, pk))
    if unit is not None and unit not in units:
        units.append(unit)
    form = PeriodForm(request.GET or None, plans=plans, units=units, all_units_label=all_units_label)
    valid = not form.is_bound or form.is_valid()
    return form, valid, plan, unit


@officer_required(*PAGE_ROLES)
def report_completeness(request, export=False):
    form, valid, plan, unit = _context(request, all_units_label=_all_units(request.user))
    result = completeness(request.user, period=form.period(), plan=plan, unit=unit) if valid else None
    unit_name = (unit or scope_unit(request.user)).full_name if (unit or scope_unit(request.user)) else ""
    if export and result is not None:
        period = form.period()
        return _xlsx(exports.completeness_xlsx(result, unit_name=unit_name, period_label=period.label),
                     f"tinh-hinh-nop-bao-cao-{period.year}-{period.frequency}-{period.index}.xlsx")
    return render(request, "programmes/report_completeness.html", {
        "form": form, "result": result, "period": form.period() if valid else None, "unit_name": unit_name,
        "query": request.GET.urlencode()})


@officer_required(*PAGE_ROLES)
def report_rollup(request, export=False):
    form, valid, plan, unit = _context(request)
    unit = unit or scope_unit(request.user)
    result = rollup(request.user, unit=unit, period=form.period(), plan=plan) if valid and unit else None
    if export and result is not None:
        period = form.period()
        return _xlsx(exports.rollup_xlsx(result), f"bao-cao-tong-hop-{period.year}-{period.frequency}-{period.index}.xlsx")
    return render(request, "programmes/report_rollup.html", {
        "form": form, "result": result, "query": request.GET.urlencode()})


def _all_units(user):
    root = scope_unit(user)
    return root.full_name if root is not None else _("Toàn quốc")
