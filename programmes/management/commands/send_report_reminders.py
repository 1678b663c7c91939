import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programmes.models import ReminderKind
from programmes.progress.reminders import DEFAULT_DAYS_BEFORE, send_reminders


class Command(BaseCommand):
    help = ("Gửi thư nhắc hạn báo cáo tiến độ (chạy hằng ngày bằng cron): nhắc trước hạn và báo quá hạn, "
            "mỗi thư chỉ gửi một lần.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="ngày chạy, dd/mm/yyyy (mặc định: hôm nay)")
        parser.add_argument("--days-before", type=int, default=DEFAULT_DAYS_BEFORE,
                            help=f"nhắc trước hạn bao nhiêu ngày (mặc định {DEFAULT_DAYS_BEFORE})")

    def handle(self, *args, today, days_before, **options):
        if days_before < 1:
            raise CommandError("--days-before phải là số ngày từ 1 trở lên.")
        if today:
            try:
                day = datetime.datetime.strptime(today, "%d/%m/%Y").date()
            except ValueError:
                raise CommandError("--today phải có dạng dd/mm/yyyy.") from None
        else:
            day = timezone.localdate()
        result = send_reminders(day, days_before=days_before)
        for reminder in result.sent:
            self.stdout.write(self._line(reminder, ", ".join(reminder.emails)))
        for reminder in result.no_address:
            self.stdout.write(self._line(reminder, "không có địa chỉ thư"))
        for reminder, error in result.failed:
            self.stderr.write(self._line(reminder, f"lỗi gửi thư: {error}"))
        before = sum(r.kind == ReminderKind.BEFORE for r in result.sent)
        self.stdout.write(f"Ngày {day:%d/%m/%Y}: đã gửi {len(result.sent)} thư ({before} nhắc trước hạn, "
                          f"{len(result.sent) - before} quá hạn); {len(result.no_address)} đơn vị không có địa chỉ thư.")
        if result.failed:  # a non-zero exit, so cron reports it; the failed ones go out on the next run
            raise CommandError(f"{len(result.failed)} thư chưa gửi được, sẽ gửi lại ở lần chạy sau.")

    @staticmethod
    def _line(reminder, to):
        due = reminder.due
        kind = "nhắc trước hạn" if reminder.kind == ReminderKind.BEFORE else "quá hạn"
        return f"{kind}: {due.reporter_name} – {due.period.label} (hạn {due.deadline:%d/%m/%Y}) – {to}"
