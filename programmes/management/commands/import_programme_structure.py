from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from povertyplan.lib.tabular import ImportFailed
from programmes.models import Programme
from programmes.services.structure import programme_structure_import


class Command(BaseCommand):
    help = ("Nhập cơ cấu một chương trình (dự án, tiểu dự án, chỉ tiêu) từ tệp .csv/.xlsx "
            "(kind, number, parent_number, code, name, unit_of_measure, source).")

    def add_arguments(self, parser):
        parser.add_argument("programme", help="mã chương trình, ví dụ mtqg-2026-2035")
        parser.add_argument("file", type=Path)
        parser.add_argument("--confirmed", action="store_true", help="cơ cấu đã đối chiếu với văn bản chính thức")

    def handle(self, *args, programme, file, confirmed, **options):
        found = Programme.objects.filter(code=programme).first()
        if found is None:
            codes = ", ".join(Programme.objects.values_list("code", flat=True))
            raise CommandError(f"Không có chương trình mã {programme} (có: {codes}).")
        if not file.exists():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            with file.open("rb") as handle:
                result = programme_structure_import(actor=None, programme=found, file=handle, filename=file.name,
                                                    confirmed=confirmed)
        except ImportFailed as exc:
            raise CommandError(f"Tệp có {len(exc.errors)} lỗi, chưa nhập dòng nào:\n{exc}") from None
        state = "đã xác nhận" if confirmed else "CHƯA XÁC NHẬN"
        self.stdout.write(f"Đã nhập cơ cấu {found.code} ({state}): {result.projects} dự án, tiểu dự án; "
                          f"{result.indicators} chỉ tiêu; xóa {result.removed} dòng cũ.")
