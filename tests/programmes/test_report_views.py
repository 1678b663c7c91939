"""The report pages through the test client: what I owe and what waits for me (constant queries), the
journey fill → attach → submit → return → correct → approve → reopen, and 404/403 on every view."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import ProgressReport, ReportAttachment, ReportState, ReportValue, ReportVersion
from tests.conftest import make_officer
from tests.programmes.conftest import version_of
from tests.programmes.reporting_setup import PDF, start, upload


def _text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _text(response):
    return _text_of(response.content.decode())


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Báo cáo của tôi ---------------------------------------------------------------------------------------

def test_the_agency_officer_sees_what_is_due_overdue_first_and_starts_one(issued_plan, ttyte, tty, client_for):
    client = client_for(ttyte)
    html = client.get(reverse("programmes:report_list")).content.decode()
    rows = re.findall(r'<tr class="([^"]*)" data-key="a:\d+-2024-(\d+)"', html)
    assert [int(month) for _cls, month in rows] == list(range(1, 13))  # 2024 has begun and ended: all twelve
    assert all(cls == "table-danger" for cls, _m in rows)  # all deadlines of 2024 have passed
    assert "24/01/2024" in html and "Quá hạn" in html
    response = client.post(reverse("programmes:report_start"), {
        "plan": issued_plan.pk, "rule": issued_plan.reporting_rules.get().pk, "year": 2024, "index": 3,
        "reporter": f"a:{tty.pk}"})
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("programmes:report_edit", args=[report.pk])
    assert (report.period_index, report.agency) == (3, tty)
    html = client.get(reverse("programmes:report_list")).content.decode()
    assert reverse("programmes:report_detail", args=[report.pk]) in html


def test_starting_for_an_agency_one_is_not_a_member_of_is_404(issued_plan, users, tty, client_for):
    response = client_for(users["caothuong"]).post(reverse("programmes:report_start"), {
        "plan": issued_plan.pk, "rule": issued_plan.reporting_rules.get().pk, "year": 2024, "index": 3,
        "reporter": f"a:{tty.pk}"})
    assert response.status_code == 404 and ProgressReport.objects.count() == 0


def test_starting_a_period_outside_the_plan_says_why(issued_plan, ttyte, tty, client_for):
    response = client_for(ttyte).post(reverse("programmes:report_start"), {
        "plan": issued_plan.pk, "rule": issued_plan.reporting_rules.get().pk, "year": 2026, "index": 3,
        "reporter": f"a:{tty.pk}"}, follow=True)
    assert "Kế hoạch không yêu cầu báo cáo này" in _messages(response)[0]
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize("plans", [1, 3])
def test_my_reports_runs_a_fixed_number_of_queries(issued_plan, ttyte, tty, users, client_for, make_plan, agencies,
                                                  programme, django_assert_num_queries, plans):
    """One plan or three (each with its twelve months and a report started): the same queries."""
    import datetime

    from programmes import services
    from programmes.models import Assignment, AssignmentRole, Project, Reporters, Timing
    from programmes.services.rows import RowChange

    tanyen = users["tanyen"]
    for year in range(2021, 2021 + plans - 1):
        plan = make_plan("216", year=year)
        Assignment.objects.create(plan=plan, project=Project.objects.get(programme=programme, code="DA3-TDA2"),
                                  agency=tty, role=AssignmentRole.LEAD)
        services.plan_rows_save(actor=tanyen, plan=plan, part="reporting", version=version_of(plan), rows=[
            RowChange(None, {"order": 1, "frequency": "monthly", "timing": Timing.BEFORE, "day": 25,
                             "month_offset": 0, "reporters": Reporters.AGENCIES})])
        plan = services.plan_issue(actor=tanyen, plan=plan, version=version_of(plan), number=str(year),
                                   document_date=datetime.date(year, 1, 5), signer_name="Nguyễn Văn Bình")
        services.report_start(actor=ttyte, plan=plan, rule=plan.reporting_rules.get(), period_year=year,
                              period_index=2, agency=tty)
    start(issued_plan, ttyte, agency=tty)
    client = client_for(ttyte)
    client.get(reverse("programmes:report_list"))
    # session, user, officer, agencies, plans + rules + assignments + responsibilities, holidays, communes,
    # successor links, reports started, reports to review
    with django_assert_num_queries(13):
        html = client.get(reverse("programmes:report_list")).content.decode()
    assert html.count('data-key="a:') == 12 * plans


def test_the_supervisor_sees_what_waits_for_review_in_fixed_queries(issued_plan, ttyte, tty, users, units,
                                                                   client_for, django_assert_num_queries):
    for month in (2, 3, 4):
        report = start(issued_plan, ttyte, month=month, agency=tty)
        from programmes import services

        services.report_submit(actor=ttyte, report=report, version=version_of(report))
    client = client_for(users["tanyen"])
    client.get(reverse("programmes:report_list"))
    # session, user, officer, the waiting reports (a supervisor reports nothing)
    with django_assert_num_queries(4):
        html = client.get(reverse("programmes:report_list")).content.decode()
    assert html.count("Xem và duyệt") == 3
    assert "Tháng 02/2024" in html and "Tháng 04/2024" in html
    assert "Xem và duyệt" not in client_for(make_officer("caoxa2", "supervisor", units["07336"])).get(
        reverse("programmes:report_list")).content.decode()


# --- the journey ------------------------------------------------------------------------------------------

def test_fill_attach_submit_return_correct_approve_reopen(issued_plan, ttyte, tty, users, client_for, media):
    report = start(issued_plan, ttyte, agency=tty)
    indicator_id = report.values.get().indicator_id
    project_id = report.funding.get(project__code="DA3-TDA2").project_id
    other_id = report.funding.get(project__code="DA3-TDA1").project_id
    client = client_for(ttyte)
    edit = reverse("programmes:report_edit", args=[report.pk])
    assert "Soạn báo cáo Tháng 03/2024" in client.get(edit).content.decode()
    response = client.post(edit, {"version": 1, "results": "Khám sàng lọc 120 người", "difficulties": "",
                                  "proposals": "", f"value_{indicator_id}": "1.250",
                                  f"allocated_{project_id}": "1.500.000.000", f"disbursed_{project_id}": "750.000.000",
                                  f"allocated_{other_id}": "", f"disbursed_{other_id}": ""})
    assert response.status_code == 302
    assert ReportValue.objects.get().value == Decimal(1250)
    assert report.funding.filter(project_id=project_id).values_list("allocated", "disbursed").get() == (
        1_500_000_000, 750_000_000)
    detail = reverse("programmes:report_detail", args=[report.pk])
    response = client.post(reverse("programmes:report_attach", args=[report.pk]),
                           {"file": upload("ban-ky.pdf", PDF)}, follow=True)
    assert "Đã đính kèm tệp." in _messages(response)
    attachment = ReportAttachment.objects.get()
    download = client.get(reverse("programmes:report_file", args=[report.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == PDF
    client.post(reverse("programmes:report_submit", args=[report.pk]), {"version": version_of(report)})
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED
    html = client.get(detail).content.decode()
    page = _text_of(html)
    assert "1.500.000.000" in page and "Khám sàng lọc 120 người" in page and "Lần 1" in page
    assert reverse("programmes:report_submit", args=[report.pk]) not in html  # no actions on a sent report
    assert reverse("programmes:report_edit", args=[report.pk]) not in html
    # the supervisor returns it with a comment
    supervisor = client_for(users["tanyen"])
    assert "Trả lại" in _text(supervisor.get(detail))
    response = supervisor.post(reverse("programmes:report_return", args=[report.pk]), {"reason": ""})
    assert "Cần ghi lý do." in response.content.decode()
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED
    supervisor.post(reverse("programmes:report_return", args=[report.pk]), {"reason": "Bổ sung số giải ngân"})
    client = client_for(ttyte)
    page = _text(client.get(detail))
    assert "Bị trả lại" in page and "Bổ sung số giải ngân" in page
    response = client.post(edit, {"version": version_of(report), "results": "Khám sàng lọc 150 người",
                                  f"value_{indicator_id}": "1.300", f"allocated_{project_id}": "1.500.000.000",
                                  f"disbursed_{project_id}": "900.000.000"})
    assert response.status_code == 302
    client.post(reverse("programmes:report_submit", args=[report.pk]), {"version": version_of(report)})
    supervisor = client_for(users["tanyen"])
    supervisor.post(reverse("programmes:report_approve", args=[report.pk]))
    assert ProgressReport.objects.get().state == ReportState.APPROVED
    first = _text(supervisor.get(reverse("programmes:report_version", args=[report.pk, 1])))
    assert "Khám sàng lọc 120 người" in first and "750.000.000" in first and "ban-ky.pdf" in first
    assert "Khám sàng lọc 150 người" in _text(supervisor.get(reverse("programmes:report_version", args=[report.pk, 2])))
    page = _text(supervisor.get(detail))
    assert "Mở lại" in page and "Trả lại báo cáo Bổ sung số giải ngân" in page  # the history shows the return and its reason
    supervisor.post(reverse("programmes:report_reopen", args=[report.pk]), {"reason": "Điều chỉnh số liệu"})
    assert ProgressReport.objects.get().state == ReportState.RETURNED
    assert ReportVersion.objects.count() == 2


def test_bad_numbers_and_disbursed_above_allocated_show_field_messages_and_change_nothing(
        issued_plan, ttyte, tty, client_for):
    report = start(issued_plan, ttyte, agency=tty)
    indicator_id = report.values.get().indicator_id
    project_id = report.funding.get(project__code="DA3-TDA2").project_id
    client = client_for(ttyte)
    edit = reverse("programmes:report_edit", args=[report.pk])
    html = client.post(edit, {"version": 1, "results": "x", f"value_{indicator_id}": "12,5"}).content.decode()
    assert "Lao động qua đào tạo: “12,5” có phần lẻ hoặc dấu phân cách sai" in html
    html = client.post(edit, {"version": 1, "results": "x", f"allocated_{project_id}": "1.000.000",
                              f"disbursed_{project_id}": "2.000.000"}).content.decode()
    assert "DA3-TDA2: số đã giải ngân (2.000.000 đồng) lớn hơn kinh phí được giao (1.000.000 đồng)." in html
    assert version_of(report) == 1 and ProgressReport.objects.get().results == ""
    assert ReportValue.objects.get().value is None


def test_a_stale_edit_shows_the_conflict_and_saves_nothing(issued_plan, ttyte, tty, client_for):
    report = start(issued_plan, ttyte, agency=tty)
    client = client_for(ttyte)
    edit = reverse("programmes:report_edit", args=[report.pk])
    client.post(edit, {"version": 1, "results": "Bản của tab thứ nhất"})
    html = client.post(edit, {"version": 1, "results": "Bản của tab thứ hai"}).content.decode()
    assert 'id="conflict"' in html and "Bản của tab thứ nhất" in html
    assert ProgressReport.objects.get().results == "Bản của tab thứ nhất"


def test_a_refused_attachment_says_why_and_stores_nothing(issued_plan, ttyte, tty, client_for, media):
    report = start(issued_plan, ttyte, agency=tty)
    response = client_for(ttyte).post(reverse("programmes:report_attach", args=[report.pk]),
                                      {"file": upload("bao-cao.pdf", b"<html></html>")}, follow=True)
    assert "không phải PDF, JPEG hoặc PNG" in _messages(response)[0]
    assert ReportAttachment.objects.count() == 0


def test_editing_a_sent_report_goes_back_to_its_page(issued_plan, ttyte, tty, client_for):
    from programmes import services

    report = start(issued_plan, ttyte, agency=tty)
    services.report_submit(actor=ttyte, report=report, version=1)
    client = client_for(ttyte)
    response = client.post(reverse("programmes:report_edit", args=[report.pk]), {"version": 2, "results": "Sửa"},
                           follow=True)
    assert "Báo cáo đã gửi hoặc đã duyệt nên không sửa được." in _messages(response)
    assert ProgressReport.objects.get().results == ""


def test_a_reviewer_cannot_approve_their_own_submission_through_the_page(issued_plan, users, units, client_for):
    from programmes import services

    caothuong = users["caothuong"]
    report = start(issued_plan, caothuong, unit=units["07339"])
    services.report_submit(actor=caothuong, report=report, version=1)
    ProgressReport.objects.filter(pk=report.pk).update(recipient_unit=units["07339"])
    client = client_for(caothuong)
    html = client.get(reverse("programmes:report_detail", args=[report.pk])).content.decode()
    assert reverse("programmes:report_approve", args=[report.pk]) not in html
    assert client.post(reverse("programmes:report_approve", args=[report.pk])).status_code == 403
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED


# --- 404 outside, 403 for readers ---------------------------------------------------------------------------

VIEWS = [  # (url name, method, needs an attachment / a version)
    ("report_detail", "get"), ("report_edit", "get"), ("report_edit", "post"), ("report_attach", "post"),
    ("report_file", "get"), ("report_detach", "post"), ("report_submit", "post"), ("report_return", "get"),
    ("report_return", "post"), ("report_approve", "post"), ("report_reopen", "get"), ("report_reopen", "post"),
    ("report_version", "get"),
]


@pytest.fixture
def sent_report(issued_plan, ttyte, tty, media):
    from programmes import services

    report = start(issued_plan, ttyte, agency=tty)
    attachment = services.report_attach(actor=ttyte, report=report, upload=upload("a.pdf", PDF))
    services.report_submit(actor=ttyte, report=report, version=1)
    return report, attachment


def _url(name, report, attachment):
    if name in ("report_file", "report_detach"):
        return reverse(f"programmes:{name}", args=[report.pk, attachment.pk])
    if name == "report_version":
        return reverse(f"programmes:{name}", args=[report.pk, 1])
    return reverse(f"programmes:{name}", args=[report.pk])


def _outsider(who, users, units, agencies):
    if who == "commune":  # a commune officer of another commune
        return users["caoxa"]
    if who == "supervisor":  # a supervisor whose scope (a commune) does not hold huyện Tân Yên
        return make_officer("far", "supervisor", units["07336"])
    user = make_officer("tuphap", "agency", units["216"])  # an agency the plan does not assign
    agencies[("216", "Phòng Tư pháp")].members.add(user)
    return user


@pytest.mark.parametrize("who", ["commune", "supervisor", "agency"])
@pytest.mark.parametrize("name, method", VIEWS)
def test_every_report_view_is_404_outside(sent_report, users, units, agencies, client_for, name, method, who):
    report, attachment = sent_report
    client = client_for(_outsider(who, users, units, agencies))
    response = getattr(client, method)(_url(name, report, attachment), {"reason": "x", "version": 2})
    assert response.status_code == 404
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED and ReportAttachment.objects.count() == 1


@pytest.mark.parametrize("name", ["report_edit", "report_attach", "report_detach", "report_submit"])
def test_readers_get_403_on_writes_of_the_reporter(sent_report, users, client_for, name):
    report, attachment = sent_report
    response = client_for(users["tanyen"]).post(_url(name, report, attachment), {"version": 2, "results": "x"})
    assert response.status_code == 403
    assert ProgressReport.objects.get().results == "" and ReportAttachment.objects.count() == 1


@pytest.mark.parametrize("name", ["report_return", "report_approve", "report_reopen"])
def test_the_reporter_gets_403_on_review_moves(sent_report, ttyte, client_for, name):
    report, attachment = sent_report
    response = client_for(ttyte).post(_url(name, report, attachment), {"reason": "x"})
    assert response.status_code == 403
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED
