"""Home-page panels (programmes/home.py through povertyplan.panels): the supervisor sees what is overdue in
their scope, linking to the completeness page; the agency officer lands on what they owe next and by when."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import ReportState
from tests.programmes import reportdata
from tests.programmes.reportdata import at, make_report

issued_plan = reportdata.issued_plan  # a fixture shared by the report-page tests

HOME = reverse("home")


def _panel(response, template):
    return next(panel for name, panel in response.context["panels"] if name == template)


def test_the_supervisor_sees_what_is_overdue(issued_plan, agencies, users, client_for):
    # the whole of 2024 is past: 4 reporters × 12 months, less the one sent
    make_report(issued_plan, 1, agency=agencies[("216", "Trung tâm Y tế")], state=ReportState.APPROVED,
                first_sent=at(2024, 1, 20))
    response = client_for(users["tanyen"]).get(HOME)
    panel = _panel(response, "programmes/_home_overdue.html")
    assert panel["count"] == 47
    assert [(r.due.reporter_name, r.due.period.label) for r in panel["rows"][:3]] == [
        ("Phòng Giáo dục và Đào tạo huyện Tân Yên", "Tháng 01/2024"), ("Thị trấn Cao Thượng", "Tháng 01/2024"),
        ("Xã Cao Xá", "Tháng 01/2024")]
    html = response.content.decode()
    assert "47 báo cáo quá hạn chưa gửi" in html
    assert reverse("programmes:report_completeness") + "?frequency=monthly&amp;year=2024&amp;index=1" in html
    assert not any(name == "programmes/_home_owed.html" for name, _panel_ in response.context["panels"])


def test_the_agency_officer_lands_on_what_it_owes(issued_plan, agencies, ttyte, client_for):
    ttyt = agencies[("216", "Trung tâm Y tế")]
    make_report(issued_plan, 1, agency=ttyt, state=ReportState.APPROVED, first_sent=at(2024, 1, 20))
    make_report(issued_plan, 2, agency=ttyt, state=ReportState.RETURNED, first_sent=at(2024, 2, 20))
    make_report(issued_plan, 3, agency=ttyt, state=ReportState.SUBMITTED, first_sent=at(2024, 3, 20))
    response = client_for(ttyte).get(HOME)
    panel = _panel(response, "programmes/_home_owed.html")
    # February (returned, to correct) and April–December (not sent); January and March are done
    assert panel["count"] == 10
    assert [(r.due.period.label, str(r.due.deadline), r.state) for r in panel["rows"][:2]] == [
        ("Tháng 02/2024", "2024-02-25", ReportState.RETURNED), ("Tháng 04/2024", "2024-04-25", "not_started")]
    assert {r.due.reporter_name for r in panel["rows"]} == {"Trung tâm Y tế huyện Tân Yên"}
    html = response.content.decode()
    assert "Báo cáo phải nộp" in html and "25/02/2024" in html and "Bị trả lại" in html
    assert not any(name == "programmes/_home_overdue.html" for name, _panel_ in response.context["panels"])


def test_a_commune_officer_sees_its_own_line_only(issued_plan, users, client_for):
    response = client_for(users["caothuong"]).get(HOME)
    owed = _panel(response, "programmes/_home_owed.html")
    assert owed["count"] == 12 and {r.due.reporter_name for r in owed["rows"]} == {"Thị trấn Cao Thượng"}
    assert _panel(response, "programmes/_home_overdue.html")["count"] == 12


def test_home_queries_do_not_grow_with_periods(issued_plan, agencies, users, client_for):
    ttyt = agencies[("216", "Trung tâm Y tế")]
    make_report(issued_plan, 1, agency=ttyt, state=ReportState.SUBMITTED, first_sent=at(2024, 1, 20))
    client = client_for(users["tanyen"])
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for month in range(2, 13):
        make_report(issued_plan, month, agency=ttyt, state=ReportState.SUBMITTED, first_sent=at(2024, month, 20))
    with CaptureQueriesContext(connection) as many:
        response = client.get(HOME)
    assert _panel(response, "programmes/_home_overdue.html")["count"] == 36
    assert len(many) == len(few)
