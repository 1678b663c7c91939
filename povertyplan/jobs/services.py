"""Starting, running, cancelling and cleaning up jobs (việc chạy nền)."""
import datetime
import logging
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from povertyplan.audit import record
from povertyplan.jobs import JobCancelled, JobFailed, handler_for
from povertyplan.jobs.progress import Progress
from povertyplan.models import JOB_FINISHED, Job, JobState

log = logging.getLogger(__name__)


@transaction.atomic
def job_start(*, actor, kind, title, unit=None, params=None, total=0):
    """Queue a job for `actor`; it starts once this transaction commits (inline in tests)."""
    from povertyplan.jobs import runner

    handler_for(kind)  # an unknown kind fails here, in the request, not later in a worker
    job = Job(kind=kind, title=title[:255], owner=actor, unit=unit, params=params or {}, total=total)
    job.full_clean()
    job.save()
    record(actor=actor, action="job.start", obj=job, unit=unit, after={"kind": kind, "title": job.title})
    runner.dispatch(job.pk)
    return job


@transaction.atomic
def job_cancel(*, actor, job):
    """Cancel a queued or running job of the actor; a running one stops at its next progress report and
    its transaction rolls back (nothing written)."""
    if job.owner_id != actor.pk:
        raise PermissionDenied
    updated = Job.objects.filter(pk=job.pk).exclude(state__in=JOB_FINISHED).update(
        state=JobState.CANCELLED, finished_at=timezone.now())
    if updated:
        record(actor=actor, action="job.cancel", obj=job, unit=job.unit)
    job.refresh_from_db()
    return job


def job_run(job_id):
    """Run a queued job to its end (called by the Celery task, the thread or inline)."""
    started = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now())
    if not started:
        return None  # cancelled before it began, or taken by another worker
    job = Job.objects.select_related("owner", "unit").get(pk=job_id)
    progress = Progress(job)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            result = handler_for(job.kind)(job, progress)
    except JobCancelled:
        return Job.objects.get(pk=job_id)
    except JobFailed as exc:
        _finish(job_id, state=JobState.FAILED, error="\n".join([exc.message, *exc.errors]))
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        _finish(job_id, state=JobState.FAILED, error=_("Có lỗi hệ thống khi chạy việc này; chưa có gì được ghi. "
                                                       "Hãy thử lại hoặc báo quản trị viên."))
    else:
        _store(job, result, progress)
    return Job.objects.get(pk=job_id)


def _finish(job_id, **fields):
    return Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(finished_at=timezone.now(), **fields)


def _store(job, result, progress):
    name = ""
    if result.path or result.content:
        source = File(open(result.path, "rb")) if result.path else ContentFile(result.content)
        try:
            name = job.result.storage.save(job.result.field.generate_filename(job, result.filename), source)
        finally:
            source.close()
            if result.path:
                os.unlink(result.path)
    total = max(progress.total, progress.done)
    finished = _finish(job.pk, state=JobState.DONE, result=name, result_name=result.filename, message=result.message,
                       done=total, total=total,
                       expires_at=timezone.now() + datetime.timedelta(hours=settings.JOB_RESULT_HOURS))
    if not finished and name:
        job.result.storage.delete(name)  # cancelled at the last moment: keep no file


def jobs_cleanup(*, now=None):
    """Delete the result files whose time is up (the beat scheduler runs this hourly); returns how many."""
    now = now or timezone.now()
    deleted = 0
    for job in Job.objects.filter(expires_at__lte=now).exclude(result=""):
        job.result.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result="")
        deleted += 1
    return deleted
