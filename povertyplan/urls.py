from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from povertyplan import views
from povertyplan.jobs import views as job_views

urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("audit/", views.audit_list, name="audit_list"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<int:pk>/deactivate/", views.officer_set_active, {"active": False}, name="officer_deactivate"),
    path("officers/<int:pk>/activate/", views.officer_set_active, {"active": True}, name="officer_activate"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jobs/", job_views.job_list, name="job_list"),
    path("jobs/<int:pk>/", job_views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/cancel/", job_views.job_cancel_view, name="job_cancel"),
    path("jobs/<int:pk>/download/", job_views.job_download, name="job_download"),
    path("admin/", admin.site.urls),
    path("households/", include("households.urls")),
    path("programmes/", include("programmes.urls")),
    path("support/", include("support.urls")),
    path("reports/", include("reports.urls")),
]
