"""Pages of the support app: the policies with their coverage, a policy's eligibility list and coverage for a
unit and date (with the Excel list, its import and one-by-one recording). Every view goes through
support.access: a policy or unit the user may not see is 404."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from povertyplan.access import officer_required, scope_unit
from povertyplan.lib.tabular import ImportFailed
from support import selectors, services
from support.access import READ_ROLES, get_policy_for_user, get_support_unit_for_user, policies_for_user, recording_agency
from support.forms import ImportForm, ListForm, RecordForm

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@officer_required(*READ_ROLES)
def policy_list(request):
    unit = scope_unit(request.user)
    if request.GET.get("unit"):
        if not request.GET["unit"].isdigit():
            raise Http404
        unit = get_support_unit_for_user(request.user, int(request.GET["unit"]))
    as_of = timezone.localdate()
    rows = selectors.coverage(policies_for_user(request.user), unit, as_of) if unit else []
    return render(request, "support/policy_list.html", {"rows": rows, "unit": unit, "as_of": as_of})


@officer_required(*READ_ROLES)
def coverage_panel(request):
    """The home panel's table (fetched by htmx): every policy the user sees, in their scope, today."""
    unit = scope_unit(request.user)
    if unit is None:
        raise Http404
    rows = selectors.coverage(policies_for_user(request.user), unit, timezone.localdate())
    return render(request, "support/_coverage_table.html", {"rows": rows, "unit": unit})


def _context(request, policy_pk, unit_pk):
    policy = get_policy_for_user(request.user, policy_pk)
    unit = get_support_unit_for_user(request.user, unit_pk)
    return policy, unit


@officer_required(*READ_ROLES)
def eligibility(request, policy, unit):
    policy, unit = _context(request, policy, unit)
    form = ListForm(request.GET or None)
    as_of = form.as_of()
    children, total = selectors.by_child_unit(policy, unit, as_of)
    rows = selectors.eligible(policy, unit, as_of)
    if form.is_bound and form.is_valid() and form.cleaned_data["missing"]:
        rows = rows.filter(supported=False)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "support/eligibility.html", {
        "policy": policy, "unit": unit, "as_of": as_of, "form": form, "children": children, "total": total,
        "page": page, "query": query.urlencode(), "can_record": recording_agency(request.user, policy) is not None,
        "import_form": ImportForm(), "record_form": RecordForm(initial={"given_on": as_of.strftime("%d/%m/%Y")}),
    })


@officer_required(*READ_ROLES)
def eligibility_export(request, policy, unit):
    policy, unit = _context(request, policy, unit)
    as_of = ListForm(request.GET or None).as_of()
    content = services.eligibility_list_export(actor=request.user, policy=policy, unit=unit, as_of=as_of)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{policy.code}-{unit.code}-{as_of:%Y%m%d}.xlsx"'
    return response


@officer_required(*READ_ROLES)
def support_import(request, policy, unit):
    policy, unit = _context(request, policy, unit)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.support_import(actor=request.user, policy=policy, unit=unit, file=upload,
                                            filename=upload.name)
        except ImportFailed as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Đã ghi nhận hỗ trợ cho %(n)s đối tượng.") % {"n": count})
            return redirect(reverse("support:eligibility", args=[policy.pk, unit.pk]))
    return render(request, "support/import.html", {"policy": policy, "unit": unit, "form": form, "errors": errors})


@require_POST
@officer_required(*READ_ROLES)
def record_create(request, policy, unit):
    policy, unit = _context(request, policy, unit)
    form = RecordForm(request.POST)
    url = reverse("support:eligibility", args=[policy.pk, unit.pk])
    if not form.is_valid():
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else problem)
        return redirect(url)
    data = form.cleaned_data
    row = selectors.eligible(policy, unit, data["given_on"]).filter(pk=data["key"]).first()
    if row is None:
        messages.error(request, _("Mã số %(pk)s không có trong danh sách đủ điều kiện tại ngày %(date)s.")
                       % {"pk": data["key"], "date": data["given_on"].strftime("%d/%m/%Y")})
        return redirect(url)
    household = row.household if policy.is_personal else row
    try:
        services.support_record_create(actor=request.user, policy=policy, household=household,
                                       member=row if policy.is_personal else None, given_on=data["given_on"],
                                       quantity=data["quantity"], amount=data["amount"], document=data["document"])
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("Đã ghi nhận hỗ trợ: %(who)s.") % {"who": row})
    return redirect(url)
