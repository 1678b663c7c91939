"""An import job holds one transaction open from its first row to its last; its progress is written on the
"jobs" connection (autocommit), so a page reading the job meanwhile sees the bar move (PostgreSQL: SQLite has
one writer, progress shares the job's connection there and shows once the job is done)."""
import time

import pytest
from django.db import connection
from django.urls import resolve, reverse

from households.models import Household
from households.services import imports
from povertyplan.jobs import progress as progress_module
from povertyplan.jobs.progress import Progress
from povertyplan.models import Job, JobState
from tests.conftest import JOBS_DATABASES
from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS, upload, workbook


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection needs PostgreSQL")
@pytest.mark.django_db(transaction=True, databases=JOBS_DATABASES)
def test_import_progress_is_seen_while_its_transaction_is_open(jobs_connection, client_for, users, standards,
                                                               settings, tmp_path, monkeypatch):
    settings.JOBS_RUNNER, settings.MEDIA_ROOT, settings.JOB_DIRECT_MAX_IMPORT_BYTES = "thread", str(tmp_path), 0
    monkeypatch.setattr(imports, "CHUNK", 1)  # one progress step per row
    monkeypatch.setattr(progress_module, "PROGRESS_EVERY", 0)
    advance = Progress.advance

    def slowed(self, count=1):  # a few rows take milliseconds: give the reader time to look
        time.sleep(0.15)
        return advance(self, count)

    monkeypatch.setattr(Progress, "advance", slowed)
    client = client_for(users["caothuong"])
    response = client.post(reverse("households:import"), {"file": upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS))})
    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])
    seen = set()
    for _ in range(400):
        job.refresh_from_db()
        if job.state == JobState.RUNNING:
            seen.add((job.done, job.total))
            if job.done < job.total:  # a pass under way: what it wrote stays in the job's open transaction
                assert not Household.objects.exists()
        elif job.state != JobState.QUEUED:
            break
        time.sleep(0.02)
    assert job.state == JobState.DONE, job.error
    assert any(0 < done < total for done, total in seen), seen
    assert Household.objects.count() == 3
