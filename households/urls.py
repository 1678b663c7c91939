from django.urls import path

from households.views import excel, registry, reviews, rounds

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
