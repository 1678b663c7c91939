"""The procedure of QĐ 24/2021 in a browser: a household's request is recorded, reviewed, discussed at
the village meeting, posted, recognised by the commune leader (who sees it waiting on the home page),
and its certificate printed."""
import io
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from households.models import Certificate, ReviewRequest
from households.services import member_create
from households.standards import load_standards
from povertyplan.demo import DEMO_PASSWORD
from tests.conftest import create_household
from tests.e2e.conftest import FIRST_ID

pytestmark = pytest.mark.e2e


@pytest.fixture
def household(transactional_db, units, users):
    load_standards()  # the live server's database is flushed between tests
    household = create_household(actor=users["xatanyen"], village=units["07339-01@2025"], code="HS-DN-01",
                                 head_name="Lương Thị Xuân", address="Ngõ 7")
    member_create(actor=users["xatanyen"], household=household, full_name="Lương Thị Xuân", relation="head",
                  sex="female", birth_year=1975, id_number="024175009988", ethnicity="Nùng")
    member_create(actor=users["xatanyen"], household=household, full_name="Lương Văn Tài", relation="child",
                  sex="male", birth_year=2005)
    return household


def test_a_request_goes_through_the_procedure_to_a_printed_certificate(page, login, household):
    base = page.base_url
    assert household.village_id >= FIRST_ID  # ids print as "12.345" unless |unlocalize (the PostgreSQL failure)
    login("xatanyen", DEMO_PASSWORD)

    # the request, received at the commune on Monday 16/11/2026
    page.goto(f"{base}/households/{household.pk}/")
    page.click("#request-create")
    page.select_option("select[name=kind]", label="Đề nghị rà soát hộ nghèo, hộ cận nghèo (Mẫu số 01)")
    page.select_option("select[name=channel]", label="Nộp trực tiếp")
    page.fill("input[name=received_on]", "16/11/2026")
    page.get_by_role("button", name="Ghi đề nghị").click()
    expect(page.locator(".alert-success")).to_contain_text("hạn trả lời 01/12/2026")
    expect(page.locator("#request-deadline")).to_have_text("01/12/2026")

    # the review in the regular round the request opened
    page.click("#request-review-create")
    page.fill("input[name=income_per_capita]", "1.200.000")
    for label in ("1. Việc làm", "4. Bảo hiểm y tế", "7. Chất lượng nhà ở"):
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#review-classification")).to_have_text("Hộ nghèo")
    page.get_by_role("button", name="Gửi để công nhận").click()
    expect(page.locator("#review-state")).to_have_text("Đã gửi")

    # the round says what is missing; the village meeting
    page.get_by_role("link", name="Rà soát thường xuyên tháng 11/2026").click()
    expect(page.locator("#missing-steps")).to_contain_text("Chưa họp dân ở: Hoà Sơn.")
    page.click("#meeting-create")
    page.select_option("#village-picker select", label="Hoà Sơn")
    page.get_by_role("button", name="Chọn thôn").click()
    page.fill("input[name=held_on]", "18/11/2026")
    page.fill("input[name=chair]", "Nguyễn Văn Tổ")
    page.fill("input[name=present_count]", "32")
    page.get_by_label("HS-DN-01 – Lương Thị Xuân: số người đồng ý").fill("27")
    page.get_by_role("button", name="Ghi cuộc họp").click()
    expect(page.locator("#vote-table")).to_contain_text("Thống nhất")
    with page.expect_download() as minutes:
        page.click("#minutes-link")
    minutes_text = _pdf_text(minutes.value.path())
    assert "Bản số 02 (gửi Ủy ban nhân dân xã)" in minutes_text and "1 HS-DN-01 Lương Thị Xuân Hộ nghèo 27 84,4" in minutes_text

    # the posting, ended on 24/11
    page.get_by_role("link", name="Rà soát thường xuyên tháng 11/2026").click()
    page.fill("#posting-form input[name=starts_on]", "19/11/2026")
    page.fill("#posting-form input[name=ends_on]", "24/11/2026")
    page.get_by_role("button", name="Ghi thời gian niêm yết").click()
    expect(page.locator("#steps-done")).to_be_visible()
    page.screenshot(path="/tmp/e2e-procedure-round.png", full_page=True)

    # the leader sees the request waiting on the home page and recognises the round
    page.context.clear_cookies()
    login("xatanyen_ld", DEMO_PASSWORD)
    expect(page.locator("#panel-requests")).to_contain_text("HS-DN-01 – Lương Thị Xuân")
    page.get_by_role("link", name="HS-DN-01 – Lương Thị Xuân").click()
    page.get_by_role("link", name="Rà soát thường xuyên tháng 11/2026").click()
    page.fill("#round-recognise-form input[name=decision_date]", "25/11/2026")
    page.get_by_role("button", name="Ghi công nhận").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text("Đã công nhận 1 hộ theo quyết định 1/QĐ-UBND")
    with page.expect_download() as decision:
        page.locator(".decision-link").first.click()
    decision_text = _pdf_text(decision.value.path())
    assert "Điều 1. Công nhận 1 hộ nghèo, 0 hộ cận nghèo, 0 hộ thoát nghèo, 0 hộ thoát cận nghèo" in decision_text

    # the certificate, issued and printed with the village's
    page.fill("#certificate-form input[name=issued_on]", "26/11/2026")
    page.get_by_role("button", name="Cấp giấy chứng nhận cho hộ nghèo, cận nghèo đã công nhận").click()
    expect(page.locator(".alert-info")).to_contain_text("Đã cấp 1 giấy chứng nhận")
    assert Certificate.objects.get().number_text == "1/GCN-HN.HCN"
    with page.expect_download() as certificates:
        page.locator(".certificates-link", has_text="Hoà Sơn").click()
    text = _pdf_text(certificates.value.path())
    assert "Số: 1/GCN-HN.HCN" in text and "Họ và tên chủ hộ: Lương Thị Xuân" in text
    assert "1 Lương Thị Xuân Nùng Chủ hộ 1975" in text and "2 Lương Văn Tài Kinh Con 2005" in text

    # answered: no longer waiting on the home page
    page.goto(f"{base}/")
    expect(page.locator("#panel-requests")).not_to_contain_text("HS-DN-01")
    assert ReviewRequest.objects.get().household == household


def _pdf_text(path):
    with open(path, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in reader.pages)
