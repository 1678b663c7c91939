"""The review summaries are reached from the navigation, the round list and the plan page, not only from
the dashboard; each link lands on a summary the user may see."""
import re

from django.urls import reverse


def link(html, link_id):
    return re.search(rf'<a [^>]*href="([^"]+)"[^>]*id="{link_id}"', html).group(1)


def test_the_navigation_leads_to_the_summary_of_the_users_unit(client_for, users, units):
    client = client_for(users["tanyen"])
    html = client.get(reverse("households:household_list")).content.decode()
    assert link(html, "nav-summaries") == "/reports/summaries/"
    response = client.get("/reports/summaries/")
    assert response["Location"] == f"/reports/summaries/{units['216'].pk}/"
    assert client.get("/reports/summaries/", {"year": "2024"})["Location"] == (
        f"/reports/summaries/{units['216'].pk}/?year=2024")
    html = client.get(response["Location"]).content.decode()
    assert "Tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo năm" in html and "Huyện Tân Yên" in html
    # the round list, where a commune officer follows the review, links it too
    html = client_for(users["caothuong"]).get(reverse("households:round_list")).content.decode()
    assert link(html, "summary-link") == "/reports/summaries/"
    assert client_for(users["caothuong"]).get("/reports/summaries/")["Location"] == (
        f"/reports/summaries/{units['07339'].pk}/")


def test_the_national_scope_starts_from_the_dashboard(client_for, users):
    assert client_for(users["admin"]).get("/reports/summaries/")["Location"] == reverse("reports:dashboard")


def test_the_plan_page_links_the_summary_of_its_unit(client_for, users, units, seed_plan):
    client = client_for(users["caothuong"])
    html = client.get(f"/programmes/plans/{seed_plan.pk}/").content.decode()
    url = link(html, "summary-link")
    assert url == f"/reports/summaries/{units['07339'].pk}/"
    assert "Thị trấn Cao Thượng" in client.get(url).content.decode()
