from django.urls import path

from programmes.views import agencies, plans, progress_pages
from programmes.views import reports as report_views

app_name = "programmes"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/<slug:section>/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/lists/<slug:part>/", plans.plan_rows, name="plan_rows"),
    path("plans/<int:pk>/issue/", plans.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/copy/", plans.plan_copy, name="plan_copy"),
    path("structure/", plans.programme_list, name="programme_list"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("reports/completeness/", progress_pages.report_completeness, name="report_completeness"),
    path("reports/completeness/export.xlsx", progress_pages.report_completeness, {"export": True},
         name="report_completeness_export"),
    path("reports/rollup/", progress_pages.report_rollup, name="report_rollup"),
    path("reports/rollup/export.xlsx", progress_pages.report_rollup, {"export": True}, name="report_rollup_export"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/start/", report_views.report_start, name="report_start"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", report_views.report_edit, name="report_edit"),
    path("reports/<int:pk>/attach/", report_views.report_attach, name="report_attach"),
    path("reports/<int:pk>/files/<int:attachment_pk>/", report_views.report_file, name="report_file"),
    path("reports/<int:pk>/files/<int:attachment_pk>/remove/", report_views.report_detach, name="report_detach"),
    path("reports/<int:pk>/submit/", report_views.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", report_views.report_return, name="report_return"),
    path("reports/<int:pk>/approve/", report_views.report_approve, name="report_approve"),
    path("reports/<int:pk>/reopen/", report_views.report_reopen, name="report_reopen"),
    path("reports/<int:pk>/versions/<int:number>/", report_views.report_version, name="report_version"),
]
