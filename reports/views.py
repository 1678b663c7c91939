from django.http import HttpResponse
from django.shortcuts import render

from povertyplan.access import officer_required
from programmes.access import PLAN_READERS, get_plan_for_user
from programmes.progress.access import get_report_for_user
from reports.documents import plan as plan_document
from reports.documents import progress_report as progress_document
from reports.documents.render import render_pdf, stylesheet


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
