from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from povertyplan.access import officer_required
from programmes import access, selectors, services
from programmes.forms.agencies import AgencyForm
from programmes.views.plans import add_errors, call_service


@officer_required(*access.PLAN_WRITERS)
def agency_list(request):
    page = Paginator(selectors.agencies_for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "programmes/agency_list.html", {"page": page})


@officer_required(*access.PLAN_WRITERS)
def agency_create(request):
    form = AgencyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            agency = services.agency_create(actor=request.user, **values)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": agency.full_name})
            return redirect("programmes:agency_list")
    return render(request, "programmes/agency_form.html", {"form": form})


@officer_required(*access.PLAN_WRITERS)
def agency_edit(request, pk):
    agency = access.get_agency_for_user(request.user, pk, write=True)
    initial = {"unit": agency.unit, "name": agency.name, "short_name": agency.short_name, "kind": agency.kind,
               "members": list(agency.members.all()), "version": agency.version}
    form = AgencyForm(request.POST or None, initial=initial, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = call_service(form, lambda: services.agency_update(
            actor=request.user, agency=agency, **form.cleaned_data))
        if saved:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": agency.full_name})
            return redirect("programmes:agency_list")
    return render(request, "programmes/agency_form.html", {"form": form, "agency": agency, "conflict": conflict})
