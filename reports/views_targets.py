"""Targets of a plan: the unit's own targets, the allocation over its child units, the check (the
table is read side, so the pages live here; every save goes through programmes.services)."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from povertyplan.access import officer_required
from povertyplan.jobs.services import job_start
from povertyplan.lib.numbers import format_number
from povertyplan.models import AdministrativeUnit, Tier
from programmes import access, selectors, services
from programmes.forms.targets import AllocationForm, TargetForm
from programmes.progress.prefill import coverage_figures, registry_baselines
from programmes.views.plans import call_service
from reports import jobs as report_jobs
from reports.documents.render import render_pdf, stylesheet
from reports.tables.target_matrix import TargetMatrix

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit(request, plan):
    """?unit=<pk>: the issuing unit or a unit under it, inside the user's scope."""
    pk = request.GET.get("unit")
    if not pk:
        return plan.issuing_unit
    unit = AdministrativeUnit.objects.filter(pk=pk if str(pk).isdigit() else 0).first()
    if unit is None or not access.plan_unit_visible(request.user, plan, unit):
        raise Http404
    return unit


def _url(plan, unit):
    url = reverse("reports:plan_targets", args=[plan.pk])
    return url if unit.pk == plan.issuing_unit_id else f"{url}?unit={unit.pk}"


@officer_required(*access.PLAN_READERS)
def plan_targets(request, pk):
    plan = access.get_plan_for_user(request.user, pk)
    unit = _unit(request, plan)
    can_edit = access.plan_can_edit(request.user, plan)
    form = (TargetForm(request.POST or None, programme=plan.programme_id, initial={"version": plan.version})
            if can_edit else None)
    conflict = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            saved, conflict = call_service(form, lambda: services.target_set(
                actor=request.user, plan=plan, unit=unit, **form.cleaned_data))
            if saved:
                messages.success(request, _("Đã lưu chỉ tiêu “%(name)s” của %(unit)s.") % {
                    "name": form.cleaned_data["indicator"].name, "unit": unit.full_name})
                return redirect(_url(plan, unit))
    matrix = TargetMatrix(plan, unit)
    # beside a target a support policy measures (ty_le_bhyt): the unit's coverage today, a fixed number of queries
    reached = coverage_figures([t.indicator for t in matrix.own], unit, timezone.localdate())
    for target in matrix.own:
        target.reached = reached.get(target.indicator.code)
    return render(request, "programmes/plan_targets.html", {
        "plan": plan, "unit": unit, "matrix": matrix, "form": form, "can_edit": can_edit,
        # offered: the common indicators and the plan's programme's own, never another programme's
        "conflict": conflict,
        "indicators": selectors.indicators(plan.programme_id).filter(additive=True) if can_edit else []})


@officer_required(*access.PLAN_WRITERS)
def plan_allocate(request, pk, indicator_pk):
    plan = access.get_plan_for_user(request.user, pk, write=True)
    unit = _unit(request, plan)
    indicator = get_object_or_404(selectors.indicators(plan.programme_id), pk=indicator_pk, additive=True)
    matrix = TargetMatrix(plan, unit)
    if not matrix.children:
        raise Http404
    registry, registry_source = ({}, "") if request.method == "POST" else registry_baselines(
        indicator, unit, matrix.children, plan.year_from - 1)
    form = AllocationForm(request.POST or None, matrix=matrix, indicator=indicator, registry=registry,
                          initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = call_service(form, lambda: services.target_allocate(
            actor=request.user, plan=plan, version=form.cleaned_data["version"], indicator=indicator, parent=unit,
            values=form.values()))
        if saved:
            check = TargetMatrix(plan, unit).check_for(indicator)
            if check is None or check.ok:
                messages.success(request, _("Đã phân bổ “%(name)s”.") % {"name": indicator.name})
            else:
                messages.warning(request, _("Đã lưu, nhưng tổng các đơn vị (%(total)s) chưa khớp chỉ tiêu của "
                                            "%(unit)s (%(parent)s).") % {
                    "total": format_number(check.total), "unit": unit.full_name,
                    "parent": format_number(check.parent_value) if check.parent_value is not None else "-"})
            return redirect(_url(plan, unit))
    return render(request, "programmes/plan_allocate.html", {
        "plan": plan, "unit": unit, "indicator": indicator, "form": form, "matrix": matrix, "conflict": conflict,
        "parent_cell": matrix.parent_row.cell(indicator), "back": _url(plan, unit),
        "registry_source": registry_source if form.prefilled else ""})


def _target_table(request, pk):
    from reports.tables import target_table

    plan = access.get_plan_for_user(request.user, pk)
    return plan, target_table.build(plan, _unit(request, plan))


@officer_required(*access.PLAN_READERS)
def target_table_html(request, pk):
    plan, table = _target_table(request, pk)
    suffix = "" if table.parent.pk == plan.issuing_unit_id else f"?unit={table.parent.pk}"
    return render(request, "reports/target_table.html", {
        "plan": plan, "table": table, "suffix": suffix, "can_import": access.plan_can_edit(request.user, plan)})


@officer_required(*access.PLAN_READERS)
def target_table_xlsx(request, pk):
    from reports.tables.target_xlsx import target_table_xlsx as to_xlsx

    plan = access.get_plan_for_user(request.user, pk)
    unit = _unit(request, plan)
    if unit.tier == Tier.PROVINCE:  # every commune of a province: a job
        job = job_start(actor=request.user, kind=report_jobs.TARGET_TABLE, unit=unit,
                        title=_("Bảng chỉ tiêu – %(plan)s – %(unit)s") % {"plan": plan.title, "unit": unit.full_name},
                        params={"plan": plan.pk, "unit": unit.pk})
        return redirect("job_detail", pk=job.pk)
    from reports.tables import target_table

    with translation.override("vi"):  # the annex of a Vietnamese plan, and a file the import reads back
        table = target_table.build(plan, unit)
        content = to_xlsx(table)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.xlsx"'
    return response


@officer_required(*access.PLAN_READERS)
def target_table_pdf(request, pk):
    with translation.override("vi"):  # the annex of a Vietnamese plan (Phụ lục), as the plan document
        _plan, table = _target_table(request, pk)
        pdf = render_pdf("reports/target_table_pdf.html", {"table": table, "css": stylesheet("target_table.css")})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.pdf"'
    return response


@officer_required(*access.PLAN_WRITERS)
def target_table_import(request, pk):
    from povertyplan.lib.tabular import ImportFailed
    from reports.forms import TargetTableImportForm
    from reports.tables.target_import import target_table_import as import_table

    plan = access.get_plan_for_user(request.user, pk, write=True)
    unit = _unit(request, plan)
    form = TargetTableImportForm(request.POST or None, request.FILES or None, initial={"version": plan.version})
    conflict, problems = None, []
    if request.method == "POST" and form.is_valid():
        count = []
        try:
            saved, conflict = call_service(form, lambda: count.append(import_table(
                actor=request.user, plan=plan, version=form.cleaned_data["version"], parent=unit,
                upload=form.cleaned_data["file"])))
        except ImportFailed as exc:
            saved, problems = False, exc.errors
        if saved:
            messages.success(request, _("Đã nhập chỉ tiêu của %(n)s đơn vị trực thuộc %(unit)s.") % {
                "n": count[0], "unit": unit.full_name})
            suffix = "" if unit.pk == plan.issuing_unit_id else f"?unit={unit.pk}"
            return redirect(reverse("reports:target_table", args=[plan.pk]) + suffix)
    return render(request, "reports/target_table_import.html", {
        "plan": plan, "unit": unit, "form": form, "conflict": conflict, "problems": problems})
