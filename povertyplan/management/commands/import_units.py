import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from povertyplan.lib.tabular import ImportFailed
from povertyplan.services import units_import


class Command(BaseCommand):
    help = "Nhập danh mục đơn vị hành chính từ tệp .csv/.xlsx (code, name, kind, parent_code, area)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--valid-from", help="ngày hiệu lực cho đơn vị mới, dd/mm/yyyy")

    def handle(self, *args, file, valid_from, **options):
        if not file.exists():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        start = None
        if valid_from:
            try:
                start = datetime.datetime.strptime(valid_from, "%d/%m/%Y").date()
            except ValueError:
                raise CommandError("--valid-from phải có dạng dd/mm/yyyy.") from None
        try:
            with file.open("rb") as handle:
                result = units_import(actor=None, file=handle, filename=file.name, valid_from=start)
        except ImportFailed as exc:
            raise CommandError(f"Tệp có {len(exc.errors)} lỗi, chưa nhập dòng nào:\n{exc}") from None
        self.stdout.write(f"Đã nhập {file.name}: {result.created} mới, {result.updated} cập nhật, "
                          f"{result.unchanged} không đổi.")
