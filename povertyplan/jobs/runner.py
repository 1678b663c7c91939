"""Where jobs run: JOBS_RUNNER = "celery" (a worker on Redis, when REDIS_URL is set), "thread" (a
background thread of the web process: the quick start needs nothing else) or "inline" (tests)."""
import threading

from django.conf import settings
from django.db import connections, transaction


def dispatch(job_id):
    mode = settings.JOBS_RUNNER
    if mode == "inline":
        from povertyplan.jobs.services import job_run

        job_run(job_id)
    elif mode == "thread":
        transaction.on_commit(lambda: start_thread(job_id))
    elif mode == "celery":
        from povertyplan.tasks import run_job

        transaction.on_commit(lambda: run_job.delay(job_id))
    else:
        raise ValueError(f"JOBS_RUNNER={mode!r}")


def start_thread(job_id):
    thread = threading.Thread(target=_thread_main, args=(job_id,), name=f"job-{job_id}", daemon=True)
    thread.start()
    return thread


def _thread_main(job_id):
    from povertyplan.jobs.services import job_run

    try:
        job_run(job_id)
    finally:
        connections.close_all()  # this thread's own connections
