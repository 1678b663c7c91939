from django.core.management.base import BaseCommand

from povertyplan.demo import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "In các tài khoản mẫu."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for username, last, first, role, code, _position, _staff in USERS:
            self.stdout.write(f"  {username:<10} {last} {first} — {role.label}{f' ({code})' if code else ''}")
