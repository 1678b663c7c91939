import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F

from households.models import Household, Member
from households.standards import load_standards
from households.synthetic import Generator, VillageTarget
from households.synthetic_copy import CopyGenerator
from povertyplan.models import AdministrativeUnit, Tier

ANALYZED = ("households_household", "households_member", "households_review", "households_review_deprivations",
            "households_reviewcause", "households_reviewround")


class Command(BaseCommand):
    help = ("Sinh dữ liệu hộ gia đình giả lập (thành viên, thu nhập, thiếu hụt, kết quả rà soát nhiều năm) cho các "
            "thôn, tổ dân phố dưới một đơn vị, trong một giao dịch (lỗi thì không ghi gì). Trên PostgreSQL ghi bằng "
            "COPY (1.000.000 hộ trong vài phút); trên CSDL khác ghi hàng loạt bằng bulk_create. Chạy lại thì thêm hộ "
            "với mã mới, không đụng đến hộ đã có.")

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
            year_list = []
        if not year_list:
            raise CommandError("--years phải là các năm cách nhau bởi dấu phẩy, ví dụ 2022,2023")
        if households < 0:
            raise CommandError("--households phải là số không âm.")
        load_standards()
        started = time.monotonic()
        use_copy = connection.vendor == "postgresql"  # COPY is PostgreSQL only; elsewhere bulk_create
        generator = (CopyGenerator if use_copy else Generator)(seed=seed, years=year_list)

        last = [started]

        def progress(done):
            if time.monotonic() - last[0] >= 10:
                last[0] = time.monotonic()
                self.stdout.write(f"  {done} hộ, {last[0] - started:.0f} giây")

        with transaction.atomic():  # all or nothing
            plan = self._plan(generator, villages, households)
            if use_copy:
                generator.run(plan, province=province_code, progress=progress)
            else:
                for target, rounds, codes in plan:
                    generator.village(target, rounds, codes, province=province_code)
                    progress(generator.stats["households"])
        if use_copy:
            with connection.cursor() as cursor:  # fresh statistics, or the planner misjudges the bulk-loaded tables
                for table in ANALYZED:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        elapsed = time.monotonic() - started
        stats = generator.stats
        method = "COPY, PostgreSQL" if use_copy else "bulk_create"
        self.stdout.write(self.style.SUCCESS(
            f"Đã sinh {stats['households']} hộ, {stats['members']} nhân khẩu, {stats['reviews']} kết quả rà soát "
            f"cho {len(villages)} thôn trong {elapsed:.1f} giây ({method}). Tổng trong CSDL: "
            f"{Household.objects.count()} hộ, {Member.objects.count()} nhân khẩu."))

    @staticmethod
    def _plan(generator, villages, households):
        """(VillageTarget, rounds of the commune by year, codes the commune already has) for each village."""
        share, extra = divmod(households, len(villages))
        counts = [share + (1 if index < extra else 0) for index in range(len(villages))]
        communes = {village.parent_id: village.parent for village, count in zip(villages, counts, strict=True) if count}
        codes = {pk: set() for pk in communes}
        for commune_id, code in Household.objects.filter(commune_id__in=list(communes)).values_list("commune_id", "code"):
            codes[commune_id].add(code)
        rounds = {pk: generator.rounds_for(commune) for pk, commune in communes.items()}
        return [(VillageTarget(village, count), rounds[village.parent_id], codes[village.parent_id])
                for village, count in zip(villages, counts, strict=True) if count]
