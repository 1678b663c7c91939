"""Pages of progress reports: what I owe and what waits for my review, a report, its draft, attachments,
sending, return, approval, reopening. Every page reaches a report through get_report_for_user (404
outside); who may do what is programmes.progress.access's word."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from povertyplan.access import get_unit_for_user, officer_required
from povertyplan.audit_display import describe
from povertyplan.models import AuditEvent
from programmes import services
from programmes.forms.reports import AttachmentForm, ReasonForm, ReportForm, VersionForm
from programmes.models import Agency, Plan, PlanStatus, ReportingRule
from programmes.progress import inbox
from programmes.progress.access import can_fill, can_reopen, can_review, get_report_for_user, is_reporter, is_reviewer
from programmes.services.conflicts import VersionConflict
from programmes.views.plans import add_errors, call_service


def _refusal(request, exc):
    messages.error(request, " ".join(exc.messages))


@officer_required()
def report_list(request):
    return render(request, "programmes/report_list.html", {
        "rows": inbox.reporter_rows(request.user), "waiting": inbox.review_rows(request.user),
        "today": timezone.localdate()})


def _reporter(request, key):
    """The agency or commune of a reporter key ("a:5", "u:9") the user may act for; 404 otherwise."""
    kind, _sep, pk = (key or "").partition(":")
    if not pk.isdigit():
        raise Http404
    if kind == "a":
        return get_object_or_404(Agency.objects.filter(members=request.user), pk=pk), None
    if kind == "u":
        return None, get_unit_for_user(request.user, int(pk))
    raise Http404


@require_POST
@officer_required()
def report_start(request):
    agency, unit = _reporter(request, request.POST.get("reporter"))
    plan = get_object_or_404(Plan, pk=request.POST.get("plan") or 0, status=PlanStatus.ISSUED)
    rule = get_object_or_404(ReportingRule, pk=request.POST.get("rule") or 0, plan=plan)
    try:
        report = services.report_start(actor=request.user, plan=plan, rule=rule,
                                       period_year=int(request.POST.get("year", "0") or 0),
                                       period_index=int(request.POST.get("index", "0") or 0), agency=agency, unit=unit)
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else _("Kỳ báo cáo không đúng."))
        return redirect("programmes:report_list")
    return redirect("programmes:report_edit", report.pk)


def _detail_context(request, report):
    return {
        "report": report,
        "values": report.values.select_related("indicator").order_by("indicator__position", "indicator__code"),
        "funding": report.funding.select_related("project"),
        "attachments": report.attachments.all(),
        "versions": report.versions.select_related("submitted_by").only("number", "submitted_at",
                                                                         "submitted_by", "report_id"),
        "events": [(e, e.action) for e in describe(AuditEvent.objects.filter(
            object_type="programmes.progressreport", object_id=str(report.pk)).select_related("actor").order_by("at", "id"))],
        "can_fill": can_fill(request.user, report), "can_review": can_review(request.user, report),
        "can_reopen": can_reopen(request.user, report), "reason_form": ReasonForm(),
        "attach_form": AttachmentForm(),
    }


@officer_required()
def report_detail(request, pk):
    report = get_report_for_user(request.user, pk)
    return render(request, "programmes/report_detail.html", _detail_context(request, report))


def _for_filling(request, pk):
    """The report for a write of its reporter: 404 outside, 403 for readers; a sent one goes back to its page."""
    report = get_report_for_user(request.user, pk)
    if not is_reporter(request.user, agency=report.agency, unit=report.unit):
        raise PermissionDenied
    return report


def _locked(request, report):
    messages.error(request, _("Báo cáo đã gửi hoặc đã duyệt nên không sửa được."))
    return redirect("programmes:report_detail", report.pk)


@officer_required()
def report_edit(request, pk):
    report = _for_filling(request, pk)
    if not can_fill(request.user, report):
        return _locked(request, report)
    values = list(report.values.select_related("indicator").order_by("indicator__position", "indicator__code"))
    funding = list(report.funding.select_related("project"))
    form = ReportForm(request.POST or None, report=report, values=values, funding=funding)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = call_service(form, lambda: services.report_save(
            actor=request.user, report=report, **form.service_arguments()))
        if saved:
            messages.success(request, _("Đã lưu bản nháp báo cáo."))
            return redirect("programmes:report_detail", report.pk)
    return render(request, "programmes/report_form.html", {"report": report, "form": form, "conflict": conflict})


@require_POST
@officer_required()
def report_attach(request, pk):
    report = _for_filling(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.report_attach(actor=request.user, report=report, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
    else:
        messages.error(request, " ".join(form.errors["file"]))
    return redirect("programmes:report_detail", report.pk)


@require_POST
@officer_required()
def report_detach(request, pk, attachment_pk):
    report = _for_filling(request, pk)
    attachment = get_object_or_404(report.attachments, pk=attachment_pk)
    try:
        services.report_detach(actor=request.user, report=report, attachment=attachment)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Đã gỡ tệp %(name)s.") % {"name": attachment.name})
    return redirect("programmes:report_detail", report.pk)


@officer_required()
def report_file(request, pk, attachment_pk):
    report = get_report_for_user(request.user, pk)
    attachment = get_object_or_404(report.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type, as_attachment=True,
                        filename=attachment.name)


@require_POST
@officer_required()
def report_submit(request, pk):
    report = _for_filling(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.report_submit(actor=request.user, report=report, version=form.cleaned_data["version"])
    except services.ReportLocked:
        return _locked(request, report)
    except ValidationError as exc:
        _refusal(request, exc)
    except VersionConflict as exc:  # saved elsewhere since this page was read: look again before sending
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi báo cáo đến %(unit)s.") % {"unit": report.recipient_unit.full_name})
    return redirect("programmes:report_detail", report.pk)


def _for_review(request, pk):
    report = get_report_for_user(request.user, pk)
    if not is_reviewer(request.user, report.recipient_unit):
        raise PermissionDenied
    return report


def _reason_view(request, pk, service, template, done):
    report = _for_review(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, report=report, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "reason" in exc.error_dict:
                add_errors(form, exc)
            else:
                _refusal(request, exc)
                return redirect("programmes:report_detail", report.pk)
        else:
            messages.success(request, done)
            return redirect("programmes:report_detail", report.pk)
    return render(request, template, {"report": report, "form": form})


@officer_required()
def report_return(request, pk):
    return _reason_view(request, pk, services.report_return, "programmes/report_return.html",
                        _("Đã trả lại báo cáo để đơn vị sửa."))


@officer_required()
def report_reopen(request, pk):
    return _reason_view(request, pk, services.report_reopen, "programmes/report_reopen.html",
                        _("Đã mở lại báo cáo; đơn vị báo cáo sửa rồi gửi lại."))


@require_POST
@officer_required()
def report_approve(request, pk):
    report = _for_review(request, pk)
    try:
        services.report_approve(actor=request.user, report=report)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Đã duyệt báo cáo."))
    return redirect("programmes:report_detail", report.pk)


@officer_required()
def report_version(request, pk, number):
    report = get_report_for_user(request.user, pk)
    version = get_object_or_404(report.versions.select_related("submitted_by"), number=number)
    return render(request, "programmes/report_version.html", {"report": report, "version": version})
