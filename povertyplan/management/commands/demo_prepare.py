"""`make run`'s one step before the server: migrate if needed, load the demo, print the URL and the accounts.

One process instead of three (each Django start costs a second or two), and quiet: the steps in one line each,
the commands' own output only when one of them fails.
"""
import io

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations():
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


class Command(BaseCommand):
    help = "Chuẩn bị chạy thử: cập nhật cơ sở dữ liệu, nạp dữ liệu mẫu, in địa chỉ và các tài khoản mẫu."
    # runserver runs the system checks right after; here they would import every view (the URL check), the
    # PDF renderer included, only to run them twice
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def _quietly(self, title, command, **options):
        self.stdout.write(f"→ {title}")
        output = io.StringIO()
        try:
            call_command(command, stdout=output, stderr=output, **options)
        except Exception:
            self.stderr.write(output.getvalue())
            raise

    def handle(self, *args, url, **options):
        pending = pending_migrations()
        if pending:
            self._quietly(f"Cập nhật cơ sở dữ liệu ({len(pending)} bước)…", "migrate", interactive=False)
        else:
            self.stdout.write("→ Cơ sở dữ liệu đã cập nhật.")
        self._quietly("Nạp dữ liệu mẫu (bỏ qua phần đã có)…", "load_demo")
        self.stdout.write("")
        call_command("demo_logins", stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Mở {url}  (dừng: Ctrl+C)"))
