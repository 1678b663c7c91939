from django.urls import path

from programmes.views import agencies

app_name = "programmes"

urlpatterns = [
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
]
