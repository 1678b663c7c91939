import pytest

from povertyplan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def test_commune_officer_sees_town_and_groups_but_not_the_other_commune(page, login, units, settings):
    login("caothuong", DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Thị trấn Cao Thượng"
    rows = page.locator("#unit-table tbody tr")
    assert rows.count() == 26
    assert "Hoà Sơn" in rows.first.inner_text()
    assert "Tổ dân phố" in rows.first.inner_text()
    assert page.locator("nav").get_by_text("Trang chủ").is_visible()
    page.screenshot(path="/tmp/e2e-home.png", full_page=True)

    response = page.goto(f"{page.base_url}/units/{units['07336'].pk}/")
    assert response.status == 404
    assert "Không tìm thấy" in page.locator("h1").inner_text()
