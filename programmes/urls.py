from django.urls import path

from programmes.views import agencies, plans, progress_pages, targets

app_name = "programmes"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/<slug:section>/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/lists/<slug:part>/", plans.plan_rows, name="plan_rows"),
    path("plans/<int:pk>/issue/", plans.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/copy/", plans.plan_copy, name="plan_copy"),
    path("plans/<int:pk>/targets/", targets.plan_targets, name="plan_targets"),
    path("plans/<int:pk>/targets/<int:indicator_pk>/allocate/", targets.plan_allocate, name="plan_allocate"),
    path("structure/", plans.programme_list, name="programme_list"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("reports/completeness/", progress_pages.report_completeness, name="report_completeness"),
    path("reports/completeness/export.xlsx", progress_pages.report_completeness, {"export": True},
         name="report_completeness_export"),
    path("reports/rollup/", progress_pages.report_rollup, name="report_rollup"),
    path("reports/rollup/export.xlsx", progress_pages.report_rollup, {"export": True}, name="report_rollup_export"),
]
