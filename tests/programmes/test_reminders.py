"""Reminders of report deadlines: with a fixed "today" the daily command mails exactly who owes a report,
once; submitted reports get none; the day after a missed deadline brings the overdue mail."""
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from povertyplan.models import AuditEvent
from programmes.models import (
    Assignment,
    AssignmentRole,
    Frequency,
    ProgressReport,
    Project,
    ReminderKind,
    ReminderSent,
    Reporters,
    ReportState,
    Timing,
)
from programmes.models.progress import reporter_key
from programmes.progress.reminders import kind_on, reminders_due

D = datetime.date
LAN, KHOA = "lan.ttyt@example.vn", "khoa.ttyt@example.vn"


@pytest.fixture
def plan(district_plan, agencies, users, ttyte, settings):
    """The district plan, monthly "vào ngày 25" from the agencies and communes, issued: reporters Trung tâm
    Y tế (two members with e-mail), Phòng GD&ĐT (no member), thị trấn Cao Thượng and xã Cao Xá."""
    from django.contrib.auth import get_user_model

    from programmes import reference, services
    from programmes.services.rows import RowChange
    from tests.programmes.conftest import version_of

    settings.SITE_URL = "https://giamngheo.example.vn/"
    reference.load_holidays()
    ttyt = agencies[("216", "Trung tâm Y tế")]
    ttyte.email = LAN
    ttyte.save()
    colleague = get_user_model().objects.create_user("khoa", email=KHOA, password="x")
    ttyt.members.add(colleague)
    for name, email in [("caothuong", "caothuong@example.vn"), ("caoxa", "caoxa@example.vn"),
                        ("caoxa_ld", "chutich.caoxa@example.vn")]:
        users[name].email = email
        users[name].save()
    Assignment.objects.create(plan=district_plan, project=Project.objects.get(code="DA4-TDA1"),
                              agency=agencies[("216", "Phòng Giáo dục và Đào tạo")], role=AssignmentRole.SUPPORT)
    services.plan_rows_save(actor=users["tanyen"], plan=district_plan, part="reporting",
                            version=version_of(district_plan),
                            rows=[RowChange(None, {"order": 1, "frequency": Frequency.MONTHLY, "timing": Timing.ON,
                                                   "day": 25, "month_offset": 0, "reporters": Reporters.BOTH})])
    return services.plan_issue(actor=users["tanyen"], plan=district_plan, version=version_of(district_plan),
                               number="12", document_date=D(2024, 1, 20), signer_name="Nguyễn Văn Bình")


def report_row(plan, unit, month, state, sent_on=None):
    """A report as the workflow leaves it: started (draft) or sent on a day."""
    sent = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(9))) if sent_on else None
    return ProgressReport.objects.create(
        plan=plan, rule=plan.reporting_rules.get(), period_year=2024, period_index=month, unit=unit,
        reporter=reporter_key(unit=unit), recipient_unit=plan.issuing_unit, deadline=D(2024, month, 25), state=state,
        submitted_at=sent, first_submitted_at=sent)


@pytest.fixture
def february(plan, units):
    """Cao Thượng sent February's report; Cao Xá started it and has not sent it."""
    report_row(plan, units["07339"], 2, ReportState.SUBMITTED, D(2024, 2, 20))
    report_row(plan, units["07336"], 2, ReportState.DRAFT)
    return plan


def run(today, *args):
    out = io.StringIO()
    call_command("send_report_reminders", "--today", today, *args, stdout=out)
    return out.getvalue()


def sent_mails():
    return sorted((tuple(m.to), m.subject) for m in mail.outbox)


def test_three_days_before_the_deadline_each_reporter_who_owes_it_gets_one_mail(february):
    output = run("22/02/2024")
    subject = "[Nhắc hạn] Báo cáo Tháng 02/2024 - hạn 25/02/2024"
    assert sent_mails() == [(("caoxa@example.vn",), subject), ((KHOA, LAN), subject)]
    body = next(m.body for m in mail.outbox if m.to == [KHOA, LAN])
    for piece in ["Kính gửi: Trung tâm Y tế huyện Tân Yên,", "Báo cáo hằng tháng kỳ Tháng 02/2024",
                  "Triển khai Chương trình MTQG giảm nghèo bền vững huyện Tân Yên năm 2024",
                  "chậm nhất ngày 25/02/2024", "https://giamngheo.example.vn/"]:
        assert piece in body, piece
    assert "nhắc trước hạn: Phòng Giáo dục và Đào tạo huyện Tân Yên – Tháng 02/2024 (hạn 25/02/2024) – không có " \
           "địa chỉ thư" in output
    assert "đã gửi 2 thư (2 nhắc trước hạn, 0 quá hạn); 1 đơn vị không có địa chỉ thư" in output
    assert set(ReminderSent.objects.values_list("reporter", "period_index", "kind")) == {
        (f"a:{february.assignments.get(role=AssignmentRole.LEAD).agency_id}", 2, ReminderKind.BEFORE),
        (reporter_key(unit=february.issuing_unit.children.get(code="07336")), 2, ReminderKind.BEFORE)}
    assert AuditEvent.objects.filter(action="report.remind").count() == 2


def test_a_second_run_the_same_day_or_later_sends_nothing_again(february):
    run("22/02/2024")
    assert len(mail.outbox) == 2
    output = run("22/02/2024")
    run("23/02/2024")
    run("24/02/2024")
    assert len(mail.outbox) == 2 and ReminderSent.objects.count() == 2
    assert "đã gửi 0 thư" in output


def test_nothing_before_the_window_nor_on_the_deadline_day(february):
    run("21/02/2024")
    run("25/02/2024")
    assert mail.outbox == [] and ReminderSent.objects.count() == 0


def test_the_day_after_a_missed_deadline_the_overdue_mail_goes_to_who_has_not_sent(february, units):
    run("22/02/2024")
    ProgressReport.objects.filter(unit=units["07336"], period_index=2).update(
        state=ReportState.SUBMITTED, submitted_at=timezone.now(), first_submitted_at=timezone.now())
    mail.outbox.clear()
    output = run("26/02/2024")
    assert sent_mails() == [((KHOA, LAN), "[Quá hạn] Báo cáo Tháng 02/2024 - hạn 25/02/2024 đã qua")]
    assert "đã quá hạn ngày 25/02/2024 mà chưa được gửi huyện Tân Yên" in mail.outbox[0].body
    assert "quá hạn: Phòng Giáo dục và Đào tạo huyện Tân Yên – Tháng 02/2024" in output
    run("27/02/2024")
    assert len(mail.outbox) == 1


def test_a_returned_report_was_sent_and_gets_no_reminder(plan, units):
    report_row(plan, units["07339"], 3, ReportState.RETURNED, D(2024, 3, 20))
    run("22/03/2024")
    assert ("caothuong@example.vn",) not in [tuple(m.to) for m in mail.outbox]
    assert sorted(tuple(m.to) for m in mail.outbox) == [("caoxa@example.vn",), (KHOA, LAN)]


def test_the_windows():
    deadline = D(2024, 2, 25)
    kinds = {day: kind_on(deadline, D(2024, 2, day), 3) for day in range(20, 30)}
    assert kinds == {20: None, 21: None, 22: ReminderKind.BEFORE, 23: ReminderKind.BEFORE, 24: ReminderKind.BEFORE,
                     25: None, 26: ReminderKind.OVERDUE, 27: ReminderKind.OVERDUE, 28: ReminderKind.OVERDUE,
                     29: None}


def test_selection_runs_a_fixed_number_of_queries(february, django_assert_num_queries):
    # plans + 3 prefetches, holidays, communes, successors, sent, reminded, members, officers
    with django_assert_num_queries(11):
        reminders = reminders_due(D(2024, 2, 22))
    assert len(reminders) == 3


def test_bad_arguments_are_refused_in_vietnamese(february):
    with pytest.raises(CommandError, match="--today phải có dạng dd/mm/yyyy"):
        run("2024-02-22")
    with pytest.raises(CommandError, match="--days-before"):
        run("22/02/2024", "--days-before", "0")
    assert mail.outbox == [] and ReminderSent.objects.count() == 0


def test_a_mail_that_fails_is_not_recorded_and_goes_out_on_the_next_run(february, monkeypatch):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def refuse_ttyt(message, *args, **kwargs):
        if LAN in message.to:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_ttyt)
    with pytest.raises(CommandError, match="1 thư chưa gửi được"):
        run("22/02/2024")
    assert sent_mails() == [(("caoxa@example.vn",), "[Nhắc hạn] Báo cáo Tháng 02/2024 - hạn 25/02/2024")]
    assert list(ReminderSent.objects.values_list("recipients", flat=True)) == ["caoxa@example.vn"]
    monkeypatch.setattr(EmailMessage, "send", real_send)
    run("23/02/2024")
    assert [tuple(m.to) for m in mail.outbox] == [("caoxa@example.vn",), (KHOA, LAN)]
    assert ReminderSent.objects.count() == 2
