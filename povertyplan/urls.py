from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from povertyplan import views

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
    path("admin/", admin.site.urls),
    path("households/", include("households.urls")),
    path("programmes/", include("programmes.urls")),
    path("support/", include("support.urls")),
    path("reports/", include("reports.urls")),
]
