"""Issue 14's journey: the agency officer of Trung tâm Y tế opens the health-insurance eligibility list of a
commune, downloads it, records the cards issued by importing the filled file, and the coverage on the
supervisor's home dashboard rises."""
import pytest
from django.utils import timezone
from openpyxl import load_workbook

from povertyplan.demo import DEMO_PASSWORD
from support.models import SupportRecord
from tests.support.conftest import (  # noqa: F401  (fixtures: the hand-counted registry)
    add_member,
    indicators,
    make_household,
    make_round,
    recognised_review,
    registry,
    standards,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def health_centre(units, registry):  # noqa: F811 (the hand-counted registry of tests/support)
    """live_server flushes the database: the programme tree, the seed policies, Trung tâm Y tế and ttyte."""
    from django.apps import apps

    from programmes import demo
    from programmes import reference as ref
    from support.policies import load_policies

    ref.load_reference()
    load_policies(apps)
    demo.load_agencies()
    demo.load_agency_officer()


def coverage_row(page, code):
    row = page.locator(f"#panel-support tr[data-policy='{code}']")
    return row.locator(".supported").inner_text(), row.locator(".share").inner_text()


def test_health_centre_imports_the_cards_and_the_supervisors_coverage_rises(page, login, health_centre, tmp_path):
    login("tanyen", DEMO_PASSWORD)
    assert coverage_row(page, "bhyt") == ("0", "0,00")
    page.context.clear_cookies()

    login("ttyte", DEMO_PASSWORD)
    page.get_by_role("link", name="Chính sách hỗ trợ").first.click()
    page.get_by_role("link", name="Hỗ trợ thẻ bảo hiểm y tế cho người thuộc hộ nghèo, hộ cận nghèo").click()
    page.locator("#by-unit a", has_text="Cao Thượng").click()
    assert page.locator("#total").inner_text().split("\t")[1:3] == ["8", "0"]
    page.screenshot(path="/tmp/shots/support-eligibility.png", full_page=True)
    with page.expect_download() as download:
        page.click("#export")
    path = tmp_path / "bhyt.xlsx"
    download.value.save_as(path)

    today = timezone.localdate().strftime("%d/%m/%Y")  # the coverage on the home is of today's period
    book = load_workbook(path)
    sheet = book["Danh sách"]
    filled = 0
    for row in sheet.iter_rows(min_row=2):
        if row[4].value in ("Con H1", "Chủ hộ H2", "Con H5"):
            row[9].value, row[10].value, row[12].value = today, 1, "DS cấp thẻ BHYT"
            filled += 1
    assert filled == 3
    book.save(path)
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Nhập").click()
    assert "Đã ghi nhận hỗ trợ cho 3 đối tượng." in page.content()
    assert SupportRecord.objects.filter(policy__code="bhyt").count() == 3
    page.context.clear_cookies()

    login("tanyen", DEMO_PASSWORD)
    page.screenshot(path="/tmp/shots/support-home.png", full_page=True)
    assert coverage_row(page, "bhyt") == ("3", "37,50")
