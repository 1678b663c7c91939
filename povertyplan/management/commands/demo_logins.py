from django.core.management.base import BaseCommand

from povertyplan.demo import DEMO_PASSWORD, SHOWS
from povertyplan.lib.names import person_name
from povertyplan.models import Officer


class Command(BaseCommand):
    help = "In các tài khoản mẫu (mọi tài khoản còn dùng mật khẩu mẫu)."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for officer in Officer.objects.select_related("user", "unit").order_by("role", "user__username"):
            if officer.user.is_active and officer.user.check_password(DEMO_PASSWORD):
                unit = f" — {officer.unit.full_name} ({officer.unit.code})" if officer.unit else ""
                shows = SHOWS.get(officer.user.username)
                self.stdout.write(f"  {officer.user.username:<13} {person_name(officer.user)}, "
                                  f"{officer.get_role_display()}{unit}" + (f"\n{'':<16}→ {shows}" if shows else ""))
