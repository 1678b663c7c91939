"""Sending a reminder e-mail about a report (thư nhắc hạn), recorded once per rule, period, reporter and kind."""
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from povertyplan.audit import record
from programmes.models import ReminderKind, ReminderSent


def reminder_message(reminder):
    """(subject, body) in Vietnamese: what is due, of which plan and period, by when, and where to report."""
    from programmes.progress.reminders import site_link

    due = reminder.due
    with translation.override("vi"):
        values = {"period": due.period.label, "plan": due.plan.title, "deadline": due.deadline.strftime("%d/%m/%Y"),
                  "reporter": due.reporter_name, "link": site_link(),
                  "frequency": due.rule.get_frequency_display().lower(), "recipient": _in_sentence(due.recipient_unit.full_name)}
        if reminder.kind == ReminderKind.BEFORE:
            subject = _("[Nhắc hạn] Báo cáo %(period)s - hạn %(deadline)s") % values
            lead = _("Báo cáo %(frequency)s kỳ %(period)s của %(reporter)s về thực hiện Kế hoạch \"%(plan)s\" "
                     "phải gửi %(recipient)s chậm nhất ngày %(deadline)s; hệ thống chưa nhận được báo cáo.") % values
        else:
            subject = _("[Quá hạn] Báo cáo %(period)s - hạn %(deadline)s đã qua") % values
            lead = _("Báo cáo %(frequency)s kỳ %(period)s của %(reporter)s về thực hiện Kế hoạch \"%(plan)s\" "
                     "đã quá hạn ngày %(deadline)s mà chưa được gửi %(recipient)s.") % values
        body = "\n\n".join([
            _("Kính gửi: %(reporter)s,") % values, lead,
            _("Đề nghị đơn vị nhập và gửi báo cáo tại: %(link)s") % values,
            _("Đây là thư tự động của hệ thống theo dõi giảm nghèo; xin không trả lời thư này."),
        ])
    return subject, body


def _in_sentence(name):
    """"huyện Tân Yên" inside a sentence for the unit named "Huyện Tân Yên"."""
    return name[:1].lower() + name[1:]


@transaction.atomic
def reminder_send(*, reminder):
    """Record the reminder and mail it in one transaction: a failed sending leaves no record (tomorrow's run
    tries again); a reminder already recorded (another run) is not sent again. True when mailed now."""
    due = reminder.due
    _rule, year, index, reporter = due.key
    sent = ReminderSent(rule=due.rule, period_year=year, period_index=index, reporter=reporter, kind=reminder.kind,
                        recipients=", ".join(reminder.emails))
    sent.full_clean(validate_constraints=False)  # the unique constraint is the database's: see below
    try:
        with transaction.atomic():
            sent.save()
    except IntegrityError:
        return False
    record(actor=None, action="report.remind", obj=sent, unit=due.unit or due.agency.unit,
           after={"kind": reminder.kind, "period": due.period.label, "reporter": due.reporter_name,
                  "recipients": list(reminder.emails), "deadline": due.deadline.isoformat()})
    # Last, so that nothing after the sending can roll back the record of a mail that went out.
    subject, body = reminder_message(reminder)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, list(reminder.emails)).send()
    return True
