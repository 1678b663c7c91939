"""The district supervisor's read side in a browser: the dashboard, another year, a commune, a village, the
plan's target table and its .xlsx (reopened with openpyxl) and PDF (its text read back with pdftotext)."""
import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from povertyplan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def seeded(units):
    """live_server flushes the database: the reference data, the demo registry (periodic reviews of 2022 to
    2024, recognised in both communes) and seed 003's plan of thị trấn Cao Thượng for 2024."""
    from django.db import transaction

    from households import demo as households_demo
    from programmes import demo, reference

    reference.load_reference()
    demo.load_agencies()
    plan = demo.load_seed003_plan()
    with transaction.atomic():  # as load_demo runs it
        households_demo.load(io.StringIO())
    return plan


def heading(page):
    return re.sub(r"\s+", " ", page.locator("h1").inner_text()).strip()


def test_supervisor_reads_the_dashboard_drills_down_and_takes_the_target_table(page, login, seeded, tmp_path):
    login("tanyen", DEMO_PASSWORD)
    page.get_by_role("link", name="Bảng điều hành", exact=True).click()
    assert heading(page) == "Bảng điều hành · Huyện Tân Yên · năm 2024"  # the latest year complete everywhere
    households = page.locator("#headline-households").inner_text()

    page.select_option("#id_year", "2022")
    page.get_by_role("button", name="Xem").click()
    assert heading(page) == "Bảng điều hành · Huyện Tân Yên · năm 2022"
    assert page.locator("#headline-households").inner_text() == households  # the registry now, any year
    page.screenshot(path="/tmp/shots/dashboard-district-2022.png", full_page=True)

    page.locator("#unit-rows").get_by_role("link", name="Thị trấn Cao Thượng").click()
    assert heading(page) == "Bảng điều hành · Thị trấn Cao Thượng · năm 2022"  # the year kept on the way down
    assert page.locator("#unit-rows tbody tr").count() >= 26
    page.locator("#unit-rows").get_by_role("link", name="Hoà Sơn").click()
    assert heading(page) == "Bảng điều hành · Tổ dân phố Hoà Sơn · năm 2022"
    assert page.locator("#unit-rows").count() == 0  # a village has no child units
    assert int(page.locator("#headline-households").inner_text().replace(".", "")) > 0
    page.screenshot(path="/tmp/shots/dashboard-village.png", full_page=True)

    page.goto(f"{page.base_url}/programmes/plans/{seeded.pk}/")
    page.locator("#target-table-link").click()
    assert "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024" in page.content()
    total = page.locator("#target-total td.num").all_inner_texts()
    assert total == ["3.898", "15.032", "3.924", "90", "2,31", "54", "1,38", "135", "3,46", "110", "2,80"]

    with page.expect_download() as download:
        page.locator("#target-table-xlsx").click()
    xlsx = tmp_path / download.value.suggested_filename
    download.value.save_as(xlsx)
    assert xlsx.suffix == ".xlsx"
    sheet = load_workbook(xlsx).active
    assert sheet["A1"].value == "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024"
    assert [sheet.cell(8, column).value for column in (2, 3, 4, 5)] == ["Hoà Sơn", 217, 818, 220]

    with page.expect_download() as download:
        page.locator("#target-table-pdf").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024" in text and "Hoà Sơn" in text
