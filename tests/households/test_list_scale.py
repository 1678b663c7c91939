"""The lists at province scale: the unit filter in two light selects, the count that stops at a cap,
the search that finds its matches first, the round list that pages."""
import re

import pytest
from django.urls import reverse

from households import selectors
from households.views import rounds as round_views


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def select_tag(html, name):
    return re.search(rf'<select name="{name}"[^>]*>', html).group(0)


def listed(response):
    return [h.code for h in response.context["page"].object_list]


@pytest.fixture
def spread(make_household):
    """A household in each of two villages of Cao Xá and one in thị trấn Cao Thượng."""
    make_household("CX-001", village="07336-01")
    make_household("CX-002", village="07336-02")
    make_household("HS-001", village="07339-01")


def test_unit_filter_offers_the_scope_then_the_units_under_the_chosen_one(client_for, users, units, spread):
    client = client_for(users["tanyen"])  # the district: its communes, and their villages only once one is chosen
    url = reverse("households:household_list")
    html = client.get(url).content.decode()
    assert sorted(options(html, "unit")) == sorted(["", *(str(units[c].pk) for c in ("216", "07336", "07339"))])
    assert options(html, "subunit") == [""]
    assert 'hx-get="/households/"' in select_tag(html, "unit")  # htmx refills the villages on change

    # without JavaScript: "Lọc" with a commune filters by it and offers its villages
    response = client.get(url, {"unit": units["07336"].pk})
    assert listed(response) == ["CX-001", "CX-002"]
    html = response.content.decode()
    assert sorted(options(html, "subunit")) == sorted(["", *(str(units[f"07336-0{n}"].pk) for n in (1, 2, 3))])
    assert f'<option value="{units["07336"].pk}" selected>' in html

    assert listed(client.get(url, {"unit": units["07336"].pk, "subunit": units["07336-02"].pk})) == ["CX-002"]
    # a village left over from another commune gives way to the commune chosen now
    assert listed(client.get(url, {"unit": units["07339"].pk, "subunit": units["07336-02"].pk})) == ["HS-001"]
    # a link straight to a village still works, and the village stays selected
    response = client.get(url, {"unit": units["07336-01"].pk})
    assert listed(response) == ["CX-001"]
    assert f'<option value="{units["07336-01"].pk}" selected>' in response.content.decode()
    # a unit outside the scope is refused, never widened
    response = client_for(users["caothuong"]).get(url, {"subunit": units["07336-01"].pk})
    assert "subunit" in response.context["form"].errors


def test_a_filtered_count_stops_at_the_cap(client_for, users, make_household, recognised_review, monkeypatch,
                                           django_assert_num_queries):
    for n in range(3):
        recognised_review(make_household(f"HS-00{n}", village="07339-01"), 2025, 1_200_000, ("1", "4", "7"))
    make_household("HS-009", village="07339-02")
    client = client_for(users["caothuong"])
    url = reverse("households:household_list")
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    with django_assert_num_queries(9):
        response = client.get(url, {"status": "poor"})
    assert (response.context["page"].capped, response.context["page"].paginator.count) == (True, 2)
    assert re.search(r'id="household-count">([^<]*)<', response.content.decode()).group(1) == (
        "Hơn 2 hộ (thu hẹp bộ lọc để xem hết) · hiển thị 1–2")
    # a search over the cap falls back to the ordered list: the page is still the first households in order
    response = client.get(url, {"q": "nguyen van"})
    assert response.context["page"].capped and listed(response) == ["HS-000", "HS-001"]
    # the registry's count, from the figures kept per village, is never capped
    response = client.get(url)
    assert (response.context["page"].capped, response.context["page"].paginator.count) == (False, 4)
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    response = client.get(url, {"status": "poor"})
    assert (response.context["page"].capped, response.context["page"].paginator.count) == (False, 3)
    with django_assert_num_queries(9):
        response = client.get(url, {"q": "HS-00"})  # four codes match: three shown, in list order
    assert response.context["page"].capped and listed(response) == ["HS-000", "HS-001", "HS-002"]


def test_a_search_lists_its_matches_in_list_order(client_for, users, make_household, django_assert_num_queries):
    make_household("HS-002", village="07339-02", head_name="Nguyễn Văn Bình")
    make_household("HS-001", village="07339-03", head_name="Nguyễn Văn Bình")
    make_household("HS-003", village="07339-01", head_name="Trần Văn Bình")
    make_household("HS-004", village="07339-01", head_name="Nguyễn Văn Bính")  # accents ignored: found
    make_household("HS-005", village="07339-01", head_name="Nguyễn Văn Bảo")
    client = client_for(users["caothuong"])
    with django_assert_num_queries(9):
        response = client.get(reverse("households:household_list"), {"q": "nguyen van binh"})
    assert listed(response) == ["HS-004", "HS-002", "HS-001"]  # by village code, then code
    assert (response.context["page"].capped, response.context["page"].paginator.count) == (False, 3)


def test_round_list_pages_and_counts_the_reviews_of_its_page(client_for, users, make_round, make_household,
                                                             recognised_review, monkeypatch,
                                                             django_assert_num_queries):
    monkeypatch.setattr(round_views, "ROUND_PAGE_SIZE", 2)
    for year in (2023, 2024, 2025):
        make_round(year)
    for n in range(3):
        recognised_review(make_household(f"HS-00{n}"), 2025, 1_200_000, ("1", "4", "7"))
    client = client_for(users["caothuong"])
    url = reverse("households:round_list")
    # session, user, officer, count, the page's rounds, one GROUP BY of their reviews, the unconfirmed standards
    with django_assert_num_queries(7):
        response = client.get(url)
    rows = [(r.year, r.n_reviews, r.n_recognised, r.n_draft) for r in response.context["rounds"]]
    assert rows == [(2025, 3, 3, 0), (2024, 0, 0, 0)]
    assert "Trang 1/2" in response.content.decode()
    with django_assert_num_queries(7):
        response = client.get(url, {"page": 2})
    assert [r.year for r in response.context["rounds"]] == [2023]
