"""Job lifecycle: queued → running → done with progress rising, failure, cancellation, owner-only access,
expiry. Handlers of test kinds are registered here; the household jobs are tested in tests/households."""
import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from povertyplan.audit import record
from povertyplan.jobs import JobFailed, Result, handler
from povertyplan.jobs import progress as progress_module
from povertyplan.jobs.services import job_cancel, job_run, job_start, jobs_cleanup
from povertyplan.models import AuditEvent, Job, JobState

SEEN = []


@handler("test_count")
def _count(job, progress):
    progress.start(3)
    for _ in range(3):
        progress.advance()
        row = Job.objects.get(pk=job.pk)
        SEEN.append((row.state, row.done, row.total))
    return Result(filename="dem.txt", content=b"1 2 3", message="Xong ba bước.")


@handler("test_fail")
def _fail(job, progress):
    progress.start(2)
    with transaction.atomic():
        record(actor=job.owner, action="test.write", object_type="test", unit=None)
        raise JobFailed("Tệp có 1 lỗi; chưa nhập dòng nào.", ["Dòng 3, cột B (mã thôn/tdp): không có thôn."])


@handler("test_crash")
def _crash(job, progress):
    raise RuntimeError("internal detail the user must not see")


@handler("test_cancelled_midway")
def _cancelled_midway(job, progress):
    progress.start(2)
    job_cancel(actor=job.owner, job=job)   # the user clicks "Hủy" while the job runs (its own transaction)
    with transaction.atomic():
        record(actor=job.owner, action="test.write", object_type="test", unit=None)
        progress.advance()                  # the next progress report stops it
        record(actor=job.owner, action="test.never", object_type="test", unit=None)
    return Result(message="never")


@pytest.fixture(autouse=True)
def _every_report_saved(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(progress_module, "PROGRESS_EVERY", 0)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    SEEN.clear()


def test_job_goes_from_queued_to_done_with_progress_rising(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"  # dispatch after commit: inside the test's transaction it never fires
    owner = users["tanyen"]
    job = job_start(actor=owner, kind="test_count", title="Đếm", unit=owner.officer.unit)
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    job = job_run(job.pk)
    assert SEEN == [(JobState.RUNNING, 1, 3), (JobState.RUNNING, 2, 3), (JobState.RUNNING, 3, 3)]
    assert (job.state, job.done, job.total, job.percent, job.message) == (JobState.DONE, 3, 3, 100, "Xong ba bước.")
    assert job.started_at <= job.finished_at
    assert job.expires_at > timezone.now() + datetime.timedelta(hours=23)
    assert job_run(job.pk) is None  # a second delivery of the task does not run it again
    client = client_for(owner)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Xong ba bước." in page and reverse("job_download", args=[job.pk]) in page and 'hx-trigger' not in page
    download = client.get(reverse("job_download", args=[job.pk]))
    assert b"".join(download.streaming_content) == b"1 2 3"
    assert 'filename="dem.txt"' in download["Content-Disposition"]
    listing = client.get(reverse("job_list")).content.decode()
    assert reverse("job_detail", args=[job.pk]) in listing and "Đã xong" in listing
    assert AuditEvent.objects.filter(action="job.start", object_id=str(job.pk), actor=owner).exists()


def test_running_job_page_polls_and_offers_cancel(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    job = job_start(actor=owner, kind="test_count", title="Đếm", unit=owner.officer.unit)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, done=40, total=100)
    client = client_for(owner)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'style="width: 40%"' in page and 'id="job-cancel"' in page
    partial = client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith("<div id=\"job-status\"") and "<html" not in partial
    assert "40 / 100" in partial


def test_failure_shows_the_users_message_and_writes_nothing(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    job = job_run(job_start(actor=owner, kind="test_fail", title="Nhập").pk)
    assert job.state == JobState.FAILED and not job.result
    assert not AuditEvent.objects.filter(action="test.write").exists()
    page = client_for(owner).get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Tệp có 1 lỗi; chưa nhập dòng nào." in page and "Dòng 3, cột B (mã thôn/tdp): không có thôn." in page
    crashed = job_run(job_start(actor=owner, kind="test_crash", title="Lỗi").pk)
    assert crashed.state == JobState.FAILED
    assert "Có lỗi hệ thống" in crashed.error and "internal detail" not in crashed.error


def test_cancelled_before_start_never_runs(users, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    job = job_start(actor=owner, kind="test_count", title="Đếm")
    job_cancel(actor=owner, job=job)
    assert job_run(job.pk) is None
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED and SEEN == []


def test_cancel_while_running_rolls_back_what_the_job_wrote(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    job = job_run(job_start(actor=owner, kind="test_cancelled_midway", title="Nhập").pk)
    assert job.state == JobState.CANCELLED and job.message == ""
    assert not AuditEvent.objects.filter(action__startswith="test.").exists()
    assert AuditEvent.objects.filter(action="job.cancel", object_id=str(job.pk)).count() == 1


def test_cancel_view_stops_a_queued_job(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    job = job_start(actor=owner, kind="test_count", title="Đếm")
    response = client_for(owner).post(reverse("job_cancel", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED


def test_someone_elses_job_and_file_answer_404(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"
    job = job_run(job_start(actor=users["tanyen"], kind="test_count", title="Đếm").pk)
    assert job.has_file()
    client = client_for(users["admin"])  # even an administrator: the file holds what its owner may see
    for name in ("job_detail", "job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("job_cancel", args=[job.pk])).status_code == 404
    assert reverse("job_detail", args=[job.pk]) not in client.get(reverse("job_list")).content.decode()
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_expired_files_are_deleted(users, client_for, settings):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    old = job_run(job_start(actor=owner, kind="test_count", title="Cũ").pk)
    fresh = job_run(job_start(actor=owner, kind="test_count", title="Mới").pk)
    storage = old.result.storage
    old_name = old.result.name
    assert storage.exists(old_name) and storage.exists(fresh.result.name)
    Job.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert jobs_cleanup() == 1
    assert not storage.exists(old_name) and storage.exists(fresh.result.name)
    old.refresh_from_db()
    assert not old.result and not old.has_file()
    client = client_for(owner)
    assert client.get(reverse("job_download", args=[old.pk])).status_code == 404
    assert "Tệp đã hết hạn" in client.get(reverse("job_detail", args=[old.pk])).content.decode()
    assert jobs_cleanup() == 0


def test_job_list_query_count(users, client_for, settings, django_assert_num_queries):
    settings.JOBS_RUNNER = "thread"
    owner = users["tanyen"]
    for title in ("Một", "Hai", "Ba"):
        job_run(job_start(actor=owner, kind="test_count", title=title).pk)
    client = client_for(owner)
    client.get(reverse("job_list"))
    # session, user, officer, the jobs (with their unit)
    with django_assert_num_queries(4):
        page = client.get(reverse("job_list")).content.decode()
    assert page.count("Tải tệp") == 3
