"""Household exports and imports through jobs: the request answers with the job's page; a big import is
checked and written by the job (all or nothing); the thread runner and a real Celery worker on Redis."""
import io
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import resolve, reverse
from openpyxl import load_workbook

from households.models import Household
from povertyplan.jobs.services import job_start
from povertyplan.models import Job, JobState
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, state, upload, workbook
from tests.households.test_kept_figures import kept_equals_fresh


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _job_of(response):
    assert response.status_code == 302
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])


def _download(client, job):
    response = client.get(reverse("job_download", args=[job.pk]))
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_district_export_is_a_job_with_the_file_for_its_owner(client_for, users, officer, units, standards):
    from households.services.imports import households_import

    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    client = client_for(users["tanyen"])
    job = _job_of(client.get(reverse("households:export"), {"status": "poor"}))
    assert (job.kind, job.state, job.unit, job.done, job.total) == ("household_export", JobState.DONE, units["216"], 1, 1)
    assert job.params["query"] == "status=poor"
    book = _download(client, job)
    rows = list(book["Hộ gia đình"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["HS-0001"]
    assert [m[5] for m in book["Thành viên"].iter_rows(min_row=2, values_only=True)] == ["********1234", None]
    # the commune's own small export still answers directly
    direct = client_for(users["caothuong"]).get(reverse("households:export"))
    assert direct["Content-Disposition"].startswith('attachment; filename="ho-gia-dinh-')


def test_big_commune_export_goes_to_a_job(client_for, users, officer, units, standards, settings):
    from households.services.imports import households_import

    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    settings.JOB_DIRECT_MAX_HOUSEHOLDS = 2
    client = client_for(users["caothuong"])
    job = _job_of(client.get(reverse("households:export")))
    assert job.state == JobState.DONE and (job.done, job.total) == (3, 3)
    assert [r[0] for r in _download(client, job)["Hộ gia đình"].iter_rows(min_row=2, values_only=True)] == [
        "HS-0001", "HS-0002", "HS-0003"]


def test_big_import_runs_as_a_job_and_keeps_figures_right(client_for, users, units, standards, settings):
    settings.JOB_DIRECT_MAX_IMPORT_BYTES = 0
    client = client_for(users["caothuong"])
    job = _job_of(client.post(reverse("households:import"), {"file": upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS))}))
    assert job.state == JobState.DONE, job.error
    assert "3 hộ mới" in job.message and "4 thành viên mới" in job.message
    assert sorted(Household.objects.values_list("code", flat=True)) == ["HS-0001", "HS-0002", "HS-0003"]
    assert job.total == 3 + 4 + 2  # the write pass: households, members, review results
    assert kept_equals_fresh()[2024]["households"] == 3
    assert not os.listdir(os.path.join(settings.MEDIA_ROOT, "job-uploads", os.listdir(
        os.path.join(settings.MEDIA_ROOT, "job-uploads"))[0]))  # the uploaded file is not kept


def test_failed_import_job_names_row_and_column_and_writes_nothing(client_for, users, units, standards, settings):
    settings.JOB_DIRECT_MAX_IMPORT_BYTES = 0
    bad = [*GOOD_HOUSEHOLDS[:2], ["HS-0009", "99999-99", "Trần Văn Sai", "", "", "", "", "", "", "", "", "", "", ""]]
    before = state()
    client = client_for(users["caothuong"])
    job = _job_of(client.post(reverse("households:import"), {"file": upload(workbook(bad, GOOD_MEMBERS[:3]))}))
    assert job.state == JobState.FAILED
    assert state()[:3] == before[:3]
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "chưa nhập dòng nào" in page and "dòng 4, cột B" in page and "99999-99" in page


@pytest.mark.django_db(transaction=True)
def test_thread_runner_runs_the_job_after_commit(users, units, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    job = job_start(actor=owner, kind="household_export", title="Xuất", unit=units["216"], params={"query": ""})
    for _ in range(200):
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.1)
    assert job.state == JobState.DONE, job.error
    assert job.result and job.result.storage.exists(job.result.name)
    assert job.started_at and job.started_at >= job.created_at


@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_on_redis_runs_the_job(users, units, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: run with DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    settings.JOBS_RUNNER = "celery"
    from povertyplan.celery import app

    app.conf.broker_url = redis_url
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "povertyplan.settings_test", "REDIS_URL": redis_url,
           "JOBS_RUNNER": "inline", "MEDIA_ROOT": str(settings.MEDIA_ROOT),
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"}
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "povertyplan", "worker", "--pool=solo",
                               "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                               "--without-heartbeat"], cwd=django_settings.BASE_DIR, env=env,
                              stdout=open(tmp_path / "worker.log", "w"), stderr=subprocess.STDOUT)
    try:
        owner = users["tanyen"]
        job = job_start(actor=owner, kind="household_export", title="Xuất", unit=units["216"], params={"query": ""})
        for _ in range(600):
            job.refresh_from_db()
            if job.finished:
                break
            time.sleep(0.1)
        log = (tmp_path / "worker.log").read_text()
        assert job.state == JobState.DONE, (job.state, job.error, log[-3000:])
        assert "Task povertyplan.run_job[" in log and "succeeded in" in log  # run by the worker, not here
        assert job.result.storage.exists(job.result.name)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
