"""PDFs of the review procedure (reports.documents.procedure): each through the households access helpers."""
from django.http import Http404, HttpResponse

from households.access import (
    READ_ROLES,
    can_see_id_numbers,
    get_meeting_for_user,
    get_request_for_user,
    get_review_for_user,
    get_round_for_user,
)
from households.models import Certificate
from povertyplan.access import officer_required
from reports.documents import procedure
from reports.documents.render import render_pdf, stylesheet


def pdf_response(docs, filename):
    css = stylesheet("plan_document.css") + stylesheet("procedure_document.css")
    pdf = render_pdf("reports/procedure_document_pdf.html", {"docs": docs, "css": css, "title": filename})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@officer_required(*READ_ROLES)
def refusal_letter_pdf(request, pk):
    review_request = get_request_for_user(request.user, pk)
    if review_request.refused_on is None:
        raise Http404
    doc = procedure.refusal_letter(review_request)
    return pdf_response([doc], doc.filename)


@officer_required(*READ_ROLES)
def meeting_minutes_pdf(request, pk):
    doc = procedure.meeting_minutes(get_meeting_for_user(request.user, pk))
    return pdf_response([doc], doc.filename)


@officer_required(*READ_ROLES)
def posting_list_pdf(request, pk):
    doc = procedure.posting_list(get_round_for_user(request.user, pk))
    return pdf_response([doc], doc.filename)


@officer_required(*READ_ROLES)
def decision_pdf(request, pk):
    review_round = get_round_for_user(request.user, pk)
    doc = procedure.recognition_decision(review_round, request.GET.get("number", ""))
    if doc is None:
        raise Http404
    return pdf_response([doc], doc.filename)


def _certificates(queryset):
    return queryset.select_related("review__household__village", "review__round", "commune")


@officer_required(*READ_ROLES)
def certificate_pdf(request, pk):
    review = get_review_for_user(request.user, pk)
    cert = _certificates(Certificate.objects.filter(review=review)).first()
    if cert is None:
        raise Http404
    doc = procedure.certificate(cert, show_id_numbers=can_see_id_numbers(request.user))
    return pdf_response([doc], doc.filename)


@officer_required(*READ_ROLES)
def certificates_pdf(request, pk):
    """Every certificate of a village in the round, one after the other in one PDF."""
    review_round = get_round_for_user(request.user, pk)
    village = review_round.commune.children.filter(pk=request.GET.get("village") or 0).first()
    if village is None:
        raise Http404
    certs = list(_certificates(Certificate.objects.filter(review__round=review_round, review__household__village=village))
                 .order_by("number"))
    if not certs:
        raise Http404
    show = can_see_id_numbers(request.user)
    return pdf_response([procedure.certificate(c, show_id_numbers=show) for c in certs],
                        f"giay-chung-nhan-{village.code}-{review_round.pk}")
