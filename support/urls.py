from django.urls import path

from support import views

app_name = "support"
urlpatterns = [
    path("", views.policy_list, name="policy_list"),
    path("coverage-panel/", views.coverage_panel, name="coverage_panel"),
    path("<int:policy>/units/<int:unit>/", views.eligibility, name="eligibility"),
    path("<int:policy>/units/<int:unit>/export/", views.eligibility_export, name="eligibility_export"),
    path("<int:policy>/units/<int:unit>/import/", views.support_import, name="import"),
    path("<int:policy>/units/<int:unit>/record/", views.record_create, name="record_create"),
]
