"""Job pages: one per job (progress bar polled by htmx), the user's list, cancel and the download."""
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from povertyplan.access import get_job_for_user, officer_required
from povertyplan.jobs.selectors import jobs_of
from povertyplan.jobs.services import job_cancel


def _context(job):
    return {"job": job, "errors": job.error.splitlines()[1:], "error": job.error.splitlines()[0] if job.error else ""}


@officer_required()
def job_list(request):
    return render(request, "povertyplan/job_list.html", {"jobs": jobs_of(request.user)[:100]})


@officer_required()
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    template = "povertyplan/_job_status.html" if request.headers.get("HX-Request") else "povertyplan/job_detail.html"
    return render(request, template, _context(job))


@officer_required()
@require_POST
def job_cancel_view(request, pk):
    job = get_job_for_user(request.user, pk)
    job = job_cancel(actor=request.user, job=job)
    messages.info(request, _("Đã hủy việc “%(title)s”.") % {"title": job.title})
    return redirect("job_detail", pk=job.pk)


@officer_required()
def job_download(request, pk):
    job = get_job_for_user(request.user, pk)
    if not job.has_file():
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
