"""Household exports and imports as background jobs (việc chạy nền), registered with povertyplan.jobs."""
import os
import tempfile

from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from households import selectors
from households.forms import HouseholdFilterForm
from households.services.exports import household_list_export
from households.services.imports import households_import
from povertyplan.jobs import JobFailed, Result, handler
from povertyplan.lib.tabular import ImportFailed

EXPORT = "household_export"
IMPORT = "household_import"


def export_filename():
    return f"ho-gia-dinh-{timezone.localdate():%Y%m%d}.xlsx"


def export_form(user, query):
    """The list's filter form from its query string, checked again with the user's rights."""
    return HouseholdFilterForm(QueryDict(query) if query else None, user=user)


@handler(EXPORT)
def household_export_job(job, progress):
    form = export_form(job.owner, job.params.get("query", ""))
    filters = form.filters()
    households = selectors.household_export_rows(job.owner, **filters)
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        household_list_export(actor=job.owner, households=households, filters=filters, described=form.describe(),
                              current_round=job.params.get("results") == "round", target=path, progress=progress)
    except BaseException:
        os.unlink(path)
        raise
    return Result(filename=job.params.get("filename") or export_filename(), path=path,
                  message=_("Đã xuất %(count)s hộ.") % {"count": f"{progress.done:,}".replace(",", ".")})


@handler(IMPORT)
def household_import_job(job, progress):
    upload = job.params["upload"]
    try:
        with default_storage.open(upload, "rb") as file:
            result = households_import(actor=job.owner, commune=job.unit, file=file, filename=job.params.get("filename"),
                                       progress=progress)
    except ImportFailed as exc:
        raise JobFailed(_("Tệp có %(count)s lỗi; chưa nhập dòng nào.") % {"count": len(exc.errors)}, exc.errors) from None
    finally:
        default_storage.delete(upload)
    if not result.changed:
        return Result(message=_("Tệp không có gì khác với sổ hộ hiện tại: không thay đổi gì."))
    message = _("Đã nhập: %(households_created)s hộ mới, %(households_updated)s hộ cập nhật; %(members_created)s "
                "thành viên mới, %(members_updated)s cập nhật; %(reviews_created)s kết quả rà soát mới, "
                "%(reviews_updated)s cập nhật.") % result.counts()
    return Result(message=" ".join([message, *(str(note) for note in result.notes)]))
