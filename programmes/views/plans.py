"""Plan pages: list, create, detail, the edit pages of each part, issue and copy."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from povertyplan.access import officer_required
from povertyplan.audit_display import describe
from povertyplan.selectors import object_audit_events
from programmes import access, selectors, services
from programmes.allocation import plan_targets_summary
from programmes.forms.plans import (
    PlanContentForm,
    PlanCopyForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanHeaderForm,
    PlanIssueForm,
    PlanSignatureForm,
    VersionForm,
)
from programmes.forms.rows import FORMSETS
from programmes.plan_checks import section_reference_warnings
from programmes.services.conflicts import VersionConflict, check_plan_version

EDIT_FORMS = {
    "header": (PlanHeaderForm, _("Thông tin chung")),
    "content": (PlanContentForm, _("Nội dung các mục")),
    "signature": (PlanSignatureForm, _("Người ký")),
}


def add_errors(form, exc):
    """Put a service's ValidationError on the form's fields (or on the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def call_service(form, call):
    """Run one service call for a bound, valid form: (True, None) when it saved; (False, conflict)
    when it refused. A ValidationError goes onto the form; a VersionConflict comes back for the page
    (templates/households/_conflict.html) and the form now carries the version the officer has just
    been shown, so saving again is a deliberate choice, never a silent overwrite."""
    try:
        call()
    except VersionConflict as exc:
        data = form.data.copy()
        data[form.add_prefix("version")] = exc.current_version
        form.data = data
        return False, exc
    except ValidationError as exc:
        add_errors(form, exc)
        return False, None
    return True, None


@officer_required(*access.PLAN_READERS)
def plan_list(request):
    form = PlanFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plans_for_user(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "programmes/plan_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "can_write": access.is_plan_writer(request.user)})


@officer_required(*access.PLAN_WRITERS)
def plan_create(request):
    form = PlanCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo dự thảo kế hoạch. Hãy điền từng phần bên dưới."))
            return redirect("programmes:plan_detail", plan.pk)
    return render(request, "programmes/plan_form.html", {"form": form, "heading": _("Kế hoạch mới")})


@officer_required(*access.PLAN_READERS)
def plan_detail(request, pk):
    plan = access.get_plan_for_user(request.user, pk)
    parts, matrix = selectors.plan_parts(plan), plan_targets_summary(plan)
    return render(request, "programmes/plan_detail.html", {
        "plan": plan, "parts": parts, "matrix": matrix, "outline": selectors.plan_outline(plan, parts, matrix),
        "can_edit": access.plan_can_edit(request.user, plan),
        "can_copy": access.plan_can_copy(request.user, plan),
        "events": describe(object_audit_events(plan)[:20]),
        "section_warnings": section_reference_warnings(plan, parts, matrix) if plan.is_draft else [],
    })


@officer_required(*access.PLAN_WRITERS)
def plan_edit(request, pk, section):
    if section not in EDIT_FORMS:
        raise Http404
    plan = access.get_plan_for_user(request.user, pk, write=True)
    form_class, heading = EDIT_FORMS[section]
    form = form_class(request.POST or None, instance=plan, initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k in services.plans.EDITABLE_FIELDS}
        saved, conflict = call_service(form, lambda: services.plan_update(
            actor=request.user, plan=plan, version=form.cleaned_data["version"], **values))
        if saved:
            messages.success(request, _("Đã lưu: %(part)s.") % {"part": heading})
            return redirect("programmes:plan_detail", plan.pk)
    return render(request, "programmes/plan_form.html", {"form": form, "plan": plan, "heading": heading,
                                                         "section": section, "conflict": conflict})


@officer_required(*access.PLAN_WRITERS)
def plan_rows(request, pk, part):
    if part not in FORMSETS:
        raise Http404
    plan = access.get_plan_for_user(request.user, pk, write=True)
    formset_class, heading = FORMSETS[part]
    formset = formset_class(request.POST or None, plan=plan)
    version_form = VersionForm(request.POST or None, initial={"version": plan.version})
    conflict = None
    if request.method == "POST" and version_form.is_valid():
        version = version_form.cleaned_data["version"]
        try:
            if formset.is_valid():
                services.plan_rows_save(actor=request.user, plan=plan, version=version, part=part,
                                        rows=formset.changes())
                messages.success(request, _("Đã lưu: %(part)s.") % {"part": heading})
                return redirect("programmes:plan_detail", plan.pk)
            # Rows that fail because the list changed since the page was read: show that change too.
            check_plan_version(plan, version)
        except VersionConflict as exc:
            conflict = exc
            version_form = VersionForm(initial={"version": exc.current_version})
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
    return render(request, "programmes/plan_rows.html", {
        "formset": formset, "version_form": version_form, "plan": plan, "heading": heading, "part": part,
        "conflict": conflict})


@officer_required(*access.PLAN_WRITERS)
def plan_issue(request, pk):
    plan = access.get_plan_for_user(request.user, pk, write=True)
    form = PlanIssueForm(request.POST or None, initial={"number": plan.number, "signer_name": plan.signer_name,
                                                        "document_date": plan.document_date,
                                                        "version": plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = call_service(form, lambda: services.plan_issue(actor=request.user, plan=plan,
                                                                         **form.cleaned_data))
        if saved:
            messages.success(request, _("Đã ban hành kế hoạch. Kế hoạch đã khóa, không sửa được nữa."))
            return redirect("programmes:plan_detail", plan.pk)
    return render(request, "programmes/plan_form.html", {
        "form": form, "plan": plan, "heading": _("Ban hành kế hoạch"), "submit": _("Ban hành"), "conflict": conflict,
        "section_warnings": section_reference_warnings(plan),
        "intro": _("Sau khi ban hành, kế hoạch bị khóa: không ai sửa được nữa. Muốn điều chỉnh thì sao chép "
                   "thành bản dự thảo mới.")})


@officer_required(*access.PLAN_WRITERS)
def plan_copy(request, pk):
    plan = access.get_plan_for_user(request.user, pk)
    if not access.plan_can_copy(request.user, plan):
        raise PermissionDenied
    form = PlanCopyForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.plan_copy(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã sao chép thành bản dự thảo mới."))
            return redirect("programmes:plan_detail", copy.pk)
    return render(request, "programmes/plan_form.html", {
        "form": form, "plan": plan, "heading": _("Sao chép thành dự thảo mới"), "submit": _("Sao chép")})


@officer_required(*access.PLAN_READERS)
def programme_list(request):
    return render(request, "programmes/programme_list.html", {"programmes": selectors.programmes_with_projects()})
