"""Bảng tổng hợp kết quả rà soát: the page and its .xlsx, for a unit in the user's scope and a year."""
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from households.access import READ_ROLES
from povertyplan.access import get_unit_for_user, officer_required, scope_unit
from povertyplan.jobs.services import job_start
from povertyplan.models import Tier
from reports import jobs as report_jobs
from reports import summaries
from reports.summary_xlsx import summary_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _summary(request, pk, unit=None):
    """The unit (404 outside the scope) and its summary for ?year= if it is a year held, else the default."""
    unit = unit or get_unit_for_user(request.user, pk)
    review_years = summaries.years_of(unit)
    picked = request.GET.get("year", "")
    year = int(picked) if picked.isdigit() and int(picked) in review_years.years else None
    return summaries.build(unit, year, review_years=review_years)


@officer_required(*READ_ROLES)
def review_summary_home(request):
    """The navigation's "Tổng hợp rà soát": the summary of the user's own unit (the national scope, which
    has no unit, starts from the dashboard's provinces)."""
    unit = scope_unit(request.user)
    if unit is None:
        return redirect("reports:dashboard")
    response = redirect("reports:review_summary", unit.pk)
    year = request.GET.get("year", "")
    if year.isdigit():
        response["Location"] += f"?year={year}"
    return response


@officer_required(*READ_ROLES)
def review_summary(request, pk):
    summary = _summary(request, pk)
    return render(request, "reports/review_summary.html", {"summary": summary, "unit": summary.unit})


@officer_required(*READ_ROLES)
def review_summary_xlsx(request, pk):
    unit = get_unit_for_user(request.user, pk)
    if unit.tier == Tier.PROVINCE:  # a province's summary runs as a job
        picked = request.GET.get("year", "")
        job = job_start(actor=request.user, kind=report_jobs.SUMMARY, unit=unit,
                        title=_("Bảng tổng hợp kết quả rà soát – %(unit)s") % {"unit": unit.full_name},
                        params={"unit": unit.pk, "year": int(picked) if picked.isdigit() else None})
        return redirect("job_detail", pk=job.pk)
    summary = _summary(request, pk, unit)
    if summary.year is None:
        raise Http404  # no year to export: the page says why
    response = HttpResponse(summary_xlsx(summary), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{summary.filename}.xlsx"'
    return response
