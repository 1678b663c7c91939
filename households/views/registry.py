from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from households import selectors, services
from households.access import (
    READ_ROLES,
    WRITE_ROLES,
    can_see_id_numbers,
    can_write,
    get_household_for_user,
    get_member_for_user,
    is_commune_officer,
)
from households.forms import HouseholdFilterForm, HouseholdForm, MemberForm, MemberRemoveForm
from households.services.history import recognised_order
from households.status import Result, history, status_on
from households.views.common import add_errors, querystring_without_page
from povertyplan.access import officer_required
from povertyplan.audit_display import describe
from povertyplan.panels import household_panels

PAGE_SIZE = 50


@officer_required(*READ_ROLES)
def household_list(request):
    form = HouseholdFilterForm(request.GET or None, user=request.user)
    page = selectors.household_page(request.user, request.GET.get("page"), PAGE_SIZE, **form.filters())
    return render(request, "households/household_list.html", {
        "form": form, "page": page, "query": querystring_without_page(request),
        "can_create": is_commune_officer(request.user),
    })


@officer_required(*READ_ROLES)
def household_detail(request, pk):
    household = get_household_for_user(request.user, pk)
    reviews = list(selectors.household_reviews(household))
    recognised = recognised_order(household.reviews.all())
    entries = history(Result(r.classification, r.decision_date, r.pk) for r in recognised.only(
        "classification", "decision_date"))
    return render(request, "households/household_detail.html", {
        "household": household,
        "members": selectors.household_members(household),
        "reviews": reviews,
        "status": status_on(entries, timezone.localdate()),
        "open_rounds": selectors.open_rounds_for(household),
        "events": describe(selectors.household_audit_events(household)[:50]),
        "panels": household_panels(request.user, household),
        "can_edit": can_write(request.user, household.village),
        "show_id_numbers": can_see_id_numbers(request.user),
    })


@officer_required(*WRITE_ROLES)
def household_create(request):
    form = HouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            household = services.household_create(actor=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm hộ %(household)s.") % {"household": household})
            return redirect("households:household_detail", household.pk)
    return render(request, "households/household_form.html", {"form": form})


@officer_required(*WRITE_ROLES)
def household_edit(request, pk):
    household = get_household_for_user(request.user, pk, write=True)
    form = HouseholdForm(request.POST or None, user=request.user, initial=HouseholdForm.initial_for(household))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.household_update(actor=request.user, household=household, version=version, **data)
        except services.VersionConflict as exc:
            conflict = exc
            form = _with_version(form, exc.current_version)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin hộ."))
            return redirect("households:household_detail", household.pk)
    return render(request, "households/household_form.html", {"form": form, "household": household,
                                                              "conflict": conflict})


def _with_version(form, version):
    """The same submitted data, now carrying the version the officer has been shown."""
    data = form.data.copy()
    data["version"] = version
    form.data = data
    return form


@officer_required(*WRITE_ROLES)
def member_create(request, pk):
    household = get_household_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.member_create(actor=request.user, household=household, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm thành viên %(name)s.") % {"name": form.cleaned_data["full_name"]})
            if "add_another" in request.POST:
                return redirect("households:member_create", household.pk)
            return redirect("households:household_detail", household.pk)
    return render(request, "households/member_form.html", {"form": form, "household": household})


@officer_required(*WRITE_ROLES)
def member_edit(request, pk):
    member = get_member_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None, initial=MemberForm.initial_for(member))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.member_update(actor=request.user, member=member, version=version, **data)
        except services.VersionConflict as exc:
            conflict = exc
            form = _with_version(form, exc.current_version)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin thành viên."))
            return redirect("households:household_detail", member.household_id)
    return render(request, "households/member_form.html", {"form": form, "household": member.household,
                                                           "member": member, "remove_form": MemberRemoveForm(),
                                                           "conflict": conflict})


@require_POST
@officer_required(*WRITE_ROLES)
def member_remove(request, pk):
    member = get_member_for_user(request.user, pk, write=True)
    form = MemberRemoveForm(request.POST)
    if form.is_valid():
        try:
            services.member_remove(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ghi %(name)s ra khỏi hộ.") % {"name": member.full_name})
            return redirect("households:household_detail", member.household_id)
    else:
        messages.error(request, _("Cần ghi lý do ra khỏi hộ."))
    return redirect("households:member_edit", member.pk)
