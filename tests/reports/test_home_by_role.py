# ruff: noqa: F811  (the households fixtures imported below are pytest fixtures, used as arguments)
"""Where each role starts (issue 12): the supervisor's home is the dashboard of their scope (and the unit table
with each commune's villages counted); the commune officer's starts with the round; the agency officer's with
its plans (tests/programmes/test_home_panels.py). No home shows a column that is zero for every row."""
import re

from django.urls import reverse

from tests.households.conftest import (  # noqa: F401
    indicators,
    make_household,
    make_round,
    recognised_review,
    standards,
)
from tests.reports.test_dashboard import _rows, _text, reviewed  # noqa: F401

HOME = reverse("home")


def _panel_ids(html):
    return re.findall(r'id="(panel-[a-z-]+)"', html)


def test_the_supervisor_starts_on_the_dashboard(reviewed, users, client_for, django_assert_num_queries):
    client = client_for(users["tanyen"])
    client.get(HOME)
    # session, user, officer, the district's communes, the figures' year and counts; the overdue panel's plans;
    # the dashboard: its year, child units, trend, plan targets, transitions, deprivations, the standard and
    # its indicators; the predecessors (re-aggregation)
    with django_assert_num_queries(16):
        html = client.get(HOME).content.decode()
    assert _panel_ids(html) == ["panel-overdue", "panel-dashboard", "panel-support"]  # no round, no plans of an agency
    assert "Bảng điều hành · Huyện Tân Yên · năm 2024" in html
    assert _text(html, "headline-poor") == "1 (20,00%)"
    assert _rows(html, "unit-rows")[-1] == ["Tổng", "5", "1", "20,00", "2", "40,00"]
    # the unit table: a commune has villages, so "Đơn vị trực thuộc" counts them (3 and 26)
    units = _rows(html, "unit-table")
    assert units[0][4] == "Đơn vị trực thuộc" and [row[4] for row in units[1:3]] == ["3", "26"]


def test_the_commune_home_has_no_column_of_zeros(reviewed, users, client_for):
    html = client_for(users["caothuong"]).get(HOME).content.decode()
    assert _panel_ids(html) == ["panel-round", "panel-requests", "panel-owed", "panel-overdue", "panel-dashboard", "panel-support"]
    header = _rows(html, "unit-table")[0]
    assert "Đơn vị trực thuộc" not in header and header[:2] == ["Mã", "Tên đơn vị"]
    columns = list(zip(*_rows(html, "unit-table")[1:27], strict=True))  # the 26 tổ dân phố
    assert all(set(column) != {"0"} for column in columns)
