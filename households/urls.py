from django.urls import path

from households.views import excel, procedure, registry, reviews, rounds

app_name = "households"

urlpatterns = [
    path("", registry.household_list, name="household_list"),
    path("new/", registry.household_create, name="household_create"),
    path("<int:pk>/", registry.household_detail, name="household_detail"),
    path("<int:pk>/edit/", registry.household_edit, name="household_edit"),
    path("<int:pk>/members/new/", registry.member_create, name="member_create"),
    path("members/<int:pk>/edit/", registry.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", registry.member_remove, name="member_remove"),
    path("<int:pk>/rounds/<int:round_pk>/review/", reviews.review_create, name="review_create"),
    path("<int:pk>/rounds/<int:round_pk>/classify/", reviews.review_classify, name="review_classify"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="review_edit"),
    path("reviews/<int:pk>/submit/", reviews.review_submit, name="review_submit"),
    path("reviews/<int:pk>/recognise/", reviews.review_recognise, name="review_recognise"),
    path("reviews/<int:pk>/return/", reviews.review_return, name="review_return"),
    path("reviews/<int:pk>/reopen/", reviews.review_reopen, name="review_reopen"),
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_progress, name="round_progress"),
    path("rounds/<int:pk>/recognise/", rounds.round_recognise, name="round_recognise"),
    path("rounds/<int:pk>/lock/", rounds.round_lock, name="round_lock"),
]

urlpatterns += [
    path("export.xlsx", excel.household_export, name="export"),
    path("import/", excel.household_import, name="import"),
    path("import/template.xlsx", excel.import_template, name="import_template"),
]

urlpatterns += [
    path("requests/", procedure.request_list, name="request_list"),
    path("<int:pk>/requests/new/", procedure.request_create, name="request_create"),
    path("requests/<int:pk>/", procedure.request_detail, name="request_detail"),
    path("requests/<int:pk>/refuse/", procedure.request_refuse, name="request_refuse"),
    path("rounds/<int:pk>/meetings/new/", procedure.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", procedure.meeting_detail, name="meeting_detail"),
    path("rounds/<int:pk>/list/build/", procedure.round_list_build, name="round_list_build"),
    path("rounds/<int:pk>/list/add/", procedure.round_list_add, name="round_list_add"),
    path("rounds/<int:pk>/posting/", procedure.round_posting, name="round_posting"),
    path("rounds/<int:pk>/complaints/new/", procedure.complaint_create, name="complaint_create"),
    path("rounds/<int:pk>/certificates/", procedure.certificates_issue, name="certificates_issue"),
    path("complaints/<int:pk>/resolve/", procedure.complaint_resolve, name="complaint_resolve"),
]
