"""Completeness and timeliness of the progress reports: hand-counted figures for a period with on-time,
late, missing, returned and not-yet-due reporters, the chase list with contacts, the page, its Excel file,
scope (404) and query counts that do not grow with reporters or periods."""
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from povertyplan.models import Officer
from programmes.models import Agency, Assignment, AssignmentRole, Period, Project, ReportState
from programmes.progress.completeness import Timeliness, completeness, overdue
from tests.programmes import reportdata
from tests.programmes.reportdata import SUPPORT, D, at, make_report

issued_plan = reportdata.issued_plan  # a fixture shared by the report-page tests
seed_plan_for_404 = reportdata.seed_plan_for_404  # a fixture shared by the report-page tests

JAN = Period("monthly", 2024, 1)
URL = reverse("programmes:report_completeness")


@pytest.fixture
def january(issued_plan, agencies, units, users, ttyte):
    """January 2024 (deadline 25/01): Trung tâm Y tế sent on 20/01, approved; thị trấn Cao Thượng sent on
    25/01 (the deadline day, late evening), returned; xã Cao Xá sent on 28/01; Phòng GD&ĐT still a draft."""
    Officer.objects.filter(user=ttyte).update(phone="0912 345 678")
    ttyte.email = "lan.ttyt@tanyen.gov.vn"
    ttyte.save()
    make_report(issued_plan, 1, agency=agencies[("216", "Trung tâm Y tế")], state=ReportState.APPROVED,
                first_sent=at(2024, 1, 20))
    make_report(issued_plan, 1, unit=units["07339"], state=ReportState.RETURNED, first_sent=at(2024, 1, 25, 23))
    make_report(issued_plan, 1, unit=units["07336"], state=ReportState.SUBMITTED, first_sent=at(2024, 1, 28))
    make_report(issued_plan, 1, agency=agencies[("216", SUPPORT)])
    return issued_plan


def test_the_figures_of_a_period_are_counted_by_hand(january, users):
    result = completeness(users["tanyen"], period=JAN, today=D(2024, 3, 1))
    t = result.totals
    assert (t.expected, t.submitted, t.on_time, t.late, t.missing, t.not_due, t.returned, t.approved) == (
        4, 3, 2, 1, 1, 0, 1, 1)
    assert t.submitted_rate == Decimal("75.00") and t.on_time_rate == Decimal("50.00")
    by_name = {r.due.reporter_name: r.timeliness for r in result.rows}
    assert by_name == {"Trung tâm Y tế huyện Tân Yên": Timeliness.ON_TIME, "Thị trấn Cao Thượng": Timeliness.ON_TIME,
                       "Xã Cao Xá": Timeliness.LATE, "Phòng Giáo dục và Đào tạo huyện Tân Yên": Timeliness.MISSING}


def test_the_late_list_says_how_to_reach_them(january, users, agencies, ttyte):
    Agency.objects.get(pk=agencies[("216", SUPPORT)].pk).members.add(ttyte)  # ttyte also answers for GD&ĐT
    Officer.objects.filter(user=users["caoxa"]).update(phone="0987 000 111")
    result = completeness(users["tanyen"], period=JAN, today=D(2024, 3, 1))
    late = [(r.due.reporter_name, r.timeliness, [(c.name, c.email, c.phone) for c in r.contacts])
            for r in result.late_rows]
    assert late == [
        ("Phòng Giáo dục và Đào tạo huyện Tân Yên", Timeliness.MISSING, [("Đỗ Thị Lan", "lan.ttyt@tanyen.gov.vn",
                                                                            "0912 345 678")]),
        ("Xã Cao Xá", Timeliness.LATE, [("Trần Văn Bình", users["caoxa"].email, "0987 000 111")])]


def test_a_period_whose_deadline_is_ahead_is_not_missing(issued_plan, agencies, users):
    make_report(issued_plan, 4, agency=agencies[("216", "Trung tâm Y tế")], state=ReportState.SUBMITTED,
                first_sent=at(2024, 4, 8))
    make_report(issued_plan, 4, unit=issued_plan.issuing_unit.children.get(code="07339"))  # a draft, not yet due
    result = completeness(users["tanyen"], period=Period("monthly", 2024, 4), today=D(2024, 4, 25))
    t = result.totals
    assert (t.expected, t.submitted, t.on_time, t.missing, t.not_due) == (4, 1, 1, 0, 3)
    assert result.late_rows == []
    after = completeness(users["tanyen"], period=Period("monthly", 2024, 4), today=D(2024, 4, 26)).totals
    assert (after.missing, after.not_due) == (3, 0)


def test_a_unit_subtree_keeps_its_reporters_only(january, users, units):
    result = completeness(users["tanyen"], period=JAN, unit=units["07336"], today=D(2024, 3, 1))
    assert [r.due.reporter_name for r in result.rows] == ["Xã Cao Xá"]
    # a commune officer sees its own line of the district plan, nothing else of it
    own = completeness(users["caothuong"], period=JAN, today=D(2024, 3, 1))
    assert [(r.due.reporter_name, r.state) for r in own.rows] == [("Thị trấn Cao Thượng", ReportState.RETURNED)]


def test_the_page_shows_the_figures_and_the_chase_list(january, users, client_for):
    response = client_for(users["tanyen"]).get(URL, {"frequency": "monthly", "year": 2024, "index": 1})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Phòng Giáo dục và Đào tạo huyện Tân Yên" in html and "Quá hạn, chưa gửi" in html
    assert response.context["result"].totals.expected == 4


def test_a_bad_period_is_a_clear_message_not_a_500(january, users, client_for):
    response = client_for(users["tanyen"]).get(URL, {"frequency": "quarterly", "year": 2024, "index": 7})
    assert response.status_code == 200
    assert response.context["result"] is None
    assert "Kỳ hằng quý chỉ có 4 kỳ trong năm" in response.context["form"].errors["index"][0]


def test_the_excel_file(january, users, client_for, agencies):
    Agency.objects.filter(pk=agencies[("216", SUPPORT)].pk).update(name="=HYPERLINK(\"http://x\")")
    response = client_for(users["tanyen"]).get(reverse("programmes:report_completeness_export"),
                                               {"frequency": "monthly", "year": 2024, "index": 1})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "TÌNH HÌNH NỘP BÁO CÁO TIẾN ĐỘ" and sheet["A3"].value == "Tháng 01/2024"
    assert "E5:H5" in {str(r) for r in sheet.merged_cells.ranges}
    names = [sheet.cell(row=r, column=2).value for r in range(7, 11)]
    assert names[0].startswith("=HYPERLINK") and sheet.cell(row=7, column=2).data_type == "s"
    totals = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=3) for r in range(12, 23)}
    assert totals["Phải nộp"].value == 4 and totals["Phải nộp"].number_format == "#,##0"
    assert totals["Tỷ lệ đúng hạn (%)"].value == 50 and totals["Tỷ lệ đúng hạn (%)"].number_format == "#,##0.00"
    assert sheet.freeze_panes == "C7" and sheet.print_title_rows == "$5:$6"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1


@pytest.mark.parametrize("params", [{"plan": "seed"}, {"unit": "07339"}])
def test_outsiders_get_404(january, seed_plan_for_404, users, units, client_for, params):
    value = str(seed_plan_for_404.pk) if "plan" in params else str(units[params["unit"]].pk)
    key = next(iter(params))
    client = client_for(users["caoxa"])
    assert client.get(URL, {key: value}).status_code == 404
    assert client.get(reverse("programmes:report_completeness_export"), {key: value}).status_code == 404
    assert client_for(users["caothuong"]).get(URL, {key: value}).status_code == 200


def test_agency_officers_do_not_get_the_page(january, ttyte, client_for):
    assert client_for(ttyte).get(URL).status_code == 403


def _count(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_queries_do_not_grow_with_reporters(january, users, agencies, programme, units, client_for):
    client = client_for(users["tanyen"])
    params = {"frequency": "monthly", "year": 2024, "index": 1}
    client.get(URL, params)  # warm the session and the officer cache of the first request
    few = _count(lambda: client.get(URL, params))
    plan = january
    # six more agencies assigned, each with a report in a different state
    extra = [a for (code, name), a in agencies.items() if code == "216" and name not in ("Trung tâm Y tế", SUPPORT)]
    project = Project.objects.get(programme=programme, code="DA3-TDA1")
    for agency in extra:
        Assignment.objects.create(plan=plan, project=project, agency=agency, role=AssignmentRole.SUPPORT)
    for agency, state in zip(extra, [ReportState.SUBMITTED, ReportState.APPROVED, ReportState.RETURNED], strict=False):
        make_report(plan, 1, agency=agency, state=state, first_sent=at(2024, 1, 27))
    assert len(completeness(users["tanyen"], period=JAN, today=D(2024, 3, 1)).rows) == 4 + len(extra)
    assert _count(lambda: client.get(URL, params)) == few
    assert _count(lambda: client.get(reverse("programmes:report_completeness_export"), params)) == few


def test_queries_do_not_grow_with_periods(issued_plan, users, agencies):
    ttyt = agencies[("216", "Trung tâm Y tế")]
    make_report(issued_plan, 1, agency=ttyt)
    one = _count(lambda: overdue(users["tanyen"], today=D(2024, 2, 1)))
    assert len(overdue(users["tanyen"], today=D(2024, 2, 1))) == 4
    for month in range(2, 12):
        make_report(issued_plan, month, agency=ttyt, state=ReportState.SUBMITTED, first_sent=at(2024, month, 26))
    assert len(overdue(users["tanyen"], today=D(2024, 12, 31))) == 4 + 3 * 10 + 4  # December is past its 25th too
    assert _count(lambda: overdue(users["tanyen"], today=D(2024, 12, 31))) == one
