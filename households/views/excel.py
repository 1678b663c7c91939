from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from households import jobs, selectors
from households.access import READ_ROLES, WRITE_ROLES
from households.excel.template import build_template
from households.forms import HouseholdFilterForm, ImportForm
from households.services.exports import household_list_export
from households.services.imports import households_import
from povertyplan.access import officer_required, scope_unit
from povertyplan.jobs.services import job_start
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
    current_round = request.GET.get("results") == "round"  # the latest round's results, recognised or not
    households = selectors.household_export_rows(request.user, **filters)
    unit = scope_unit(request.user)
    # a district or province (or the country) always goes to a job; a commune when it is big
    limit = settings.JOB_DIRECT_MAX_HOUSEHOLDS
    # counting stops past the limit (COUNT over a LIMIT): the decision costs the same for 3,000 or 30,000
    if unit is None or unit.tier != Tier.COMMUNE or households.order_by().values("pk")[:limit + 1].count() > limit:
        title = _("Xuất danh sách hộ – %(unit)s") % {"unit": unit.full_name if unit else _("cả nước")}
        query = request.GET.copy()
        query.pop("results", None)
        job = job_start(actor=request.user, kind=jobs.EXPORT, title=title, unit=unit,
                        params={"query": query.urlencode(), "results": "round" if current_round else "",
                                "filename": jobs.export_filename()})
        return redirect("job_detail", pk=job.pk)
    content = household_list_export(actor=request.user, households=households, filters=filters,
                                    described=form.describe(), current_round=current_round)
    return _xlsx(content, jobs.export_filename())


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
        if upload.size > settings.JOB_DIRECT_MAX_IMPORT_BYTES:
            # big files are checked and written by a job: the request answers at once with its page
            stored = default_storage.save(f"job-uploads/{timezone.now():%Y%m%d}/import.xlsx", upload)
            job = job_start(actor=request.user, kind=jobs.IMPORT, unit=commune,
                            title=_("Nhập sổ hộ từ tệp %(name)s") % {"name": upload.name[:150]},
                            params={"upload": stored, "filename": upload.name})
            return redirect("job_detail", pk=job.pk)
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
