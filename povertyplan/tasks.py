"""Celery tasks: the job runner and the periodic work of the beat scheduler."""
from celery import shared_task
from django.core.management import call_command


@shared_task(name="povertyplan.run_job", acks_late=True)
def run_job(job_id):
    from povertyplan.jobs.services import job_run

    job = job_run(job_id)
    return job.state if job else None


@shared_task(name="povertyplan.jobs_cleanup")
def jobs_cleanup():
    from povertyplan.jobs.services import jobs_cleanup as cleanup

    return cleanup()


@shared_task(name="povertyplan.send_report_reminders")
def send_report_reminders():
    call_command("send_report_reminders")


@shared_task(name="povertyplan.support_coverage_refresh")
def support_coverage_refresh():
    """Kept coverage for the new day (support.coverage)."""
    call_command("support_coverage_refresh")
