from django.core.management.base import BaseCommand

from povertyplan.demo import DEMO_PASSWORD, SHOWS
from povertyplan.lib.names import person_name
from povertyplan.models import Officer


class Command(BaseCommand):
    help = "In các tài khoản mẫu (mọi tài khoản còn dùng mật khẩu mẫu)."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        is_demo = {}  # encoded hash → still the demo password? The demo accounts share one hash: one check.
        for officer in Officer.objects.select_related("user", "unit").order_by("role", "user__username"):
            user = officer.user
            if user.password not in is_demo:
                is_demo[user.password] = user.check_password(DEMO_PASSWORD)
            if user.is_active and is_demo[user.password]:
                unit = f" — {officer.unit.full_name} ({officer.unit.code})" if officer.unit else ""
                shows = SHOWS.get(user.username)
                self.stdout.write(f"  {user.username:<18} {person_name(user)}, {officer.get_role_display()}{unit}"
                                  + (f"\n{'':<21}→ {shows}" if shows else ""))
