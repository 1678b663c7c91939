from django.urls import path

from reports import batch_views, summary_views, views, views_procedure, views_targets

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/document/", views.plan_html, name="plan_html"),
    path("plans/<int:pk>/document.pdf", views.plan_pdf, name="plan_pdf"),
    path("progress/<int:pk>/document/", views.progress_report_html, name="progress_report_html"),
    path("progress/<int:pk>/document.pdf", views.progress_report_pdf, name="progress_report_pdf"),
    path("summaries/", summary_views.review_summary_home, name="review_summary_home"),
    path("summaries/<int:pk>/", summary_views.review_summary, name="review_summary"),
    path("summaries/<int:pk>/summary.xlsx", summary_views.review_summary_xlsx, name="review_summary_xlsx"),
    path("batch/<str:what>.zip", batch_views.batch_pdfs, name="batch_pdfs"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<int:pk>/", views.dashboard, name="dashboard_unit"),
    path("plans/<int:pk>/targets/", views_targets.plan_targets, name="plan_targets"),
    path("plans/<int:pk>/targets/<int:indicator_pk>/allocate/", views_targets.plan_allocate, name="plan_allocate"),
    path("plans/<int:pk>/target-table/", views_targets.target_table_html, name="target_table"),
    path("plans/<int:pk>/target-table.xlsx", views_targets.target_table_xlsx, name="target_table_xlsx"),
    path("plans/<int:pk>/target-table.pdf", views_targets.target_table_pdf, name="target_table_pdf"),
    path("plans/<int:pk>/target-table/import/", views_targets.target_table_import, name="target_table_import"),
]

urlpatterns += [
    path("requests/<int:pk>/refusal.pdf", views_procedure.refusal_letter_pdf, name="refusal_letter_pdf"),
    path("meetings/<int:pk>/minutes.pdf", views_procedure.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("rounds/<int:pk>/posting.pdf", views_procedure.posting_list_pdf, name="posting_list_pdf"),
    path("rounds/<int:pk>/decision.pdf", views_procedure.decision_pdf, name="decision_pdf"),
    path("rounds/<int:pk>/certificates.pdf", views_procedure.certificates_pdf, name="certificates_pdf"),
    path("reviews/<int:pk>/certificate.pdf", views_procedure.certificate_pdf, name="certificate_pdf"),
]
