"""Benchmark of the background jobs (issue 11), after bench/households.py has built the province.

Times the request that starts a job (the web server's share), then runs each job in a fresh process,
as a Celery worker process does, and prints its time, its peak memory and its SQL queries:
the export of one commune, of the whole province (and of a district when the tree has one), and
imports of 10,000 and 50,000 new households into a commune of their own.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/povertyplan_bench make bench
    BENCH_JOBS=import … .venv/bin/python bench/jobs.py     # only some parts: commune, province, import
"""
import importlib.util
import io
import json
import os
import subprocess
import sys
import time
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
from povertyplan.jobs.services import job_start  # noqa: E402
from povertyplan.models import AdministrativeUnit, Area, Role  # noqa: E402
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
    cpu = f"  (CPU {result['cpu_seconds']:.1f} s)" if "cpu_seconds" in result else ""
    print(f"  {label:<44} {result['seconds']:7.2f} s{cpu}  {result['peak_mb']:6.0f} MB  {result['queries']:6d} truy vấn"
          f"  {result['state']} {result['error']}")


def start(client, url):
    started = time.monotonic()
    response = client.get(url)
    elapsed = (time.monotonic() - started) * 1000
    assert response.status_code == 302, (url, response.status_code)
    return resolve(response["Location"]).kwargs["pk"], elapsed


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
    parts = os.environ.get("BENCH_JOBS", "commune,province,import").split(",")
    if "commune" in parts:
        job_pk, ms = start(commune_officer, "/households/export.xlsx")
        print(f"  {'Yêu cầu bắt đầu việc xuất (cấp xã)':<44} {ms:7.0f} ms")
        report("Xuất Excel sổ hộ của một xã (việc)", run_child(job_pk))
    if "province" in parts:
        job_pk, ms = start(supervisor, "/households/export.xlsx")
        print(f"  {'Yêu cầu bắt đầu việc xuất (cấp tỉnh)':<44} {ms:7.0f} ms")
        report("Xuất Excel sổ hộ của cả tỉnh (việc)", run_child(job_pk))
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


if __name__ == "__main__":
    main()
