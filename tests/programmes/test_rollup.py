"""The consolidated report: only approved reports count (the others are named with their state), flows add
up and stocks take the latest month over a quarter of monthly reports, every missing reporter is named,
the Excel file is laid out for a meeting, outsiders get 404, and the queries do not grow."""
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import Agency, Indicator, Period, Project, ReportState
from programmes.progress.rollup import rollup
from tests.programmes import reportdata
from tests.programmes.reportdata import SUPPORT, at, make_report

issued_plan = reportdata.issued_plan  # a fixture shared by the report-page tests
seed_plan_for_404 = reportdata.seed_plan_for_404  # a fixture shared by the report-page tests

Q1 = Period("quarterly", 2024, 1)
URL = reverse("programmes:report_rollup")
EXPORT = reverse("programmes:report_rollup_export")
PARAMS = {"frequency": "quarterly", "year": 2024, "index": 1}


@pytest.fixture
def quarter(issued_plan, agencies, units, programme):
    """Q1 2024 from monthly reports (flow: hộ nghèo giảm; stock: số hộ nghèo):
    Trung tâm Y tế, months 1–3 approved: flow 2 + 3 + 4 = 9, stock latest (March) 11;
    thị trấn Cao Thượng, months 1–2 approved, March only submitted: flow 1 + 1 = 2, stock February's 18;
    Phòng GD&ĐT: January returned; xã Cao Xá: nothing. Totals: flow 11, stock 29."""
    flow, stock = Indicator.objects.get(code="giam_ho_ngheo"), Indicator.objects.get(code="ho_ngheo")
    project = Project.objects.get(programme=programme, code="DA3-TDA2")
    ttyt, caothuong = agencies[("216", "Trung tâm Y tế")], units["07339"]
    for month, f, s, money in [(1, 2, 10, (100_000_000, 20_000_000)), (2, 3, 12, (50_000_000, 30_000_000)), (3, 4, 11, (0, 0))]:
        make_report(issued_plan, month, agency=ttyt, state=ReportState.APPROVED, first_sent=at(2024, month, 20),
                    values=[(flow, f), (stock, s)], funding=[(project, *money)])
    for month, f, s, state in [(1, 1, 20, ReportState.APPROVED), (2, 1, 18, ReportState.APPROVED),
                               (3, 5, 17, ReportState.SUBMITTED)]:
        make_report(issued_plan, month, unit=caothuong, state=state, first_sent=at(2024, month, 24),
                    values=[(flow, f), (stock, s)])
    make_report(issued_plan, 1, agency=agencies[("216", SUPPORT)], state=ReportState.RETURNED,
                first_sent=at(2024, 1, 26), values=[(flow, 100)])
    return issued_plan


def test_flows_add_up_and_stocks_take_the_latest_month(quarter, users):
    result = rollup(users["tanyen"], unit=quarter.issuing_unit, period=Q1)
    lines = {line.indicator.code: line for line in result.lines}
    assert lines["giam_ho_ngheo"].total == Decimal(11) and lines["ho_ngheo"].total == Decimal(29)
    assert [name for _key, name in result.reporters] == ["Thị trấn Cao Thượng", "Trung tâm Y tế huyện Tân Yên"]
    assert lines["ho_ngheo"].cells == [Decimal(18), Decimal(11)]
    funding = result.funding[0]
    assert (funding.project.code, funding.allocated, funding.disbursed, funding.disbursed_rate) == (
        "DA3-TDA2", 150_000_000, 50_000_000, Decimal("33.33"))


def test_unapproved_reports_are_excluded_and_named_with_their_state(quarter, users):
    result = rollup(users["tanyen"], unit=quarter.issuing_unit, period=Q1)
    assert [(r.reporter_name, r.period.label, r.state) for r in result.excluded] == [
        ("Phòng Giáo dục và Đào tạo huyện Tân Yên", "Tháng 01/2024", ReportState.RETURNED),
        ("Thị trấn Cao Thượng", "Tháng 03/2024", ReportState.SUBMITTED)]
    assert [(m.reporter_name, m.periods) for m in result.missing] == [
        ("Phòng Giáo dục và Đào tạo huyện Tân Yên", ["Tháng 01/2024", "Tháng 02/2024", "Tháng 03/2024"]),
        ("Thị trấn Cao Thượng", ["Tháng 03/2024"]),
        ("Xã Cao Xá", ["Tháng 01/2024", "Tháng 02/2024", "Tháng 03/2024"])]


def test_a_single_month_is_the_months_own_figures(quarter, users):
    result = rollup(users["tanyen"], unit=quarter.issuing_unit, period=Period("monthly", 2024, 2))
    lines = {line.indicator.code: line.total for line in result.lines}
    assert lines == {"ho_ngheo": Decimal(30), "giam_ho_ngheo": Decimal(4)}


def test_the_page_names_the_missing_and_the_excluded(quarter, users, client_for):
    html = client_for(users["tanyen"]).get(URL, PARAMS).content.decode()
    assert "Xã Cao Xá: Tháng 01/2024, Tháng 02/2024, Tháng 03/2024" in html
    assert "Thị trấn Cao Thượng – Tháng 03/2024: Đã gửi, chờ duyệt" in html


def test_the_excel_file_is_laid_out_for_a_meeting(quarter, users, client_for, agencies):
    Agency.objects.filter(pk=agencies[("216", "Trung tâm Y tế")].pk).update(name="=1+1")  # a hostile reporter name
    sheet = load_workbook(io.BytesIO(client_for(users["tanyen"]).get(EXPORT, PARAMS).content)).active
    assert sheet["A1"].value.startswith("BÁO CÁO TỔNG HỢP") and sheet["A2"].value == "Huyện Tân Yên"
    assert sheet["A3"].value == "Quý I/2024"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:G1", "A5:A6", "B5:B6", "E5:G5"} <= merged
    assert sheet["E6"].value == "Tổng cộng" and sheet["F6"].value == "=1+1 huyện Tân Yên" and sheet["F6"].data_type == "s"
    rows = {sheet.cell(row=r, column=2).value: r for r in range(7, sheet.max_row + 1)}
    total = sheet.cell(row=rows["Số hộ nghèo giảm"], column=5)
    assert total.value == 11 and total.number_format == "#,##0" and sheet["E7"].border.left.style == "thin"
    assert sheet.cell(row=rows["Số hộ nghèo"], column=5).value == 29
    allocated = sheet.cell(row=rows["Tổng cộng"], column=4)
    assert allocated.value == 150_000_000 and allocated.number_format == "#,##0"
    assert sheet.freeze_panes == "C7" and sheet.print_title_rows == "$5:$6"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.column_dimensions["B"].width == 46


def test_outsiders_get_404(quarter, seed_plan_for_404, users, client_for, units):
    client = client_for(users["caoxa"])
    for url in (URL, EXPORT):
        assert client.get(url, {**PARAMS, "unit": units["216"].pk}).status_code == 404
        assert client.get(url, {**PARAMS, "plan": seed_plan_for_404.pk}).status_code == 404  # thị trấn Cao Thượng's
    # the district plan is above xã Cao Xá: its officer may open it, and sees its own line only
    assert client.get(URL, {**PARAMS, "plan": quarter.pk}).status_code == 200
    assert client_for(users["tanyen"]).get(URL, {**PARAMS, "unit": units["216"].pk}).status_code == 200


def _count(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_queries_do_not_grow_with_reporters_or_periods(issued_plan, users, agencies, units, client_for):
    flow = Indicator.objects.get(code="giam_ho_ngheo")
    ttyt = agencies[("216", "Trung tâm Y tế")]
    make_report(issued_plan, 1, agency=ttyt, state=ReportState.APPROVED, first_sent=at(2024, 1, 20),
                values=[(flow, 1)])
    make_report(issued_plan, 1, agency=agencies[("216", SUPPORT)], state=ReportState.SUBMITTED,
                first_sent=at(2024, 1, 20))
    client = client_for(users["tanyen"])
    year = {"frequency": "annual", "year": 2024, "index": 1}
    client.get(URL, year)
    few = _count(lambda: client.get(URL, year))
    for month in range(2, 13):
        for reporter in ({"agency": ttyt}, {"unit": units["07339"]}, {"unit": units["07336"]}):
            make_report(issued_plan, month, state=ReportState.APPROVED, first_sent=at(2024, month, 20),
                        values=[(flow, 1)], **reporter)
    result = rollup(users["tanyen"], unit=units["216"], period=Period("annual", 2024))
    assert result.lines[0].total == 1 + 33 and len(result.reporters) == 3
    assert _count(lambda: client.get(URL, year)) == few
    assert _count(lambda: client.get(EXPORT, year)) == few


def test_agency_names_in_the_header_stay_text(quarter, users, client_for, agencies):
    Agency.objects.filter(pk=agencies[("216", "Trung tâm Y tế")].pk).update(name="@SUM(A1)")
    sheet = load_workbook(io.BytesIO(client_for(users["tanyen"]).get(EXPORT, PARAMS).content)).active
    header = [sheet.cell(row=6, column=c).value for c in range(5, 8)]
    assert "@SUM(A1) huyện Tân Yên" in header
