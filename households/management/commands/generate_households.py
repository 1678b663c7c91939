import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import F

from households.models import Household, Member
from households.standards import load_standards
from households.synthetic import Generator, VillageTarget
from povertyplan.models import AdministrativeUnit, Tier


class Command(BaseCommand):
    help = ("Sinh dữ liệu hộ gia đình giả lập (thành viên, thu nhập, thiếu hụt, kết quả rà soát nhiều năm) cho các "
            "thôn, tổ dân phố dưới một đơn vị; ghi hàng loạt (bulk insert) để đủ nhanh cho quy mô tỉnh.")

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="mã đơn vị (tỉnh, huyện, xã hoặc thôn) còn hiệu lực hoặc đã đóng")
        parser.add_argument("--households", type=int, required=True, help="tổng số hộ cần sinh")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--years", default="2022,2023,2024", help="các năm rà soát định kỳ, ví dụ 2022,2023,2024")
        parser.add_argument("--province-code", default="024", help="3 chữ số đầu của số CCCD giả lập")

    def handle(self, *args, unit, households, seed, years, province_code, **options):
        candidates = list(AdministrativeUnit.objects.filter(code=unit).order_by(F("valid_to").desc(nulls_first=True)))
        if not candidates:
            raise CommandError(f"Không có đơn vị mã {unit}.")
        # A code may belong to a closed unit and to its open successor: take the open one if it has villages.
        villages = []
        for root in candidates:
            villages = [u for u in AdministrativeUnit.objects.subtree(root).select_related("parent").order_by("path")
                        if u.tier == Tier.VILLAGE and u.area]
            if villages:
                break
        if not villages:
            raise CommandError(f"Đơn vị {unit} không có thôn, tổ dân phố nào (có khu vực thành thị/nông thôn).")
        try:
            year_list = sorted({int(y) for y in years.split(",") if y.strip()})
        except ValueError:
            raise CommandError("--years phải là các năm cách nhau bởi dấu phẩy, ví dụ 2022,2023") from None
        load_standards()
        started = time.monotonic()
        generator = Generator(seed=seed, years=year_list)
        share, extra = divmod(households, len(villages))
        rounds, codes = {}, {}
        for index, village in enumerate(villages):
            count = share + (1 if index < extra else 0)
            if not count:
                continue
            commune = village.parent
            if commune.pk not in rounds:
                rounds[commune.pk] = generator.rounds_for(commune)
                codes[commune.pk] = set(Household.objects.filter(commune=commune).values_list("code", flat=True))
            generator.village(VillageTarget(village, count), rounds[commune.pk], codes[commune.pk], province=province_code)
            if index % 50 == 0 and index:
                self.stdout.write(f"  {index}/{len(villages)} thôn, {generator.stats['households']} hộ, "
                                  f"{time.monotonic() - started:.0f} giây")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, or the planner misjudges the bulk-loaded tables
                for table in ("households_household", "households_member", "households_review",
                              "households_review_deprivations", "households_reviewcause"):
                    cursor.execute(f"ANALYZE {table}")
        elapsed = time.monotonic() - started
        stats = generator.stats
        self.stdout.write(self.style.SUCCESS(
            f"Đã sinh {stats['households']} hộ, {stats['members']} nhân khẩu, {stats['reviews']} kết quả rà soát "
            f"cho {len(villages)} thôn trong {elapsed:.1f} giây. Tổng trong CSDL: {Household.objects.count()} hộ, "
            f"{Member.objects.count()} nhân khẩu."))
