"""Benchmark of issue 14's coverage at province scale (run after bench/households.py has built the province,
or alone: it builds it the same way). Times, for one policy, the province's coverage (eligible and supported,
one conditional aggregate), the eligibility page of a commune, and the supervisor's policy list (all
policies), with their query counts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/povertyplan_bench BENCH_HOUSEHOLDS=1000000 \
        .venv/bin/python bench/support.py
"""
import importlib.util
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_households", Path(__file__).with_name("households.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)  # sets Django up and gives the province builder and the timer

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from households.models import Household  # noqa: E402
from povertyplan.models import AdministrativeUnit, Role  # noqa: E402
from support.models import Policy  # noqa: E402
from support.selectors import coverage  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    province = bench.province_tree()
    existing = Household.objects.filter(commune__parent=province).count()
    if existing < bench.HOUSEHOLDS:
        call_command("generate_households", unit=bench.PROVINCE, households=bench.HOUSEHOLDS - existing, seed=42,
                     years="2022,2023,2024", province_code="099")
    print(f"{Household.objects.filter(commune__parent=province).count()} hộ trong tỉnh")
    today = timezone.localdate()
    for code in ("bhyt", "thong-tin", "dinh-duong-duoi-5"):
        policy = Policy.objects.get(code=code)
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            [(_policy, row)] = coverage([policy], province, today)
            elapsed = time.monotonic() - started
        print(f"Độ bao phủ cấp tỉnh: {policy.code:20} {elapsed * 1000:8.0f} ms  {len(queries):3} truy vấn  "
              f"({row.eligible} đủ điều kiện)")
    supervisor = bench.officer("bench_tinh", Role.SUPERVISOR, province)
    commune = AdministrativeUnit.objects.get(code=f"{bench.PROVINCE}-001")
    bhyt = Policy.objects.get(code="bhyt")
    bench.timed("Danh sách đủ điều kiện BHYT (một xã)", supervisor, f"/support/{bhyt.pk}/units/{commune.pk}/")
    bench.timed("Chính sách hỗ trợ (cấp tỉnh, 8 chính sách)", supervisor, "/support/")


if __name__ == "__main__":
    main()
