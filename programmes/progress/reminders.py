"""Reminders (thư nhắc hạn báo cáo): which reporters get an e-mail today, and the daily run that sends them.

Run daily by `manage.py send_report_reminders`. For every report due from an issued plan that the
reporter has not sent yet:
- "nhắc trước hạn" from `days_before` days before the deadline up to the day before it;
- "quá hạn" from the day after the deadline, for `days_before` days (so a day the cron missed is caught up,
  and a plan issued late does not mail a year of old periods).
Each (rule, period, reporter, kind) is mailed once (ReminderSent); a second run sends nothing again.
"""
import datetime
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from povertyplan.models import Officer, Role
from programmes.models import Agency, ProgressReport, ReminderKind, ReminderSent
from programmes.progress.due import expected_reports, issued_plans

DEFAULT_DAYS_BEFORE = 3


@dataclass(frozen=True)
class Reminder:
    due: object        # programmes.progress.due.Due
    kind: str          # ReminderKind
    emails: tuple      # the reporter's addresses, sorted; empty when none is known


@dataclass
class RunResult:
    sent: list = field(default_factory=list)        # Reminders mailed now
    no_address: list = field(default_factory=list)  # Reminders nobody could be mailed for
    failed: list = field(default_factory=list)      # (Reminder, error): not recorded, tried again next run


def kind_on(deadline, today, days_before):
    """BEFORE, OVERDUE or None: what reminder a report with this deadline gets today."""
    if deadline - datetime.timedelta(days=days_before) <= today < deadline:
        return ReminderKind.BEFORE
    if deadline < today <= deadline + datetime.timedelta(days=max(days_before, 1)):
        return ReminderKind.OVERDUE
    return None


def reminders_due(today, *, days_before=DEFAULT_DAYS_BEFORE, plans=None):
    """The reminders to send today, in a fixed number of queries: what is due, what was sent (first sending:
    a returned report was on its way and gets no reminder), what was already reminded, and the addresses."""
    candidates = [(due, kind) for due in expected_reports(issued_plans(plans))
                  if (kind := kind_on(due.deadline, today, days_before))]
    if not candidates:
        return []
    rule_ids = {due.rule.pk for due, _kind in candidates}
    sent = set(ProgressReport.objects.filter(rule_id__in=rule_ids, first_submitted_at__isnull=False)
               .values_list("rule_id", "period_year", "period_index", "reporter"))
    reminded = set(ReminderSent.objects.filter(rule_id__in=rule_ids)
                   .values_list("rule_id", "period_year", "period_index", "reporter", "kind"))
    candidates = [(due, kind) for due, kind in candidates
                  if due.key not in sent and (*due.key, str(kind)) not in reminded]
    addresses = _addresses({d.agency.pk for d, _k in candidates if d.agency is not None},
                           {d.unit.pk for d, _k in candidates if d.unit is not None})
    return [Reminder(due, kind, tuple(sorted(addresses.get(due.reporter, ()))))
            for due, kind in sorted(candidates, key=lambda c: (c[0].deadline, c[0].reporter_name, c[1]))]


def _addresses(agency_ids, unit_ids):
    """reporter key → e-mail addresses: the active members of an agency; a commune's commune officers."""
    result = {}
    members = Agency.members.through.objects.filter(
        agency_id__in=agency_ids, user__is_active=True).exclude(user__email="").values_list("agency_id", "user__email")
    for agency_id, email in members:
        result.setdefault(f"a:{agency_id}", set()).add(email)
    officers = Officer.objects.filter(Q(unit_id__in=unit_ids), role=Role.COMMUNE, user__is_active=True).exclude(
        user__email="").values_list("unit_id", "user__email")
    for unit_id, email in officers:
        result.setdefault(f"u:{unit_id}", set()).add(email)
    return result


def site_link():
    """Where the reporter sees what they owe: their home page on SITE_URL."""
    return settings.SITE_URL.rstrip("/") + reverse("home")


def send_reminders(today, *, days_before=DEFAULT_DAYS_BEFORE):
    """Mail today's reminders (programmes.services.reminder_send records each in its transaction)."""
    from programmes.services.reminders import reminder_send

    result = RunResult()
    for reminder in reminders_due(today, days_before=days_before):
        if not reminder.emails:
            result.no_address.append(reminder)
            continue
        try:
            if reminder_send(reminder=reminder):
                result.sent.append(reminder)
        except (OSError, smtplib.SMTPException) as exc:  # the mail server: the others may still go
            result.failed.append((reminder, str(exc)))
    return result
