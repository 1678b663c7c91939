"""A monthly report from the agency that owes it to the supervisor who approves it, and the completeness page."""
import pytest

from povertyplan.demo import DEMO_PASSWORD
from programmes.models import ProgressReport, ReportState

pytestmark = pytest.mark.e2e

# The smallest PDF a scanner could send: the service recognises it by its first bytes.
SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def district_plan_issued(units):
    """live_server flushes the database: the reference data, agencies, ttyte and the issued district plan."""
    from programmes import demo, demo_reports
    from programmes import reference as ref

    ref.load_reference()
    demo.load_agencies()
    demo.load_agency_officer()
    return demo_reports.issue_district_plan(demo.load_district_plan(), demo.demo_actor())


def logout(page):
    page.context.clear_cookies()  # the next login starts a new session


def test_agency_reports_supervisor_returns_agency_corrects_supervisor_approves(page, login, district_plan_issued,
                                                                              tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"  # the attachment is stored by the live server: not in the work tree
    login("ttyte", DEMO_PASSWORD)
    owed = page.locator("#panel-owed")
    assert "Trung tâm Y tế huyện Tân Yên – Tháng 01/2024" in owed.inner_text()  # the agency's landing page
    page.screenshot(path="/tmp/shots/report-home.png", full_page=True)
    owed.get_by_role("link", name="Trung tâm Y tế huyện Tân Yên – Tháng 01/2024").click()
    row = page.locator("tr[data-key$='-2024-1']")
    row.get_by_role("button", name="Bắt đầu").click()

    page.fill("textarea[name=results]", "Cấp 412 thẻ bảo hiểm y tế; khám dinh dưỡng cho 96 trẻ dưới 5 tuổi.")
    page.fill("input[name^=allocated_]", "150.000.000")
    page.fill("input[name^=disbursed_]", "200.000.000")  # more than allocated: refused with the project named
    page.get_by_role("button", name="Lưu bản nháp").click()
    assert "lớn hơn kinh phí được giao" in page.content()
    page.fill("input[name^=disbursed_]", "45.500.000")
    page.get_by_role("button", name="Lưu bản nháp").click()

    scan = tmp_path / "bao-cao-thang-1.pdf"
    scan.write_bytes(SCAN)
    page.set_input_files("input[name=file]", str(scan))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    assert "bao-cao-thang-1.pdf" in page.content()
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert page.locator("#report-state").inner_text() == "Đã gửi, chờ duyệt"
    report = ProgressReport.objects.get()
    assert (report.state, report.funding.get().disbursed, report.attachments.count()) == (ReportState.SUBMITTED,
                                                                                          45_500_000, 1)
    logout(page)

    login("tanyen", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/programmes/reports/{report.pk}/")
    page.get_by_role("link", name="Trả lại").click()
    page.fill("textarea[name=reason]", "Ghi rõ số thẻ BHYT cấp cho người thuộc hộ cận nghèo.")
    page.get_by_role("button", name="Trả lại").click()
    assert page.locator("#report-state").inner_text() == "Bị trả lại"
    logout(page)

    login("ttyte", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/programmes/reports/{report.pk}/")
    assert "Ghi rõ số thẻ BHYT" in page.locator("#return-reason").inner_text()
    page.get_by_role("link", name="Sửa").click()
    page.fill("textarea[name=results]", "Cấp 412 thẻ bảo hiểm y tế (trong đó 150 thẻ cho người thuộc hộ cận nghèo); "
                                        "khám dinh dưỡng cho 96 trẻ dưới 5 tuổi.")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert page.locator("#report-state").inner_text() == "Đã gửi, chờ duyệt"
    logout(page)

    login("tanyen", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/programmes/reports/{report.pk}/")
    page.get_by_role("button", name="Duyệt").click()
    assert page.locator("#report-state").inner_text() == "Đã duyệt"
    page.screenshot(path="/tmp/shots/report-approved.png", full_page=True)
    assert ProgressReport.objects.get().versions.count() == 2

    page.goto(f"{page.base_url}/programmes/reports/completeness/?frequency=monthly&year=2024&index=1"
              f"&plan={district_plan_issued.pk}")
    line = page.locator("#completeness-table tr", has_text="Trung tâm Y tế huyện Tân Yên")
    assert "Đã duyệt" in line.inner_text() and "Chậm hạn" in line.inner_text()  # sent in 2026 for January 2024
    page.screenshot(path="/tmp/shots/report-completeness.png", full_page=True)
