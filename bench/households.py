"""Benchmark of the household registry at province scale (run with `make bench`, on PostgreSQL).

Builds a synthetic province (BENCH_COMMUNES communes × BENCH_VILLAGES villages) once, generates
BENCH_HOUSEHOLDS households with three years of recognised reviews through the generate_households
command (COPY on PostgreSQL, see households/synthetic_copy.py), then times what officers do every day against that volume: the first page
of the household list, a filtered and a searched list, a commune's round progress and its Excel
export, and prints the number of queries of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/povertyplan_bench BENCH_HOUSEHOLDS=1000000 make bench

See bench/README.md for what it measures and the figures of the reference machine.
"""
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "povertyplan.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# A province's .xlsx (summary, target table) is a background job: the request only queues it (Celery with
# its in-memory broker and no worker, as bench/jobs.py does); timed_job times the job's own work.
os.environ.setdefault("JOBS_RUNNER", "celery")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from households.models import Household, ReviewRound  # noqa: E402
from povertyplan.models import AdministrativeUnit, Area, Officer, Role  # noqa: E402
from povertyplan.services import rebuild_paths  # noqa: E402

HOUSEHOLDS = int(os.environ.get("BENCH_HOUSEHOLDS", "100000"))
COMMUNES = int(os.environ.get("BENCH_COMMUNES", "100"))
VILLAGES = int(os.environ.get("BENCH_VILLAGES", "10"))
PROVINCE = "B99"


def province_tree():
    province = AdministrativeUnit.objects.filter(code=PROVINCE).first()
    if province is not None:
        return province
    province = AdministrativeUnit.objects.create(code=PROVINCE, name="Tỉnh Thử Nghiệm", kind="tinh")
    communes = AdministrativeUnit.objects.bulk_create([
        AdministrativeUnit(code=f"{PROVINCE}-{c:03d}", name=f"Xã Thử Nghiệm {c}", kind="xa", parent=province,
                           area=Area.RURAL) for c in range(1, COMMUNES + 1)])
    AdministrativeUnit.objects.bulk_create([
        AdministrativeUnit(code=f"{commune.code}-{v:02d}", name=f"Thôn {v}", kind="thon", parent=commune,
                           area=Area.RURAL) for commune in communes for v in range(1, VILLAGES + 1)])
    rebuild_paths()
    province.refresh_from_db()  # its path, set by rebuild_paths
    if connection.vendor == "postgresql":  # the list pages join the units: plan them with their real count
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE povertyplan_administrativeunit")
    return province


def officer(username, role, unit):
    user, _created = get_user_model().objects.get_or_create(username=username)
    Officer.objects.update_or_create(user=user, defaults={"role": role, "unit": unit})
    client = Client()
    client.force_login(user)
    return client


RUNS = int(os.environ.get("BENCH_RUNS", "3"))
RESULTS = {}  # label: {"ms", "queries", "x_sql"}, written to BENCH_JSON for bench/compare.py


def timed(label, client, url, sql_ms=None, status=200):
    """The page's median time over RUNS requests (the first one warms the caches as an officer's day
    does), its query count, its own SQL time, and its ratio to the hand-written aggregate. `status` 302:
    the request that queues a job and redirects to its page."""
    times = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            response = client.get(url)
            times.append(time.monotonic() - started)
        assert response.status_code == status, (url, response.status_code)
    _report(label, times, queries, sql_ms)


class _Progress:
    """What a job handler reports its progress to; the job's page is not part of what is timed."""

    def start(self, total, done=0):
        pass

    def advance(self, count=1):
        pass


def timed_job(label, kind, user, params, sql_ms=None):
    """A job's own work (the handler a worker runs: build the table and write the .xlsx), RUNS times."""
    from types import SimpleNamespace

    from povertyplan.jobs import handler_for

    times = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            result = handler_for(kind)(SimpleNamespace(owner=user, params=params), _Progress())
            times.append(time.monotonic() - started)
        assert result.content or result.path, label
    _report(label, times, queries, sql_ms)


def _report(label, times, queries, sql_ms):
    elapsed = statistics.median(times)
    sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000  # of the last run
    ratio = f"  {elapsed * 1000 / sql_ms:6.1f}× SQL" if sql_ms else ""
    RESULTS[label] = {"ms": round(elapsed * 1000, 1), "first_ms": round(times[0] * 1000, 1),
                      "queries": len(queries), "page_sql_ms": round(sql, 1), "x_sql": round(elapsed * 1000 / sql_ms, 2) if sql_ms else None}
    print(f"  {label:<48} {elapsed * 1000:8.0f} ms (lần đầu {times[0] * 1000:6.0f}, SQL {sql:5.0f})  "
          f"{len(queries):3d} truy vấn{ratio}")


# The same aggregate as the dashboard's trend, written by hand over the reviews themselves (no kept figures):
# poor and near-poor per periodic-review year in the province's subtree.
HAND_SQL = """
SELECT rr.year, COUNT(*) FILTER (WHERE rv.classification = 'poor'),
       COUNT(*) FILTER (WHERE rv.classification = 'near_poor')
FROM households_review rv
JOIN households_reviewround rr ON rr.id = rv.round_id
JOIN households_household h ON h.id = rv.household_id
JOIN povertyplan_administrativeunit v ON v.id = h.village_id
WHERE v.path LIKE %s AND rr.kind = 'periodic' AND rv.state IN ('recognised', 'locked')
GROUP BY rr.year
"""


def hand_sql_ms(province):
    times = []
    for _run in range(RUNS):
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, [province.path + "%"])
            rows = cursor.fetchall()
        times.append((time.monotonic() - started) * 1000)
    elapsed = statistics.median(times)
    print(f"  {'SQL viết tay: hộ nghèo, cận nghèo theo năm (tỉnh)':<48} {elapsed:8.0f} ms  ({len(rows)} năm)")
    return elapsed


def bench_plan(province, supervisor_user):
    """A draft plan of the province for 2025 with one target per commune, for the target table."""
    from programmes import services
    from programmes.models import Indicator, Plan, Programme

    plan = Plan.objects.filter(issuing_unit=province, year_from=2025).first() or services.plan_create(
        actor=supervisor_user, programme=Programme.objects.get(code="gnbv-2021-2025"), issuing_unit=province,
        year_from=2025, title="Giảm nghèo bền vững năm 2025")
    if not plan.targets.exists():
        services.target_allocate(actor=supervisor_user, plan=plan, version=plan.version,
                                 indicator=Indicator.objects.get(code="ho_ngheo"), parent=province,
                                 values={c: (Decimal(5), None) for c in province.children.all()})
    return plan


def main():
    print(f"CSDL: {connection.vendor} ({settings.DATABASES['default']['NAME']}); tải máy (load average) lúc đầu: "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    call_command("migrate", verbosity=0)
    province = province_tree()
    existing = Household.objects.filter(commune__parent=province).count()
    if existing < HOUSEHOLDS:
        started = time.monotonic()
        call_command("generate_households", unit=PROVINCE, households=HOUSEHOLDS - existing, seed=42,
                     years="2022,2023,2024", province_code="099")
        print(f"Sinh {HOUSEHOLDS - existing} hộ: {time.monotonic() - started:.0f} giây")
    if os.environ.get("BENCH_GENERATE_ONLY"):
        return
    commune = AdministrativeUnit.objects.get(code=f"{PROVINCE}-001")
    review_round = ReviewRound.objects.filter(commune=commune).order_by("-year").first()
    print(f"{Household.objects.filter(commune__parent=province).count()} hộ trong tỉnh; "
          f"{Household.objects.filter(commune=commune).count()} hộ ở {commune.name}")
    supervisor = officer("bench_tinh", Role.SUPERVISOR, province)
    commune_officer = officer("bench_xa", Role.COMMUNE, commune)
    sql_ms = hand_sql_ms(province)
    timed("Danh sách hộ, trang 1 (cấp tỉnh)", supervisor, "/households/")
    timed("Danh sách hộ, trang 200 (cấp tỉnh)", supervisor, "/households/?page=200")
    timed("Danh sách hộ của một xã (cấp tỉnh chọn xã)", supervisor, f"/households/?unit={commune.pk}")
    timed("Lọc: hộ nghèo hiện tại (cấp tỉnh)", supervisor, "/households/?status=poor")
    timed("Lọc: hộ nghèo năm 2024 (cấp tỉnh)", supervisor, "/households/?status=poor&year=2024")
    timed("Lọc: hộ mới thoát nghèo (cấp tỉnh)", supervisor, "/households/?status=newly_escaped")
    timed("Tìm theo tên chủ hộ (cấp tỉnh)", supervisor, "/households/?q=Nguy%E1%BB%85n+V%C4%83n+An")
    timed("Tìm theo tên không dấu (cấp tỉnh)", supervisor, "/households/?q=nguyen+van+an")
    timed("Tìm theo tên, hơn 1.000 hộ khớp (cấp tỉnh)", supervisor, "/households/?q=nguyen+van")
    timed("Danh sách đợt rà soát (cấp tỉnh)", supervisor, "/households/rounds/")
    timed("Danh sách hộ (cấp xã)", commune_officer, "/households/")
    timed("Tiến độ đợt rà soát của xã", commune_officer, f"/households/rounds/{review_round.pk}/")
    # the commune's export (10,000 households at 1,000,000) runs as a job: timed by bench/jobs.py
    timed("Trang chủ (cấp tỉnh, có bảng điều hành)", supervisor, "/", sql_ms)
    timed("Bảng điều hành (cấp tỉnh)", supervisor, "/reports/dashboard/", sql_ms)
    timed("Bảng điều hành (một xã)", supervisor, f"/reports/dashboard/{commune.pk}/", sql_ms)
    timed("Biểu tổng hợp rà soát 2024 (cấp tỉnh)", supervisor, f"/reports/summaries/{province.pk}/?year=2024", sql_ms)
    timed("Biểu tổng hợp rà soát 2024, Excel: yêu cầu", supervisor,
          f"/reports/summaries/{province.pk}/summary.xlsx?year=2024", sql_ms, status=302)
    supervisor_user = get_user_model().objects.get(username="bench_tinh")
    timed_job("Biểu tổng hợp rà soát 2024, Excel: việc nền", "review_summary_xlsx", supervisor_user,
              {"unit": province.pk, "year": 2024}, sql_ms)
    plan = bench_plan(province, get_user_model().objects.get(username="bench_tinh"))
    villages = AdministrativeUnit.objects.filter(parent__parent=province).count()
    timed(f"Bảng chỉ tiêu giao (100 xã, {villages} thôn), HTML", supervisor, f"/reports/plans/{plan.pk}/target-table/",
          sql_ms)
    timed(f"Bảng chỉ tiêu giao (100 xã, {villages} thôn), Excel: yêu cầu", supervisor,
          f"/reports/plans/{plan.pk}/target-table.xlsx", sql_ms, status=302)
    timed_job(f"Bảng chỉ tiêu giao (100 xã, {villages} thôn), Excel: việc nền", "target_table_xlsx", supervisor_user,
              {"plan": plan.pk, "unit": province.pk}, sql_ms)
    print("Tải máy (load average) lúc cuối: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({
            "households": Household.objects.filter(commune__parent=province).count(), "sql_ms": round(sql_ms, 1),
            "pages": RESULTS}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
