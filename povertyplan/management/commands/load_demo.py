import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

PROJECT_APPS = ["povertyplan", "households", "programmes", "reports"]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (idempotent): mỗi ứng dụng có module demo.py với hàm load(stdout)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="cho phép chạy khi DEBUG=false")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Dữ liệu mẫu có mật khẩu công khai: chỉ nạp khi DEBUG=true (hoặc --force).")
        with transaction.atomic():
            for label in PROJECT_APPS:
                if not apps.is_installed(label):
                    continue
                try:
                    module = importlib.import_module(f"{label}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{label}.demo":
                        raise
                    continue
                self.stdout.write(f"{label}:")
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
