from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from households import selectors
from households.access import READ_ROLES, WRITE_ROLES
from households.excel.template import build_template
from households.forms import HouseholdFilterForm, ImportForm
from households.services.exports import household_list_export
from households.services.imports import households_import
from povertyplan.access import officer_required, scope_unit
from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import Tier

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@officer_required(*READ_ROLES)
def household_export(request):
    form = HouseholdFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    households = selectors.household_export_rows(request.user, **filters)
    content = household_list_export(actor=request.user, households=households, filters=filters)
    return _xlsx(content, f"ho-gia-dinh-{timezone.localdate():%Y%m%d}.xlsx")


@officer_required(*WRITE_ROLES)
def import_template(request):
    unit = scope_unit(request.user)
    commune = unit if unit is not None and unit.tier == Tier.COMMUNE else None  # its villages in the dropdown
    return _xlsx(build_template(commune), "mau-nhap-ho-gia-dinh.xlsx")


@officer_required(*WRITE_ROLES)
def household_import(request):
    commune = scope_unit(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if commune is None or commune.tier != Tier.COMMUNE:
        messages.error(request, _("Chỉ cán bộ xã, phường nhập được sổ hộ của xã mình."))
        return redirect("households:household_list")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = households_import(actor=request.user, commune=commune, file=upload, filename=upload.name)
        except ImportFailed as exc:
            errors = exc.errors
        else:
            if result.changed:
                messages.success(request, _(
                    "Đã nhập: %(households_created)s hộ mới, %(households_updated)s hộ cập nhật; %(members_created)s "
                    "thành viên mới, %(members_updated)s cập nhật; %(reviews_created)s kết quả rà soát mới, "
                    "%(reviews_updated)s cập nhật.") % result.counts())
                for note in result.notes:
                    messages.warning(request, str(note))
            else:
                messages.info(request, _("Tệp không có gì khác với sổ hộ hiện tại: không thay đổi gì."))
            return redirect("households:household_list")
    return render(request, "households/import.html", {"form": form, "errors": errors, "commune": commune})
