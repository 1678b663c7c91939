"""Every .xlsx the app hands a clerk, opened as a clerk would (issue 12 leftovers): dates are date cells shown
dd/mm/yyyy, years have no separators, numbers are numbers (big ones with a grouping format), and no cell holds a
raw code, a boolean or an ISO date. Each file is made the way the app makes it (its view), from the fixture data
of the tests that count its figures by hand, so a regression in any of them is caught here."""
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.households.conftest import (  # noqa: F401  (fixtures)
    add_member,
    indicators,
    leader,
    make_household,
    make_round,
    officer,
    recognised_review,
    standards,
)
from tests.programmes.conftest import agencies, district_plan, make_plan, programme, ttyte  # noqa: F401
from tests.programmes.reportdata import issued_plan  # noqa: F401
from tests.programmes.test_completeness import january  # noqa: F401
from tests.programmes.test_rollup import PARAMS as ROLLUP_PERIOD
from tests.programmes.test_rollup import quarter  # noqa: F401
from tests.reports.conftest import seed_plan  # noqa: F401
from tests.reports.test_review_summary import recognise, town  # noqa: F401
from tests.support.conftest import AFTER, registry  # noqa: F401
from tests.support.test_views import on, url

pytestmark = pytest.mark.django_db

DATE_FORMATS = {"dd/mm/yyyy", "dd/mm/yyyy hh:mm"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DATE_AS_TEXT = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2})?$")  # a date a clerk cannot sort or filter
RAW_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")  # near_poor, no_stable_job, is_ethnic_minority …
NUMBER_AS_TEXT = re.compile(r"^-?\d{1,3}([.,]\d{3})+$")  # 1.500.000 typed as text
YEAR_HEADER = re.compile(r"\bnăm\b", re.I)
KEY_HEADER = re.compile(r"Mã( số)?$")


def problems(content):
    """What a clerk would frown at, cell by cell ("Sheet!A1: …"); [] when the file is fine."""
    book = load_workbook(io.BytesIO(content))
    found = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue  # the hidden lists behind the dropdowns
        year_columns = set()
        for row in sheet.iter_rows():
            for cell in row:
                value, where, fmt = cell.value, f"{sheet.title}!{cell.coordinate}", cell.number_format.lower()
                if isinstance(value, str) and (YEAR_HEADER.search(value) or KEY_HEADER.match(value)) and len(value) < 40:
                    year_columns.add(cell.column)  # years and keys ("Mã số" of a list that imports back) group no digits
                if isinstance(value, bool):
                    found.append(f"{where}: a boolean {value}")
                elif isinstance(value, (datetime.date, datetime.datetime)):
                    if fmt not in DATE_FORMATS:
                        found.append(f"{where}: a date shown as {cell.number_format}")
                elif isinstance(value, (int, float)):
                    if 1900 <= value <= 2100 and value == int(value) and "," in fmt:
                        found.append(f"{where}: the year {value} shown with a separator ({cell.number_format})")
                    elif abs(value) >= 10_000 and cell.column not in year_columns and "#,##0" not in fmt:
                        found.append(f"{where}: {value} without a grouping format ({cell.number_format})")
                elif isinstance(value, str):
                    text = value.strip()
                    if text in {"True", "False", "None"}:
                        found.append(f"{where}: {text}")
                    elif DATE_AS_TEXT.match(text):
                        found.append(f"{where}: a date as text {text!r}")
                    elif ISO_DATE.search(text):
                        found.append(f"{where}: an ISO date in text {text!r}")
                    elif RAW_CODE.match(text):
                        found.append(f"{where}: a raw code {text!r}")
                    elif NUMBER_AS_TEXT.match(text):
                        found.append(f"{where}: a number as text {text!r}")
    return found


def dates_in(content):
    """(where, number format) of every date cell: the tests below also ask that there is at least one."""
    book = load_workbook(io.BytesIO(content))
    return [(f"{s.title}!{c.coordinate}", c.number_format) for s in book.worksheets for r in s.iter_rows() for c in r
            if isinstance(c.value, (datetime.date, datetime.datetime))]


def _get(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), path
    return response.content


def test_the_household_files(town, client_for, users, on_26_11_2026):  # noqa: F811 (imported fixtures)
    client = client_for(users["caothuong"])
    for params in ({}, {"results": "round"}):  # recognised results; the latest round's, recognised or not
        content = _get(client, reverse("households:export"), params)
        assert problems(content) == [], params
        assert dates_in(content), params  # the date of export, the decisions' dates
    template = _get(client, reverse("households:import_template"))
    assert problems(template) == []


def test_the_review_summary(town, client_for, users, on_26_11_2026):  # noqa: F811 (imported fixtures)
    content = _get(client_for(users["caothuong"]), reverse("reports:review_summary_xlsx", args=[town.pk]))
    assert problems(content) == []


def test_the_report_completeness_file(january, client_for, users, on_26_11_2026):  # noqa: F811 (imported fixtures)
    completeness = _get(client_for(users["tanyen"]), reverse("programmes:report_completeness_export"),
                        {"frequency": "monthly", "year": 2024, "index": 1})
    assert problems(completeness) == []
    assert dates_in(completeness)  # deadlines, dates sent


def test_the_report_rollup_file(quarter, client_for, users, on_26_11_2026):  # noqa: F811 (imported fixtures)
    rollup = _get(client_for(users["tanyen"]), reverse("programmes:report_rollup_export"), ROLLUP_PERIOD)
    assert problems(rollup) == []


def test_the_target_table(seed_plan, client_for, users):  # noqa: F811 (imported fixtures)
    content = _get(client_for(users["caothuong"]), reverse("reports:target_table_xlsx", args=[seed_plan.pk]))
    assert problems(content) == []


def test_the_eligibility_list_which_is_the_support_import_template(registry, units, users, client_for):  # noqa: F811 (imported fixtures)
    content = _get(client_for(users["caothuong"]), url("bhyt", units["07339"], "export/"), on(AFTER))
    assert problems(content) == []
    assert dates_in(content)  # the list's date, births


def test_the_checks_can_fail():
    """The checker itself: each kind of fault a clerk would see is found."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Năm", "Ngày", "Tình trạng", "Có thẻ", "Thu nhập", "Ghi chú", "Số tiền", "Hạn nộp"])
    sheet.append([2025, datetime.date(2025, 12, 20), "near_poor", True, 1_500_000, "2025-12-20", "1.500.000",
                  "25/01/2024"])
    sheet["A2"].number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    found = "\n".join(problems(out.getvalue()))
    for fault in ("A2: the year", "B2: a date shown", "C2: a raw code", "D2: a boolean", "E2: 1500000 without",
                  "F2: an ISO date", "G2: a number as text", "H2: a date as text"):
        assert fault in found, fault
