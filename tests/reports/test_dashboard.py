# ruff: noqa: F811  (the households fixtures imported below are pytest fixtures, used as arguments)
"""The dashboard (reports/dashboard/): figures counted by hand from a few recognised reviews, drill-down to
the villages, the plan's targets, the year picker, the home panels, 404 outside the scope and a number of
queries that does not grow with households, units or years."""
import re

import pytest
from django.urls import reverse

from reports import dashboard as builder

# households/conftest.py fixtures (make_household, recognised_review, …)
from tests.households.conftest import (  # noqa: F401
    add_member,
    indicators,
    leader,
    make_household,
    make_round,
    officer,
    recognised_review,
    standards,
)


def _text(html, element_id):
    match = re.search(r'id="' + element_id + r'"[^>]*>(.*?)</(?:div|section|table|p)>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def _rows(html, table_id):
    table = re.search(r'<table[^>]*id="' + table_id + r'".*?</table>', html, re.S).group(0)
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>",
                                                                                      row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


@pytest.fixture
def reviewed(make_household, recognised_review):
    """Thị trấn Cao Thượng: A, B in Hoà Sơn, C, D in Chám; xã Cao Xá: E.
    2023: A poor, B near-poor, E poor.  2024: A near-poor, C poor, E near-poor."""
    a = make_household("HS-A", village="07339-01")
    b = make_household("HS-B", village="07339-01")
    c = make_household("HS-C", village="07339-02")
    make_household("HS-D", village="07339-02")
    e = make_household("CX-E", village="07336-01")
    poor, near_poor = {"income": 1_200_000}, {"income": 1_200_000, "codes": ("1",)}
    for household, year, result in [(a, 2023, poor), (b, 2023, near_poor), (e, 2023, poor),
                                    (a, 2024, near_poor), (c, 2024, poor), (e, 2024, near_poor)]:
        recognised_review(household, year=year, **result)


def test_supervisor_dashboard_by_hand(reviewed, users, units, client_for):
    html = client_for(users["tanyen"]).get(reverse("reports:dashboard")).content.decode()
    assert "Bảng điều hành · Huyện Tân Yên · năm 2024" in html  # default: the latest recognised year
    assert _text(html, "headline-households") == "5"
    assert _text(html, "headline-poor") == "1 (20,00%)"           # C
    assert _text(html, "headline-near-poor") == "2 (40,00%)"      # A, E
    assert _text(html, "change-poor") == "so với 2023: -1 hộ, -20,00 điểm %"        # 2023: A, E = 2 (40 %)
    assert _text(html, "change-near-poor") == "so với 2023: +1 hộ, +20,00 điểm %"   # 2023: B = 1 (20 %)
    assert _rows(html, "unit-rows")[1:] == [
        ["Xã Cao Xá", "1", "0", "-", "1", "100,00"],
        ["Thị trấn Cao Thượng", "4", "1", "25,00", "1", "25,00"],
        ["Tổng", "5", "1", "20,00", "2", "40,00"]]
    assert _rows(html, "trend-rows")[1:] == [["2023", "2", "40,00", "1", "20,00"], ["2024", "1", "20,00", "2", "40,00"]]
    town = units["07339"]
    assert f'href="/reports/dashboard/{town.pk}/?year=2024">Thị trấn Cao Thượng</a>' in html
    # 2024: C newly poor; A and E escaped poverty (poor in 2023, near-poor in 2024)
    assert _rows(html, "transitions-rows")[1:] == [["Hộ nghèo phát sinh", "1"], ["Hộ tái nghèo", "0"],
                                                   ["Hộ thoát nghèo", "2"], ["Hộ thoát cận nghèo", "0"]]
    # C (poor) lacks 1, 4 and 7; A and E (near-poor) lack 1: the most common among the poor first
    deprivations = _rows(html, "deprivations-rows")[1:]
    assert [(row[0].split(".")[0], row[1], row[2]) for row in deprivations[:4]] == [
        ("1", "1", "2"), ("4", "1", "0"), ("7", "1", "0"), ("2", "0", "0")]
    assert 'id="targets"' not in html  # no plan of the district targets 2024
    district = units["216"]
    assert f'href="/reports/summaries/{district.pk}/?year=2024" id="summary-link"' in html


def test_drill_down_to_a_commune_and_a_village_with_the_year_kept(reviewed, users, units, client_for):
    client = client_for(users["tanyen"])
    town, hoa_son = units["07339"], units["07339-01"]
    html = client.get(reverse("reports:dashboard_unit", args=[town.pk]), {"year": "2023"}).content.decode()
    assert "Bảng điều hành · Thị trấn Cao Thượng · năm 2023" in html
    assert _text(html, "headline-poor") == "1 (25,00%)"  # A
    assert 'id="change-poor"' not in html  # nothing held before 2023
    rows = _rows(html, "unit-rows")
    assert len(rows) == 1 + 26 + 1  # header, the 26 tổ dân phố, total
    assert rows[1] == ["Hoà Sơn", "2", "1", "50,00", "1", "50,00"]
    assert rows[2] == ["Chám", "2", "0", "-", "0", "-"]
    assert f'href="/reports/dashboard/{hoa_son.pk}/?year=2023">Hoà Sơn</a>' in html
    assert f'href="/reports/dashboard/{units["216"].pk}/?year=2023">Huyện Tân Yên</a>' in html  # breadcrumb up
    html = client.get(reverse("reports:dashboard_unit", args=[hoa_son.pk]), {"year": "2024"}).content.decode()
    assert _text(html, "headline-households") == "2"
    assert _text(html, "headline-near-poor") == "1 (50,00%)"
    assert 'id="unit-rows"' not in html  # a village has no child units


def test_commune_officer_sees_the_commune_and_its_villages_on_the_home(reviewed, users, client_for,
                                                                        django_assert_num_queries):
    client = client_for(users["caothuong"])
    html = client.get(reverse("home")).content.decode()
    panel = html[html.index('id="panel-dashboard"'):html.index('<h1 class="h3">')]
    assert "Bảng điều hành · Thị trấn Cao Thượng · năm 2024" in panel
    assert _text(panel, "headline-poor") == "1 (25,00%)"                # C
    assert _rows(panel, "unit-rows")[2] == ["Chám", "2", "1", "50,00", "0", "-"]
    assert panel.count('<rect class="bar poor"') == 26                 # one bar per village in the chart
    assert 'action="/reports/dashboard/"' in panel                     # the year picker leads to the page
    html = client_for(users["tanyen"]).get(reverse("home")).content.decode()
    assert _rows(html, "unit-rows")[-1] == ["Tổng", "5", "1", "20,00", "2", "40,00"]


def test_no_dashboard_panel_for_an_agency_officer_and_no_page(reviewed, client_for, agency_officer):
    client = client_for(agency_officer)
    assert 'id="panel-dashboard"' not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_plan_targets_of_the_year_against_the_figures(reviewed, seed_plan, users, units, client_for):
    html = client_for(users["caothuong"]).get(reverse("reports:dashboard"), {"year": "2024"}).content.decode()
    rows = _rows(html, "target-rows")
    # seed 003 targets 2024: 54 poor (1,4 %), 110 near-poor (2,8 %); the town holds 1 poor, 1 near-poor of 4
    assert [r[:5] for r in rows[1:]] == [
        ["Số hộ nghèo (hộ)", "54", "1", "-53", "Đạt (không vượt chỉ tiêu)"],
        ["Tỷ lệ hộ nghèo (%)", "1,40", "25,00", "+23,60", "Chưa đạt"],
        ["Số hộ cận nghèo (hộ)", "110", "1", "-109", "Đạt (không vượt chỉ tiêu)"],
        ["Tỷ lệ hộ cận nghèo (%)", "2,80", "25,00", "+22,20", "Chưa đạt"]]
    assert f'href="/reports/plans/{seed_plan.pk}/targets/"' in html
    html = client_for(users["caothuong"]).get(reverse("reports:dashboard"), {"year": "2023"}).content.decode()
    assert 'id="targets"' not in html  # the 2024 plan says nothing of 2023


def test_a_bad_year_is_named_and_the_default_shown(reviewed, users, client_for):
    client = client_for(users["tanyen"])
    for bad in ("abc", "1999", "2024; drop table"):
        response = client.get(reverse("reports:dashboard"), {"year": bad})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Năm rà soát: chọn một năm có số liệu trong danh sách" in _text(html, "year-error")
        assert "Huyện Tân Yên · năm 2024" in html


def test_no_recognised_result_yet(units, users, client_for):
    html = client_for(users["caothuong"]).get(reverse("reports:dashboard")).content.decode()
    assert "Chưa có kết quả rà soát định kỳ nào được công nhận trong phạm vi này." in html
    assert 'id="panel-dashboard"' not in client_for(users["caothuong"]).get(reverse("home")).content.decode()


def test_outside_the_scope_is_404(reviewed, users, units, client_for):
    commune = client_for(users["caothuong"])
    for outsider in (units["07336"], units["07336-01"], units["216"]):
        assert commune.get(reverse("reports:dashboard_unit", args=[outsider.pk])).status_code == 404
    supervisor = client_for(users["tanyen"])
    for outsider in (units["24@2025"], units["216"].parent):
        assert supervisor.get(reverse("reports:dashboard_unit", args=[outsider.pk])).status_code == 404
    assert supervisor.get(reverse("reports:dashboard_unit", args=[999999])).status_code == 404


def test_national_dashboard_sums_the_provinces(reviewed, units):
    board = builder.build(builder.load(None), 2024)
    assert board.title == "Toàn quốc"
    assert (board.headline.households, board.headline.poor, board.headline.near_poor) == (5, 1, 2)
    assert board.years == [2023, 2024]
    assert board.change.poor == -1 and str(board.change.poor_points) == "-20.00"


@pytest.mark.parametrize("size", ["one", "many"])
def test_query_count_does_not_grow(make_household, recognised_review, users, units, client_for,
                                   django_assert_num_queries, size):
    villages = ["07339-01"] if size == "one" else ["07339-01", "07339-02", "07339-05", "07339-09", "07336-01"]
    years = [2024] if size == "one" else [2022, 2023, 2024]
    households = [make_household(f"H-{i:03}", village=villages[i % len(villages)])
                  for i in range(1 if size == "one" else 15)]
    for year in years:
        for household in households:
            recognised_review(household, year=year, income=1_200_000)
    client = client_for(users["tanyen"])
    # session, user, officer; default year; child units, the trend (one query, all years), the targets;
    # the overdue reports (the issued plans: none here); the predecessors (re-aggregation)
    with django_assert_num_queries(13):
        html = client.get(reverse("reports:dashboard")).content.decode()
    assert _text(html, "headline-poor").startswith(str(len(households)))
    town = units["07339"]
    # + the unit, its ancestors for the breadcrumb
    with django_assert_num_queries(15):
        client.get(reverse("reports:dashboard_unit", args=[town.pk]))
