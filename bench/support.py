"""Benchmark of issue 14's coverage at province scale (run after bench/households.py has built the province,
or alone: it builds it the same way). Counts the kept coverage of the province (the nightly job), then times,
for one policy, the province's coverage from the kept rows and counted afresh (median of 5, with its SQL
time and queries, and the load average), the eligibility page of a commune, and the supervisor's policy list (all
policies), with their query counts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/povertyplan_bench BENCH_HOUSEHOLDS=1000000 \
        .venv/bin/python bench/support.py
"""
import importlib.util
import os
import statistics
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_households", Path(__file__).with_name("households.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)  # sets Django up and gives the province builder and the timer

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from households.models import Household  # noqa: E402
from povertyplan.models import AdministrativeUnit, Role  # noqa: E402
from support.coverage import coverage_refresh_all  # noqa: E402
from support.models import Policy  # noqa: E402
from support.selectors import CoverageRow, _fresh_coverage, coverage  # noqa: E402

RUNS = 5


def main():
    call_command("migrate", verbosity=0)
    province = bench.province_tree()
    existing = Household.objects.filter(commune__parent=province).count()
    if existing < bench.HOUSEHOLDS:
        call_command("generate_households", unit=bench.PROVINCE, households=bench.HOUSEHOLDS - existing, seed=42,
                     years="2022,2023,2024", province_code="099")
    print(f"{Household.objects.filter(commune__parent=province).count()} hộ trong tỉnh")
    today = timezone.localdate()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.monotonic()
    with transaction.atomic():
        villages = coverage_refresh_all(unit=province)
    print(f"Đếm lại độ bao phủ giữ sẵn (hằng đêm): {villages} thôn × {Policy.objects.filter(is_active=True).count()} "
          f"chính sách  {time.monotonic() - started:6.1f} s")
    for code in ("bhyt", "thong-tin", "dinh-duong-duoi-5"):
        policy = Policy.objects.get(code=code)
        for label, run in (("giữ sẵn", lambda p: coverage([p], province, today)),
                           ("đếm lại", lambda p: [(p, CoverageRow(province, *_fresh_coverage([p], province, today)
                                                                  .get(p.pk, (0, 0))))])):
            if label == "đếm lại" and code != "bhyt":
                continue  # the fresh count of one policy is enough to compare (seconds each)
            times = []
            for _run in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.monotonic()
                    [(_policy, row)] = run(policy)
                    times.append(time.monotonic() - started)
            sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            print(f"Độ bao phủ cấp tỉnh ({label}): {policy.code:18} {statistics.median(times) * 1000:8.1f} ms "
                  f"(SQL {sql:7.1f} ms)  {len(queries):3} truy vấn  ({row.eligible} đủ điều kiện, "
                  f"{row.supported} đã hỗ trợ)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    supervisor = bench.officer("bench_tinh", Role.SUPERVISOR, province)
    commune = AdministrativeUnit.objects.get(code=f"{bench.PROVINCE}-001")
    bhyt = Policy.objects.get(code="bhyt")
    bench.timed("Danh sách đủ điều kiện BHYT (một xã)", supervisor, f"/support/{bhyt.pk}/units/{commune.pk}/")
    bench.timed("Chính sách hỗ trợ (cấp tỉnh, 8 chính sách)", supervisor, "/support/")


if __name__ == "__main__":
    main()
