from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/document/", views.plan_html, name="plan_html"),
    path("plans/<int:pk>/document.pdf", views.plan_pdf, name="plan_pdf"),
]
