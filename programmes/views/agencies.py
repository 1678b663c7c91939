from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from povertyplan.access import officer_required
from programmes import access, selectors, services
from programmes.forms.agencies import AgencyForm


@officer_required(*access.PLAN_WRITERS)
def agency_list(request):
    page = Paginator(selectors.agencies_for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "programmes/agency_list.html", {"page": page})


@officer_required(*access.PLAN_WRITERS)
def agency_create(request):
    form = AgencyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        agency = services.agency_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã thêm %(name)s.") % {"name": agency.full_name})
        return redirect("programmes:agency_list")
    return render(request, "programmes/agency_form.html", {"form": form})


@officer_required(*access.PLAN_WRITERS)
def agency_edit(request, pk):
    agency = access.get_agency_for_user(request.user, pk, write=True)
    initial = {"unit": agency.unit, "name": agency.name, "short_name": agency.short_name, "kind": agency.kind,
               "members": list(agency.members.all())}
    form = AgencyForm(request.POST or None, initial=initial, user=request.user, agency=agency)
    if request.method == "POST" and form.is_valid():
        services.agency_update(actor=request.user, agency=agency, **form.cleaned_data)
        messages.success(request, _("Đã lưu %(name)s.") % {"name": agency.full_name})
        return redirect("programmes:agency_list")
    return render(request, "programmes/agency_form.html", {"form": form, "agency": agency})
