"""Report work that runs as jobs: a province's summary, and every plan of a year as PDFs in one .zip."""
import io
import zipfile

import openpyxl
import pytest
from django.urls import resolve, reverse

from povertyplan.models import Job, JobState
from tests.households.conftest import (  # noqa: F401
    add_member,
    household,
    indicators,
    make_household,
    make_round,
    officer,
    standards,
)
from tests.reports.test_review_summary import recognise, town  # noqa: F401


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _job_of(response):
    assert response.status_code == 302
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])


def _file(client, job):
    return b"".join(client.get(reverse("job_download", args=[job.pk])).streaming_content)


def test_province_summary_is_a_job_with_the_same_table(town, client_for, users, units):  # noqa: F811
    client = client_for(users["admin"])
    job = _job_of(client.get(reverse("reports:review_summary_xlsx", args=[units["24"].pk]), {"year": "2025"}))
    assert (job.kind, job.state, job.unit) == ("review_summary_xlsx", JobState.DONE, units["24"])
    assert job.result_name == "tong-hop-ra-soat-24-2025.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(_file(client, job)))["Kết quả"]
    assert sheet["A1"].value == "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025"
    assert [c.value for c in sheet[8]][2:5] == [5, 2, 40.0]  # huyện Tân Yên: the five households of the town
    assert sheet.freeze_panes == "C8"
    # a district's summary still answers directly
    direct = client_for(users["tanyen"]).get(reverse("reports:review_summary_xlsx", args=[units["216"].pk]))
    assert direct["Content-Disposition"].startswith('attachment; filename="tong-hop-ra-soat-216')


def test_every_plan_of_a_year_in_one_zip_of_pdfs(seed_plan, client_for, users):
    client = client_for(users["caothuong"])
    job = _job_of(client.post(reverse("reports:batch_pdfs", args=["plans"]), {"year": "2024"}))
    assert job.state == JobState.DONE, job.error
    assert (job.done, job.total, job.result_name) == (1, 1, "ke-hoach-2024.zip")
    archive = zipfile.ZipFile(io.BytesIO(_file(client, job)))
    names = archive.namelist()
    assert len(names) == 1 and names[0].endswith(".pdf")
    assert archive.read(names[0]).startswith(b"%PDF")
    # a commune officer elsewhere reads none of them: the job says so and offers no file
    other = client_for(users["caoxa"])
    refused = _job_of(other.post(reverse("reports:batch_pdfs", args=["plans"]), {"year": "2024"}))
    assert refused.state == JobState.FAILED and "Không có văn bản nào" in refused.error
    assert other.get(reverse("job_download", args=[job.pk])).status_code == 404


def test_batch_with_a_bad_year_says_so_and_starts_nothing(client_for, users):
    client = client_for(users["caothuong"])
    response = client.post(reverse("reports:batch_pdfs", args=["plans"]), {"year": "2.024"}, follow=True)
    assert "Năm: “2.024” không phải là năm" in response.content.decode()
    assert not Job.objects.exists()
    assert client.post(reverse("reports:batch_pdfs", args=["nothing"]), {"year": "2024"}).status_code == 404
