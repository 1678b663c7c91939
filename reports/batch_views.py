"""Batch PDFs: every plan, or every progress report, of a year the user may read, in one .zip (a job)."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from povertyplan.access import officer_required, scope_unit
from povertyplan.jobs.services import job_start
from povertyplan.lib.parsing import ParseError, parse_year
from reports import jobs as report_jobs

KINDS = {
    "plans": (report_jobs.PLANS_ZIP, gettext_lazy("Tất cả kế hoạch năm %(year)s (PDF)"), "programmes:plan_list"),
    "reports": (report_jobs.REPORTS_ZIP, gettext_lazy("Tất cả báo cáo tiến độ năm %(year)s (PDF)"), "programmes:report_list"),
}


@require_POST
@officer_required()
def batch_pdfs(request, what):
    if what not in KINDS:
        raise Http404
    kind, title, back = KINDS[what]
    try:
        year = parse_year(request.POST.get("year", ""), minimum=2000, maximum=2100)
    except ParseError as exc:
        messages.error(request, _("Năm: %(message)s") % {"message": exc.message})
        return redirect(back)
    job = job_start(actor=request.user, kind=kind, unit=scope_unit(request.user), title=str(title) % {"year": year},
                    params={"year": year})
    return redirect("job_detail", pk=job.pk)
