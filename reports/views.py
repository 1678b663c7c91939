from django.http import HttpResponse
from django.shortcuts import render

from households.access import READ_ROLES as DASHBOARD_ROLES
from povertyplan.access import get_unit_for_user, in_scope, officer_required, scope_unit
from povertyplan.selectors import unit_ancestors
from programmes.access import PLAN_READERS, get_plan_for_user
from programmes.progress.access import get_report_for_user
from reports import dashboard as dashboard_builder
from reports.documents import plan as plan_document
from reports.documents import progress_report as progress_document
from reports.documents.render import render_pdf, stylesheet
from reports.forms import YearForm


@officer_required(*PLAN_READERS)
def plan_html(request, pk):
    plan = get_plan_for_user(request.user, pk)
    return render(request, "reports/plan_document.html", {"plan": plan, "doc": plan_document.build(plan)})


@officer_required(*PLAN_READERS)
def plan_pdf(request, pk):
    plan = get_plan_for_user(request.user, pk)
    doc = plan_document.build(plan)
    pdf = render_pdf("reports/plan_document_pdf.html", {"doc": doc, "css": stylesheet("plan_document.css")})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}.pdf"'
    return response


def _report_doc(request, pk):
    report = get_report_for_user(request.user, pk)
    return report, progress_document.build(report)


@officer_required()
def progress_report_html(request, pk):
    report, doc = _report_doc(request, pk)
    return render(request, "reports/progress_report_document.html", {"report": report, "doc": doc})


@officer_required()
def progress_report_pdf(request, pk):
    _report, doc = _report_doc(request, pk)
    css = stylesheet("plan_document.css") + stylesheet("report_document.css")
    pdf = render_pdf("reports/progress_report_document_pdf.html", {"doc": doc, "css": css})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}.pdf"'
    return response


@officer_required(*DASHBOARD_ROLES)
def dashboard(request, pk=None):
    """Bảng điều hành of the user's scope (or of a unit in it, drilling down), for the year picked."""
    unit = get_unit_for_user(request.user, pk) if pk is not None else scope_unit(request.user)
    source = dashboard_builder.load(unit)
    form = YearForm(request.GET or None, years=source.years)
    year = form.chosen(dashboard_builder.default_year(request.user))
    overdue = dashboard_builder.overdue_count(request.user, unit, year) if year is not None else None
    board = dashboard_builder.build(source, year, overdue=overdue)
    # the breadcrumb up to the scope root (the root's own page has none)
    ancestors = [a for a in unit_ancestors(unit) if in_scope(request.user, a)] if pk is not None else []
    return render(request, "reports/dashboard.html", {"board": board, "form": form, "ancestors": ancestors})
