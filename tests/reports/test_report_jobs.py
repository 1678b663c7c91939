"""The two report jobs that had no tests: every progress report of a year as PDFs in one .zip, and the target
table of a province plan (.xlsx). Both through the views that start them, the job run inline, the file read back."""
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import resolve, reverse
from pypdf import PdfReader

from povertyplan.models import Job, JobState, Role
from programmes.models import ProgressReport, ReportState
from tests.conftest import make_officer
from tests.reports.test_plan_document import text_of
from tests.reports.test_progress_document import issued_plan, make_report, ttyte_report  # noqa: F401


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _job_of(response):
    assert response.status_code == 302
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])


def _file(client, job):
    response = client.get(reverse("job_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_every_progress_report_of_a_year_in_one_zip_of_pdfs(client_for, users, ttyte, ttyte_report, issued_plan,  # noqa: F811
                                                           agencies):
    make_report(issued_plan, agency=agencies[("216", "Trung tâm Y tế")], month=3, submitted_by=ttyte,
                results="Hỗ trợ 45 hộ nghèo vay vốn chăn nuôi.")
    make_report(issued_plan, agency=agencies[("216", "Trung tâm Y tế")], month=4, state=ReportState.DRAFT,
                results="Bản nháp tháng 4.")
    # The draft of April is its reporter's working copy: the zip holds the two sent reports only.
    wanted = ProgressReport.objects.filter(plan=issued_plan, period_year=2024).exclude(state=ReportState.DRAFT).count()
    client = client_for(users["tanyen"])  # the district the reports are sent to
    job = _job_of(client.post(reverse("reports:batch_pdfs", args=["reports"]), {"year": "2024"}))
    assert job.state == JobState.DONE, job.error
    assert (job.kind, job.done, job.total, job.result_name) == ("progress_reports_pdf_zip", wanted, wanted,
                                                                 "bao-cao-tien-do-2024.zip")
    archive = zipfile.ZipFile(io.BytesIO(_file(client, job)))
    names = sorted(archive.namelist())
    assert wanted == 2 and len(names) == wanted and all(n.endswith(".pdf") for n in names)
    texts = {}
    for name in names:
        pdf = archive.read(name)
        assert pdf.startswith(b"%PDF")
        texts[name] = " ".join(text_of(p) for p in PdfReader(io.BytesIO(pdf)).pages)
    report = f"bao-cao-{issued_plan.pk}-2024-02-{ttyte_report.pk}.pdf"
    assert "Tổ chức 12 buổi truyền thông dinh dưỡng cho bà mẹ mang thai." in texts[report]
    assert "1.234" in texts[report] and "Kinh phí được giao chậm." in texts[report]
    assert sum("Hỗ trợ 45 hộ nghèo vay vốn chăn nuôi." in t for t in texts.values()) == 1
    assert all("BÁO CÁO" in t for t in texts.values())
    assert not any("Bản nháp tháng 4." in t for t in texts.values())


def test_reports_zip_of_another_year_or_user_has_nothing_and_the_file_is_the_owners(client_for, users, ttyte_report):  # noqa: F811
    owner = client_for(users["tanyen"])
    job = _job_of(owner.post(reverse("reports:batch_pdfs", args=["reports"]), {"year": "2024"}))
    assert job.state == JobState.DONE and job.total == 1
    empty = _job_of(owner.post(reverse("reports:batch_pdfs", args=["reports"]), {"year": "2023"}))
    assert empty.state == JobState.FAILED and "Không có văn bản nào" in empty.error
    assert owner.get(reverse("job_download", args=[job.pk])).status_code == 200
    other = client_for(users["caoxa"])  # a commune elsewhere reads none of the district's reports
    refused = _job_of(other.post(reverse("reports:batch_pdfs", args=["reports"]), {"year": "2024"}))
    assert refused.state == JobState.FAILED and not refused.result
    for name in ("job_detail", "job_download"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404


@pytest.fixture
def province_plan(programme, units):
    """A plan of tỉnh Bắc Giang whose households target is allocated to huyện Tân Yên (and Yên Thế)."""
    from programmes import reference, services
    from programmes.models import Indicator
    from tests.programmes.conftest import version_of

    reference.load_indicators()
    supervisor = make_officer("bacgiang", Role.SUPERVISOR, units["24"])
    plan = services.plan_create(actor=supervisor, programme=programme, issuing_unit=units["24"], year_from=2024,
                                title="Giảm nghèo bền vững tỉnh Bắc Giang năm 2024")
    indicator = Indicator.objects.get(code="so_ho_dan_cu")
    services.target_set(actor=supervisor, plan=plan, version=version_of(plan), unit=units["24"], indicator=indicator,
                        value=Decimal(61000), baseline=Decimal(60000))
    districts = list(units["24"].children.order_by("code"))
    services.target_allocate(actor=supervisor, plan=plan, version=version_of(plan), indicator=indicator,
                             parent=units["24"], values={
        unit: (Decimal(41000 + n), Decimal(40000 + n)) for n, unit in enumerate(districts)})
    return supervisor, plan, districts


def test_province_target_table_is_a_job_with_the_allocated_numbers(client_for, users, units, province_plan):
    supervisor, plan, districts = province_plan
    client = client_for(supervisor)
    job = _job_of(client.get(reverse("reports:target_table_xlsx", args=[plan.pk])))
    assert job.state == JobState.DONE, job.error
    assert (job.kind, job.unit, job.done, job.total) == ("target_table_xlsx", units["24"], 2, 2)
    assert job.result_name.startswith("chi-tieu-giam-ngheo-24-2024") and job.result_name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(_file(client, job))).active
    assert sheet["A1"].value == "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=8, values_only=True) if row[1]}
    tan_yen = districts.index(units["216"])
    assert rows["Huyện Tân Yên"][4] == 41000 + tan_yen  # column 3: households of the year, as allocated
    assert rows["Tổng"][4] == sum(41000 + n for n in range(len(districts)))
    # someone else's job page and file answer 404
    other = client_for(users["tanyen"])
    for name in ("job_detail", "job_download"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404
