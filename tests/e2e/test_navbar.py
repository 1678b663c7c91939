"""The navigation bar (issue 12 leftovers): on an office screen (1280 and 1366 px) it is one line for every demo
role — its height is one nav link's — and every section the role has is reachable, in the bar or under "Thêm";
on a phone the collapsed menu lists them all without a further tap. The bar is photographed into screenshots/."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from povertyplan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
HOME, HOUSEHOLDS, PLANS, REPORTS, DASHBOARD = "Trang chủ", "Hộ gia đình", "Kế hoạch", "Báo cáo", "Bảng điều hành"
SUMMARIES, POLICIES, OFFICERS, AUDIT, JOBS, ADMIN = ("Tổng hợp rà soát", "Chính sách hỗ trợ", "Cán bộ", "Nhật ký",
                                                     "Việc chạy nền", "Quản trị danh mục")
# Each role's sections: (in the bar, under "Thêm").
SECTIONS = {
    "caothuong": ([HOME, HOUSEHOLDS, PLANS, REPORTS, DASHBOARD], [SUMMARIES, POLICIES, JOBS]),
    "caothuong_ld": ([HOME, HOUSEHOLDS, PLANS, REPORTS, DASHBOARD], [SUMMARIES, JOBS]),
    "ttyte": ([HOME, PLANS, REPORTS, POLICIES], [JOBS]),
    "tanyen": ([HOME, HOUSEHOLDS, PLANS, REPORTS, DASHBOARD], [SUMMARIES, POLICIES, OFFICERS, AUDIT, JOBS]),
    "bacninh": ([HOME, HOUSEHOLDS, PLANS, REPORTS, DASHBOARD], [SUMMARIES, POLICIES, OFFICERS, AUDIT, JOBS]),
    "admin": ([HOME, HOUSEHOLDS, PLANS, REPORTS, DASHBOARD], [SUMMARIES, POLICIES, OFFICERS, AUDIT, JOBS, ADMIN]),
}


@pytest.fixture
def everyone(transactional_db, units, users):
    from programmes import demo
    from programmes import reference as ref

    ref.load_reference()
    demo.load_agencies()
    demo.load_agency_officer()


def _login(browser, live_server, username, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return context, page


def _names(locator):
    return [text.strip() for text in locator.all_inner_texts()]


@pytest.mark.parametrize("width", [1280, 1366])
def test_the_navbar_is_one_line_and_every_section_is_reachable(browser, live_server, everyone, width):
    for username, (in_bar, under_more) in SECTIONS.items():
        context, page = _login(browser, live_server, username, {"width": width, "height": 900})
        nav = page.locator("#mainnav")
        link_height = page.locator("#mainnav .nav-link").first.evaluate("a => a.getBoundingClientRect().height")
        assert nav.evaluate("n => n.getBoundingClientRect().height") <= link_height + 1, (username, width)
        tops = {round(y) for y in page.locator("#mainnav > ul > li").evaluate_all(
            "items => items.map(li => li.getBoundingClientRect().top)")}
        assert len(tops) == 1, (username, width, tops)  # the user menu and the language too
        assert _names(page.locator("#mainnav > ul.me-auto > li > a.nav-link:not(#nav-more)")) == in_bar, username
        more = page.locator("#nav-more + .dropdown-menu .dropdown-item")
        expect(more.first).to_be_hidden()
        page.locator("#nav-more").click()
        for item in more.all():
            expect(item).to_be_visible()
        assert _names(more) == under_more, username
        if username == "tanyen" and width == 1280:
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "navbar-more-1280x900.png"), clip={"x": 0, "y": 0, "width": 1280,
                                                                                     "height": 420})
        # reachable: each section opens (no 403/404 behind a link the role is shown)
        hrefs = page.locator("#mainnav > ul.me-auto a[href]:not([href='#'])").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
        assert len(hrefs) == len(in_bar) + len(under_more)
        for href in hrefs:
            assert page.request.get(f"{live_server.url}{href}").status == 200, (username, href)
        context.close()


def test_the_phone_menu_lists_every_section(browser, live_server, everyone):
    in_bar, under_more = SECTIONS["tanyen"]
    context, page = _login(browser, live_server, "tanyen", {"width": 390, "height": 844})
    expect(page.locator("#mainnav")).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(page.locator("#mainnav.show")).to_be_visible()
    expect(page.locator("#nav-more")).to_be_hidden()  # no second tap: the "Thêm" items are listed
    for name in in_bar + under_more:
        expect(page.locator("#mainnav").get_by_role("link", name=name, exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "navbar-menu-390x844.png"))
    context.close()
