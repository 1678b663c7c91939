"""Today (26/11/2026), after the 2025 reform: the province supervisor of tỉnh Bắc Ninh follows xã Tân Yên's
2026 periodic review and its 2024 figures, re-aggregated on the old town's territory; xã Tân Yên's commune
officer records a 2026 review of a household carried from thị trấn Cao Thượng, its leader recognises it, and
the province supervisor then compares 2024 with 2026 for xã Tân Yên.

The round here is a plain one (the demo's 2026 round follows the QĐ 24 procedure, whose recognition waits for
the posting: test_procedure_journey and tests/households/test_demo_history.py)."""
import datetime

import pytest
from playwright.sync_api import expect

from households.models import PovertyStandard, Review
from households.services import (
    households_carry,
    review_create,
    review_recognise,
    review_submit,
    round_create,
)
from households.standards import load_standards
from povertyplan.demo import DEMO_PASSWORD
from tests.conftest import create_household

pytestmark = pytest.mark.e2e


@pytest.fixture
def present(transactional_db, units, users):
    """Two households of tổ dân phố Hoà Sơn, poor in 2024 (thị trấn Cao Thượng's round), carried to xã Tân Yên,
    whose 2026 round is open."""
    load_standards()  # the live server's database is flushed between tests
    officer, leader = users["caothuong"], users["caothuong_ld"]
    review_round = round_create(actor=officer, commune=units["07339"], year=2024)
    standard = PovertyStandard.objects.in_force(review_round.standard_date()).get()
    deprived = list(standard.indicators.filter(code__in=["1", "4", "7"]))
    households = []
    for code, name in (("HS-001", "Nguyễn Văn An"), ("HS-002", "Lê Thị Bình")):
        household = create_household(actor=officer, village=units["07339-01"], code=code, head_name=name)
        review = review_create(actor=officer, household=household, round=review_round, income_per_capita=1_200_000,
                               deprivations=deprived)
        review_submit(actor=officer, review=review)
        review_recognise(actor=leader, review=review, decision_number="210/QĐ-UBND",
                         decision_date=datetime.date(2024, 12, 20))
        households.append(household)
    tan_yen = units["07339@2025"]
    households_carry(actor=None, old_commune=units["07339"], new_commune=tan_yen)
    round_create(actor=users["xatanyen"], commune=tan_yen, year=2026)
    return tan_yen, households


def test_province_follows_the_2026_round_and_the_commune_records_and_recognises(page, login, present):
    tan_yen, (first, _second) = present

    # the province supervisor: the 2026 round of the province's communes, and xã Tân Yên's 2024 → 2026
    login("bacninh", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/households/rounds/")
    row = page.locator("tr", has_text="Rà soát định kỳ năm 2026")
    expect(row).to_contain_text("Xã Tân Yên")
    page.goto(f"{page.base_url}/reports/dashboard/{tan_yen.pk}/?year=2024")
    expect(page.locator("#reaggregated")).to_contain_text(
        "Số liệu năm 2024 được tổng hợp lại trên địa bàn của Xã Tân Yên (đơn vị có hiệu lực từ 01/07/2025)")
    expect(page.locator("#reaggregated")).to_contain_text("Thị trấn Cao Thượng")
    expect(page.locator("#headline-poor")).to_contain_text("2")
    page.screenshot(path="/tmp/e2e-present-province.png", full_page=True)

    # xã Tân Yên's commune officer records the 2026 review of a household carried from the town
    page.context.clear_cookies()
    login("xatanyen", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/households/{first.pk}/")
    page.get_by_role("link", name="Ghi kết quả: Rà soát định kỳ năm 2026").click()
    page.fill("input[name=income_per_capita]", "1.500.000")
    for label in ("1. Việc làm", "4. Bảo hiểm y tế", "7. Chất lượng nhà ở"):
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Gửi để công nhận").click()
    expect(page.locator("#review-state")).to_have_text("Đã gửi")
    review = Review.objects.get(household=first, round__year=2026)
    assert review.round.commune == tan_yen

    # its leader recognises it by decision
    page.context.clear_cookies()
    login("xatanyen_ld", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/households/reviews/{review.pk}/")
    form = page.locator("#recognise-form")
    form.locator("input[name=decision_number]").fill("135/QĐ-UBND")
    form.locator("input[name=decision_date]").fill("20/11/2026")
    form.get_by_role("button", name="Ghi công nhận").click()
    expect(page.locator("#review-state")).to_have_text("Đã công nhận")
    review.refresh_from_db()
    assert (review.state, review.decision_number, review.submitted_by.username) == (
        "recognised", "135/QĐ-UBND", "xatanyen")

    # the province supervisor compares 2024 (re-aggregated) with 2026: of the 2 households poor in 2024, the one
    # reviewed is still poor in 2026, the other has no 2026 result yet
    page.context.clear_cookies()
    login("bacninh", DEMO_PASSWORD)
    page.goto(f"{page.base_url}/reports/dashboard/{tan_yen.pk}/?year=2026")
    expect(page.locator("#headline-households")).to_have_text("2")
    expect(page.locator("#headline-poor")).to_contain_text("1 (50,00%)")
    expect(page.locator("#change-poor")).to_have_text("so với 2024: -1 hộ, -50,00 điểm %")
    trend = page.locator("#trend-rows tbody tr")
    expect(trend).to_have_count(2)
    expect(trend.nth(0).locator("td")).to_have_text(["2024", "2", "100,00", "0", "-"])
    expect(trend.nth(1).locator("td")).to_have_text(["2026", "1", "50,00", "0", "-"])
    expect(page.locator("#reaggregated")).to_contain_text("Số liệu năm 2024 được tổng hợp lại")
    page.screenshot(path="/tmp/e2e-present-compare.png", full_page=True)
