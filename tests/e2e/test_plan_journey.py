"""A supervisor makes a plan from scratch: assignment, target, issue, PDF."""
import io
import unicodedata

import pytest
from pypdf import PdfReader

from povertyplan.demo import DEMO_PASSWORD
from programmes.models import Plan, PlanStatus, Programme

pytestmark = pytest.mark.e2e

TITLE = "Triển khai Chương trình giảm nghèo bền vững trên địa bàn huyện Tân Yên năm 2025"


@pytest.fixture
def reference(units):
    """live_server flushes the database: load the programme, indicators and demo agencies again."""
    from programmes import demo
    from programmes import reference as ref

    ref.load_reference()
    demo.load_agencies()


def test_supervisor_creates_assigns_sets_a_target_issues_and_downloads_the_pdf(page, login, reference):
    login("tanyen", DEMO_PASSWORD)
    page.get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.get_by_role("link", name="Lập kế hoạch mới").click()
    page.select_option("select[name=issuing_unit]", label="Huyện Tân Yên (216)")
    # a 2025 plan belongs to QĐ 90's programme (the form proposes today's, 2026–2035)
    page.select_option("select[name=programme]", label=Programme.objects.get(start_year=2021).__str__())
    page.fill("input[name=year_from]", "2025")
    page.fill("textarea[name=title]", TITLE)
    page.get_by_role("button", name="Lưu").click()
    assert page.locator("#plan-title").inner_text() == TITLE

    # Phân công: Tiểu dự án 2 of Dự án 3 to Trung tâm Y tế, as lead.
    page.locator("#assignment-table").locator("xpath=ancestor::div[contains(@class,'card')]").get_by_role(
        "link", name="Sửa").click()
    page.select_option("select[name=form-0-project]", label="Tiểu dự án 2 thuộc Dự án 3: Cải thiện dinh dưỡng")
    page.select_option("select[name=form-0-agency]", label="Trung tâm Y tế huyện Tân Yên")
    page.select_option("select[name=form-0-role]", label="Chủ trì")
    page.get_by_role("button", name="Thêm dòng").click()  # an extra empty row is ignored
    page.screenshot(path="/tmp/shots/assignments.png", full_page=True)
    page.get_by_role("button", name="Lưu").click()
    row = page.locator("#assignment-table tbody tr")
    assert row.count() == 1
    assert "Cải thiện dinh dưỡng" in row.inner_text() and "Trung tâm Y tế huyện Tân Yên" in row.inner_text()
    assert "Chủ trì" in row.inner_text()

    # Chỉ tiêu: the district's poverty rate.
    page.locator("#targets-link").click()
    page.select_option("select[name=indicator]", label="Tỷ lệ hộ nghèo (%)")
    page.fill("input[name=value]", "1,5")
    page.fill("input[name=baseline]", "2,1")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    target = page.locator("#own-targets tbody tr").first.inner_text()
    assert "Tỷ lệ hộ nghèo" in target and "1,50" in target and "2,10" in target
    page.screenshot(path="/tmp/shots/targets.png", full_page=True)

    # Ban hành.
    page.locator(".breadcrumb a").last.click()
    page.locator("#issue-link").click()
    page.fill("input[name=number]", "25")
    page.fill("input[name=document_date]", "15/01/2025")
    page.fill("input[name=signer_name]", "Nguyễn Văn An")
    page.get_by_role("button", name="Ban hành").click()
    assert "đã khóa" in page.locator(".alert-success").last.inner_text()
    assert page.locator("#issue-link").count() == 0
    page.screenshot(path="/tmp/shots/plan-detail.png", full_page=True)
    plan = Plan.objects.get(title=TITLE)
    assert plan.status == PlanStatus.ISSUED and plan.number_symbol == "25/KH-UBND"

    # The PDF.
    with page.expect_download() as info:
        page.locator("#pdf-link").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = " ".join(unicodedata.normalize("NFC", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages)
    text = " ".join(text.split())
    assert TITLE in text
    assert "Số: 25/KH-UBND" in text and "Tân Yên, ngày 15 tháng 01 năm 2025" in text
    assert "a) Tiểu dự án 2: Cải thiện dinh dưỡng" in text and "Cơ quan chủ trì: Trung tâm Y tế" in text
    assert "Tỷ lệ hộ nghèo: 1,50% (năm 2024: 2,10%)" in text and "Nguyễn Văn An" in text
