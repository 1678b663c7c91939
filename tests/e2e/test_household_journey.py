"""The commune officer's day: a new household, its members, its review classified live, submitted, counted;
then the commune's leader recognises it by decision."""
import re

import pytest
from playwright.sync_api import expect

from households.models import Household, Review
from households.standards import load_standards
from povertyplan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def standards(transactional_db):
    load_standards()  # the live server's database is flushed between tests


def test_commune_officer_records_a_poor_household_and_the_round_counts_it(page, login, units, standards):
    # xã Tân Yên: thị trấn Cao Thượng closed on 30/06/2025 and takes no new household
    login("xatanyen", DEMO_PASSWORD)
    page.get_by_role("link", name="Hộ gia đình").first.click()
    expect(page.locator("h1")).to_have_text("Sổ hộ gia đình")

    # the review round of the year
    page.get_by_role("link", name="Đợt rà soát").click()
    page.get_by_role("link", name="Mở đợt rà soát").click()
    page.fill("input[name=year]", "2025")
    page.uncheck("input[name=follows_procedure]")  # the plain round: its progress counts every household
    page.get_by_role("button", name="Mở đợt").click()
    expect(page.locator("h1")).to_contain_text("Rà soát định kỳ năm 2025 – Xã Tân Yên")

    # a household with two members
    page.goto(f"{page.base_url}/households/new/")
    page.fill("input[name=code]", "HS-2025-001")
    page.select_option("select[name=village]", label="Tổ dân phố Hoà Sơn (07339-01)")
    page.fill("input[name=head_name]", "Hoàng Văn Tư")
    page.fill("input[name=address]", "Ngõ 3, tổ dân phố Hoà Sơn")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_contain_text("Hoàng Văn Tư")
    page.get_by_role("link", name="Thêm thành viên").click()
    page.fill("input[name=full_name]", "Hoàng Văn Tư")
    page.select_option("select[name=sex]", label="Nam")
    page.fill("input[name=birth_year]", "1968")
    page.fill("input[name=id_number]", "024068001122")
    page.select_option("select[name=relation]", label="Chủ hộ")
    page.get_by_role("button", name="Lưu và thêm người nữa").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm thành viên Hoàng Văn Tư")
    page.fill("input[name=full_name]", "Hoàng Thị Năm")
    page.select_option("select[name=sex]", label="Nữ")
    page.fill("input[name=birth_date]", "05/06/2010")
    page.select_option("select[name=relation]", label="Con")
    page.select_option("select[name=schooling]", label="Đang đi học")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#member-table tbody tr")).to_have_count(2)
    expect(page.locator("#member-table")).to_contain_text("024068001122")

    # the review: low income and three deprivations → "Hộ nghèo", shown while ticking
    page.get_by_role("link", name=re.compile("Ghi kết quả: Rà soát định kỳ năm 2025")).click()
    page.fill("input[name=income_per_capita]", "1.500.000")
    expect(page.locator("#classification-label")).to_have_text("Hộ cận nghèo")
    for label in ("1. Việc làm", "4. Bảo hiểm y tế", "7. Chất lượng nhà ở"):
        page.get_by_label(label, exact=True).check()
    expect(page.locator("#classification-label")).to_have_text("Hộ nghèo")
    expect(page.locator("#classification")).to_contain_text("3 chỉ số thiếu hụt")
    page.screenshot(path="/tmp/e2e-review-form.png", full_page=True)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#review-classification")).to_have_text("Hộ nghèo")
    page.get_by_role("button", name="Gửi để công nhận").click()
    expect(page.locator("#review-state")).to_have_text("Đã gửi")

    review = Review.objects.get(household__code="HS-2025-001")
    assert (review.state, review.classification, review.deprivation_count) == ("submitted", "poor", 3)
    assert Household.objects.get(code="HS-2025-001").members.count() == 2

    # the round progress page counts it in Hoà Sơn and in the total
    page.get_by_role("link", name="Rà soát định kỳ năm 2025").click()
    row = page.locator("#progress-table tbody tr", has_text="Hoà Sơn")
    cells = row.locator("td")
    assert [cells.nth(i).inner_text() for i in range(6)] == ["1", "1", "0", "0", "1", "0"]
    total = page.locator("#progress-table tfoot tr td")
    assert [total.nth(i).inner_text() for i in range(6)] == ["1", "1", "0", "0", "1", "0"]
    page.screenshot(path="/tmp/e2e-round-progress.png", full_page=True)

    # the officer cannot recognise what they submitted; the vice-chairman does, by decision
    page.goto(f"{page.base_url}/households/reviews/{review.pk}/")
    expect(page.locator("#recognise-form")).to_have_count(0)
    page.context.clear_cookies()  # sign out: the login page sends a signed-in user away
    login("xatanyen_ld", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/households/reviews/{review.pk}/")
    expect(page.locator("#submit-review")).to_have_count(0)
    form = page.locator("#recognise-form")
    form.locator("input[name=decision_number]").fill("125/QĐ-UBND")
    form.locator("input[name=decision_date]").fill("20/12/2025")
    form.get_by_role("button", name="Ghi công nhận").click()
    expect(page.locator("#review-state")).to_have_text("Đã công nhận")
    review.refresh_from_db()
    assert (review.state, review.decision_number, review.submitted_by.username) == (
        "recognised", "125/QĐ-UBND", "xatanyen")
