"""Benchmark of the background jobs (issue 11), after bench/households.py has built the province.

Times the request that starts a job (the web server's share), then runs each job in a fresh process,
as a Celery worker process does, and prints its wall time, CPU time, peak memory (RSS), SQL queries
and SQL time: the export of one commune (10,000 households at 1,000,000), of a district (10 communes:
100,000 households; made once by grouping the province's first 10 communes under a district when the
tree has none), of the whole province, and imports of 10,000 and 50,000 new households into a commune
of their own. Ends with the machine's load average: compare runs on an idle machine only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/povertyplan_bench make bench
    BENCH_JOBS=commune,district … .venv/bin/python bench/jobs.py   # only some parts: commune, district, province, import
"""
import importlib.util
import io
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "povertyplan.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Jobs are queued, not run, by the web side here: Celery with an in-memory broker and no worker, so that
# the start request is timed alone; each job is then run by bench/job_child.py in its own process.
os.environ["JOBS_RUNNER"] = "celery"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import resolve  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from households.models import Household  # noqa: E402
from households.services.imports import CHUNK  # noqa: E402
from povertyplan.jobs.services import job_cancel, job_start  # noqa: E402
from povertyplan.models import AdministrativeUnit, Area, Job, Role  # noqa: E402
from povertyplan.services import rebuild_paths  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_households", ROOT / "bench" / "households.py")
_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench)
PROVINCE, officer = _bench.PROVINCE, _bench.officer


def run_child(job_id):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "job_child.py"), str(job_id)], capture_output=True,
                         text=True, env=os.environ, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(label, result):
    print(f"  {label:<44} {result['seconds']:7.2f} s  (CPU {result['cpu_seconds']:.2f} s, SQL {result['sql_seconds']:.2f} s)"
          f"  đỉnh RSS {result['peak_mb']:4.0f} MB  {result['queries']:4d} truy vấn  {result['done']} hộ"
          f"  {result['state']} {result['error']}")


@contextmanager
def district_of(province, communes=10):
    """A district holding the province's first `communes` communes (100,000 households at 1,000,000) for the
    time of the run: the generator builds province → communes, as the 2025 two-tier map does, and
    bench/households.py counts the province's households through its communes, so they go back after. The
    district itself stays, empty (the audit rows of its exports keep it)."""
    district, _created = AdministrativeUnit.objects.get_or_create(
        code=f"{PROVINCE}-H01", defaults={"name": "Huyện Thử", "kind": "huyen", "parent": province, "area": Area.RURAL})
    chosen = list(AdministrativeUnit.objects.filter(parent=province, kind="xa").exclude(code__endswith="-IMP")
                  .order_by("code").values_list("pk", flat=True)[:communes])
    try:
        AdministrativeUnit.objects.filter(pk__in=chosen).update(parent=district)
        rebuild_paths()
        yield AdministrativeUnit.objects.get(pk=district.pk)
    finally:
        AdministrativeUnit.objects.filter(pk__in=chosen).update(parent=province)
        rebuild_paths()


def export(client, label, size):
    for run in range(2):  # both starts are printed (the first may warm a cache); the second job is run
        job_pk, timing = start(client, "/households/export.xlsx")
        print(f"  {'Yêu cầu bắt đầu việc xuất (' + label + ')':<44} {timing}")
        if run == 0:
            job = Job.objects.get(pk=job_pk)
            job_cancel(actor=job.owner, job=job)
    report(f"Xuất Excel sổ hộ {label}, {size} (việc)", run_child(job_pk))


class SqlTimer:
    """The queries a request runs and their time (execution only), beside its wall time."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.monotonic()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.monotonic() - started


def start(client, url):
    """Start a job through the view; returns (job pk, "wall ms (SQL ms, n queries)")."""
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        started = time.monotonic()
        response = client.get(url)
        elapsed = (time.monotonic() - started) * 1000
    assert response.status_code == 302, (url, response.status_code)
    return resolve(response["Location"]).kwargs["pk"], f"{elapsed:7.0f} ms (SQL {timer.seconds * 1000:.0f} ms, {timer.count} truy vấn)"


def import_commune(code):
    """A commune of its own (10 villages, no households) for the import runs; emptied before each run."""
    province = AdministrativeUnit.objects.get(code=PROVINCE)
    commune = AdministrativeUnit.objects.filter(code=code).first()
    if commune is None:
        commune = AdministrativeUnit.objects.create(code=code, name=f"Xã Nhập {code}", kind="xa", parent=province,
                                                    area=Area.RURAL)
        AdministrativeUnit.objects.bulk_create([
            AdministrativeUnit(code=f"{code}-{v:02d}", name=f"Thôn {v}", kind="thon", parent=commune, area=Area.RURAL)
            for v in range(1, 11)])
        rebuild_paths()
    with connection.cursor() as cursor:  # a bench reset, not an app action: the households of the last run go
        cursor.execute("DELETE FROM households_member WHERE household_id IN (SELECT id FROM households_household "
                       "WHERE commune_id = %s)", [commune.pk])
        cursor.execute("DELETE FROM households_villagefigure WHERE village_id IN (SELECT id FROM "
                       "povertyplan_administrativeunit WHERE parent_id = %s)", [commune.pk])
        cursor.execute("DELETE FROM households_household WHERE commune_id = %s", [commune.pk])
    return AdministrativeUnit.objects.get(pk=commune.pk)


def import_file(commune, count):
    book = Workbook(write_only=True)
    households = book.create_sheet("Hộ gia đình")
    households.append(["Mã hộ", "Mã thôn/TDP", "Họ và tên chủ hộ", "Địa chỉ", "Dân tộc thiểu số"])
    members = book.create_sheet("Thành viên")
    members.append(["Mã hộ", "Họ và tên", "Giới tính", "Năm sinh", "Quan hệ với chủ hộ", "Có thẻ BHYT"])
    for n in range(count):
        code = f"N{n:06d}"
        households.append([code, f"{commune.code}-{n % 10 + 1:02d}", f"Nguyễn Văn {n}", f"Số {n}", "Có" if n % 7 == 0 else ""])
        members.append([code, f"Nguyễn Văn {n}", "Nam", 1960 + n % 40, "Chủ hộ", "Có"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main():
    print(f"CSDL: {connection.vendor} ({connection.settings_dict['NAME']})")
    province = AdministrativeUnit.objects.get(code=PROVINCE)
    commune = AdministrativeUnit.objects.get(code=f"{PROVINCE}-001")
    print(f"{Household.objects.filter(commune__parent=province).count()} hộ trong tỉnh; "
          f"{Household.objects.filter(commune=commune).count()} hộ ở {commune.name}")
    supervisor = officer("bench_tinh", Role.SUPERVISOR, province)
    commune_officer = officer("bench_xa", Role.COMMUNE, commune)
    commune_officer.get("/households/export.xlsx?q=x")  # warm up the URLconf, templates, session
    parts = os.environ.get("BENCH_JOBS", "commune,district,province,import").split(",")
    if "commune" in parts:
        export(commune_officer, "của một xã", "cấp xã")
    if "district" in parts:
        with district_of(province) as district:
            district_officer = officer("bench_huyen", Role.SUPERVISOR, district)
            number = f"{Household.objects.filter(village__path__startswith=district.path).count():,}".replace(",", ".")
            export(district_officer, "của một huyện", f"{number} hộ")
    if "province" in parts:
        export(supervisor, "của cả tỉnh", "cấp tỉnh")
    sizes = [int(n) for n in os.environ.get("BENCH_IMPORT_SIZES", "10000,50000").split(",")]
    queries = {}  # chunks of the file → queries of the import
    for count in sizes if "import" in parts else ():
        target = import_commune(f"{PROVINCE}-IMP")
        content = import_file(target, count)
        stored = default_storage.save("job-uploads/bench/import.xlsx", ContentFile(content))
        officer("bench_nhap", Role.COMMUNE, target)
        job = job_start(actor=get_user_model().objects.get(username="bench_nhap"), kind="household_import",
                        title="Nhập thử", unit=target, params={"upload": stored, "filename": "import.xlsx"})
        number = f"{count:,}".replace(",", ".")
        result = run_child(job.pk)
        report(f"Nhập {number} hộ mới (+1 thành viên mỗi hộ; việc)", result)
        queries[2 * -(-count // CHUNK)] = result["queries"]  # a chunk of each sheet per CHUNK households
    if len(queries) > 1:
        (few, q_few), (many, q_many) = min(queries.items()), max(queries.items())
        print(f"  Nhập: {(q_many - q_few) / (many - few):.1f} truy vấn mỗi khối {CHUNK} dòng "
              f"({few} khối: {q_few}; {many} khối: {q_many})")
    print(f"Tải máy (uptime): {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}, {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
