"""Reports as background jobs: a province's summary and target table, and batch PDFs (every plan, or every
progress report, of a year in one .zip). Each handler checks the owner's rights again, as the views do."""
import os
import tempfile
import zipfile

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from povertyplan.access import get_unit_for_user
from povertyplan.jobs import JobFailed, Result, handler

SUMMARY = "review_summary_xlsx"
TARGET_TABLE = "target_table_xlsx"
PLANS_ZIP = "plans_pdf_zip"
REPORTS_ZIP = "progress_reports_pdf_zip"


@handler(SUMMARY)
def review_summary_job(job, progress):
    from reports import summaries
    from reports.summary_xlsx import summary_xlsx

    unit = get_unit_for_user(job.owner, job.params["unit"])
    progress.start(2)
    summary = summaries.build(unit, job.params.get("year"))
    if summary.year is None:
        raise JobFailed(_("Chưa có năm rà soát nào đủ số liệu để tổng hợp."))
    progress.advance()
    content = summary_xlsx(summary)
    progress.advance()
    return Result(filename=f"{summary.filename}.xlsx", content=content)


@handler(TARGET_TABLE)
def target_table_job(job, progress):
    from povertyplan.models import AdministrativeUnit
    from programmes import access
    from reports.tables import target_table
    from reports.tables.target_xlsx import target_table_xlsx

    plan = access.get_plan_for_user(job.owner, job.params["plan"])
    unit = AdministrativeUnit.objects.get(pk=job.params["unit"])
    if not access.plan_unit_visible(job.owner, plan, unit):
        raise JobFailed(_("Bạn không còn quyền xem bảng chỉ tiêu của đơn vị này."))
    progress.start(2)
    with translation.override("vi"):
        table = target_table.build(plan, unit)
        progress.advance()
        content = target_table_xlsx(table)
    progress.advance()
    return Result(filename=f"{table.filename}.xlsx", content=content)


def _zip(progress, documents, render):
    """Each (name, object) rendered to PDF into a .zip written to a temporary file, one step each."""
    documents = list(documents)
    if not documents:
        raise JobFailed(_("Không có văn bản nào trong kỳ đã chọn."))
    progress.start(len(documents))
    handle, path = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    names = set()
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for obj in documents:
                name, pdf = render(obj)
                base, number = name, 2
                while name in names:  # two documents with the same title keep both
                    name, number = f"{base}-{number}", number + 1
                names.add(name)
                archive.writestr(f"{name}.pdf", pdf)
                progress.advance()
    except BaseException:
        os.unlink(path)
        raise
    return path


@handler(PLANS_ZIP)
def plans_zip_job(job, progress):
    from programmes import selectors
    from reports.documents import plan as plan_document
    from reports.documents.render import render_pdf, stylesheet

    def render(plan):
        doc = plan_document.build(plan)
        return doc.filename, render_pdf("reports/plan_document_pdf.html", {"doc": doc, "css": stylesheet("plan_document.css")})

    year = job.params["year"]
    with translation.override("vi"):
        path = _zip(progress, selectors.plans_for_user(job.owner, year=year), render)
    return Result(filename=f"ke-hoach-{year}.zip", path=path)


@handler(REPORTS_ZIP)
def reports_zip_job(job, progress):
    from programmes.models import ProgressReport, ReportState
    from programmes.progress.access import report_q
    from reports.documents import progress_report as progress_document
    from reports.documents.render import render_pdf, stylesheet

    css = stylesheet("plan_document.css") + stylesheet("report_document.css")

    def render(report):
        doc = progress_document.build(report)
        return doc.filename, render_pdf("reports/progress_report_document_pdf.html", {"doc": doc, "css": css})

    year = job.params["year"]
    # Documents of record only: a draft or returned report is still its reporter's working copy.
    reports = (ProgressReport.objects.filter(report_q(job.owner), period_year=year,
                                             state__in=(ReportState.SUBMITTED, ReportState.APPROVED)).distinct()
               .select_related("plan", "rule").order_by("plan", "period_index", "pk"))
    with translation.override("vi"):
        path = _zip(progress, reports, render)
    return Result(filename=f"bao-cao-tien-do-{slugify(str(year))}.zip", path=path)
