from django.http import HttpResponse
from django.shortcuts import render

from povertyplan.access import officer_required
from programmes.access import PLAN_READERS, get_plan_for_user
from reports.documents import plan as plan_document
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
