"""Progress of a running job, written where the job page can read it while the job still runs.

An import writes inside one transaction: progress saved on that connection would stay invisible until
the end. On PostgreSQL progress goes through a second connection (settings.JOBS_PROGRESS_DB: the "jobs" alias,
autocommit); SQLite
(one writer at a time) writes it on the job's own connection, so there it shows once per pass.
"""
from django.conf import settings
from django.db import connections
from django.utils import timezone

from povertyplan.jobs import JobCancelled
from povertyplan.models import Job, JobState

PROGRESS_EVERY = 0.5  # seconds: a chunk of 100 rows does not cost an UPDATE each


def progress_db():
    alias = getattr(settings, "JOBS_PROGRESS_DB", "default")
    return alias if alias in settings.DATABASES else "default"


class Progress:
    def __init__(self, job):
        self.job, self.done, self.total, self._saved_at = job, job.done, job.total, None

    def start(self, total, done=0):
        """Begin a pass over `total` items (a second pass starts again from 0)."""
        self.total, self.done = total, done
        self._save(force=True)

    def advance(self, count=1):
        self.done = min(self.done + count, self.total) if self.total else self.done + count
        self._save()

    def _save(self, force=False):
        now = timezone.now()
        if not force and self._saved_at and (now - self._saved_at).total_seconds() < PROGRESS_EVERY:
            return
        self._saved_at = now
        alias = progress_db()
        total = max(self.total, self.done)
        updated = Job.objects.using(alias).filter(pk=self.job.pk, state=JobState.RUNNING).update(
            done=self.done, total=total)
        self.job.done, self.job.total = self.done, total
        if not updated:
            raise JobCancelled
        if alias != "default":
            connections[alias].close_if_unusable_or_obsolete()
