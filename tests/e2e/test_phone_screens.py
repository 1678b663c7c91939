"""Phone screens (issue 12): at 390×844 the household list, a household's page and the home page are no wider
than the phone, and what the officer came for — the status, the edit action — is on screen; the round progress
table fits 1366 px. Each page is also photographed at 1366×900 and 390×844 into screenshots/ (git-ignored; the
README says so) so that a reviewer can look without running the app."""
import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from households import services
from households.standards import load_standards
from povertyplan.demo import DEMO_PASSWORD
from tests.conftest import create_household

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def town(transactional_db, units, users):
    """Thị trấn Cao Thượng with two households: one recognised near-poor in 2025 with three members (long
    names, a CCCD), one with a draft only; this year's round open."""
    load_standards()
    officer, leader = users["caothuong"], users["caothuong_ld"]
    round_2025 = services.round_create(actor=officer, commune=units["07339"], year=2025)
    recognised = create_household(actor=officer, village=units["07339-01"], code="HS-0001",
                                           head_name="Nguyễn Thị Phương Thảo", address="Ngõ 3, tổ dân phố Hoà Sơn",
                                           is_ethnic_minority=True, is_social_protection=True)
    for name, relation, sex, year, id_number in [("Nguyễn Thị Phương Thảo", "head", "female", 1968, "024168001122"),
                                                 ("Hoàng Văn Trường Giang", "spouse", "male", 1966, "024066003344"),
                                                 ("Hoàng Nguyễn Minh Khôi", "child", "male", 2012, "")]:
        services.member_create(actor=officer, household=recognised, full_name=name, relation=relation, sex=sex,
                               birth_year=year, id_number=id_number)
    review = services.review_create(actor=officer, household=recognised, round=round_2025, income_per_capita=1_500_000)
    services.review_submit(actor=officer, review=review)
    services.review_recognise(actor=leader, review=review, decision_number="35/QĐ-UBND",
                              decision_date=datetime.date(2025, 12, 20))
    draft = create_household(actor=officer, village=units["07339-02"], code="HS-0002", head_name="Lê Văn Bảy")
    services.review_create(actor=officer, household=draft, round=round_2025, income_per_capita=4_000_000)
    return recognised


def _open(browser, live_server, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "caothuong")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return context, page


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _on_screen(locator, width):
    """Visible and wholly inside the viewport's width (not cut off, not behind a sideways scroll)."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (locator, box)


def _shoot(page, name, viewport):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport['width']}x{viewport['height']}.png"), full_page=True)


def test_the_officers_pages_fit_a_phone(browser, live_server, town):
    context, page = _open(browser, live_server, PHONE)
    width = PHONE["width"]

    page.goto(f"{live_server.url}/households/")
    _fits(page, width)
    expect(page.locator("#household-filter")).to_be_hidden()  # the filters fold away…
    page.get_by_role("button", name="Bộ lọc").click()
    expect(page.locator("#household-filter.collapse.show")).to_be_visible()  # …and open on demand (once the
    _fits(page, width)                                                       # animation is over: clicks wait)
    page.get_by_role("button", name="Bộ lọc").click()
    expect(page.locator("#household-filter")).to_be_hidden()
    first = page.locator("#household-table tbody tr", has_text="HS-0001")
    _on_screen(first.locator(".household-status .badge").first, width)
    expect(first.locator(".household-status")).to_contain_text("Hộ cận nghèo")
    _on_screen(first.get_by_role("link", name="Sửa"), width)
    _on_screen(page.locator("#household-table tbody tr", has_text="HS-0002").locator(".household-status"), width)
    _shoot(page, "household-list", PHONE)

    page.goto(f"{live_server.url}/households/{town.pk}/")
    _fits(page, width)
    _on_screen(page.locator("#current-status .badge").first, width)
    _on_screen(page.get_by_role("link", name="Sửa thông tin hộ"), width)
    members = page.locator("#member-table tbody tr")
    expect(members).to_have_count(3)
    spouse = members.filter(has_text="Hoàng Văn Trường Giang")
    _on_screen(spouse.get_by_text("024066003344"), width)  # the CCCD is not cut off
    _on_screen(spouse.get_by_role("link", name="Sửa"), width)
    _shoot(page, "household", PHONE)

    page.goto(f"{live_server.url}/")
    _fits(page, width)
    panel = page.locator("#panel-round")
    expect(panel).to_contain_text("Rà soát định kỳ năm 2025")
    _on_screen(panel.locator(".progress"), width)
    _on_screen(panel.get_by_role("link", name="Xem tiến độ theo thôn, tổ dân phố"), width)
    _on_screen(page.locator("#unit-table").get_by_role("link", name="Hoà Sơn"), width)
    _shoot(page, "home", PHONE)
    context.close()


def test_the_same_pages_on_an_office_screen_and_the_progress_table_fits(browser, live_server, town):
    context, page = _open(browser, live_server, DESKTOP)
    width = DESKTOP["width"]
    page.goto(f"{live_server.url}/households/")
    _fits(page, width)
    expect(page.locator("#household-filter")).to_be_visible()  # always open on a wide screen
    expect(page.get_by_role("button", name="Bộ lọc")).to_be_hidden()
    expect(page.locator("#household-table thead")).to_be_visible()  # a table, not cards
    _shoot(page, "household-list", DESKTOP)
    page.goto(f"{live_server.url}/households/{town.pk}/")
    _fits(page, width)
    expect(page.locator("#member-table thead")).to_be_visible()
    _shoot(page, "household", DESKTOP)
    page.goto(f"{live_server.url}/")
    _fits(page, width)
    _shoot(page, "home", DESKTOP)

    page.get_by_role("link", name="Xem tiến độ theo thôn, tổ dân phố").click()
    table = page.locator("#progress-table")
    expect(table).to_be_visible()
    # no sideways scrolling, not even inside the table's own box
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    _fits(page, width)
    _on_screen(table.locator("thead th", has_text="Thoát cận nghèo"), width)
    _shoot(page, "round-progress", DESKTOP)
    context.close()
