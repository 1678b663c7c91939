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


def test_the_agency_officers_home_starts_with_its_plans_lead_and_support_marked(
        issued_plan, make_plan, agencies, ttyte, programme, users, client_for, django_assert_num_queries):
    from povertyplan.models import Role
    from programmes.models import Assignment, AssignmentRole, Project, Responsibility
    from tests.conftest import make_officer

    ttyt, support = agencies[("216", "Trung tâm Y tế")], agencies[("216", reportdata.SUPPORT)]
    other = make_plan("216", year=2025, title="Kế hoạch năm 2025 của huyện")  # assigns Trung tâm Y tế nothing
    Assignment.objects.create(plan=other, project=Project.objects.get(programme=programme, code="DA2"),
                              agency=support, role=AssignmentRole.LEAD)
    Responsibility.objects.create(plan=issued_plan, agency=ttyt, order=1, text="Hướng dẫn các trạm y tế xã.")
    client = client_for(ttyte)
    client.get(HOME)
    # session, user, officer; plans, their assignments, their responsibilities; the owed panel: plans with
    # their rules, assignments and responsibilities, the user's agencies, holidays, units, successors, reports
    with django_assert_num_queries(15):
        response = client.get(HOME)
    html = response.content.decode()
    plans = html[html.index('id="panel-plans"'):html.index('id="panel-owed"')]
    assert issued_plan.title in plans and "Kế hoạch năm 2025 của huyện" not in plans
    assert 'class="assignment assignment-lead' in plans and "assignment-support" not in plans
    assert '<span class="badge text-bg-primary">Chủ trì</span>' in plans
    assert "Tiểu dự án 2 thuộc Dự án 3: " in plans and "Hướng dẫn các trạm y tế xã." in plans
    assert html.index('id="panel-plans"') < html.index('id="panel-owed"')  # its plans, then what it owes
    assert 'id="unit-table"' not in html  # no list of the district's communes for an agency officer

    # Phòng GD&ĐT supports Tiểu dự án 2 of the issued plan and leads Dự án 2 of the 2025 one (newest first)
    teacher = make_officer("gddt", Role.AGENCY, issued_plan.issuing_unit)
    support.members.add(teacher)
    plans = client_for(teacher).get(HOME).content.decode()
    plans = plans[plans.index('id="panel-plans"'):plans.index('id="panel-owed"')]
    assert plans.index("Kế hoạch năm 2025 của huyện") < plans.index(issued_plan.title)
    assert plans.count("assignment-lead") == 1 and plans.count("assignment-support") == 1
    assert '<span class="badge text-bg-light border">Phối hợp</span>' in plans


def test_an_agency_without_plans_is_told_so(agencies, ttyte, client_for):
    html = client_for(ttyte).get(HOME).content.decode()
    assert "Chưa có kế hoạch nào phân công cho cơ quan của bạn." in html
