# ruff: noqa: F811  (the Tân Yên fixtures are imported and taken as arguments)
"""The procedure's admin (issue 13): view only, filters by commune and round, changelists with a fixed
number of queries whatever the rows."""
import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from households.models import (
    Certificate,
    Complaint,
    DocumentCounter,
    MeetingVote,
    Posting,
    RecognitionDecision,
    ReviewRequest,
    RoundListEntry,
    VillageMeeting,
)
from households.services import (
    certificates_issue,
    complaint_create,
    complaint_resolve,
    meeting_record,
    posting_set,
    request_create,
    review_create,
    review_submit,
    round_create,
    round_list_add,
    round_recognise,
)
from tests.households.tan_yen import leader, make_household, make_round, officer  # noqa: F401  (today's xã Tân Yên)

pytestmark = pytest.mark.usefixtures("on_26_11_2026")

D = datetime.date
MODELS = [ReviewRequest, RoundListEntry, VillageMeeting, MeetingVote, Posting, Complaint, RecognitionDecision,
          Certificate, DocumentCounter]
# session, user, officer; the commune and round filters' choices, the rows' COUNT, the rows; the date
# hierarchy's two (ReviewRequest, VillageMeeting, Complaint, RecognitionDecision, Certificate), the year filter's
QUERIES = {ReviewRequest: 9, RoundListEntry: 7, VillageMeeting: 9, MeetingVote: 7, Posting: 7, Complaint: 9,
           RecognitionDecision: 9, Certificate: 10, DocumentCounter: 7}
ROUND = "Tân Yên – Rà soát định kỳ năm 2026"
SHOWN = {ReviewRequest: "HS-001", RoundListEntry: "HS-001", VillageMeeting: ROUND, MeetingVote: "HS-001",
         Posting: ROUND, Complaint: "HS-001", RecognitionDecision: "1/QĐ-UBND", Certificate: "1/GCN-HN.HCN",
         DocumentCounter: "GCN-HN.HCN"}



@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.invalid", "x")


def _through_the_steps(officer, leader, units, make_household, review_round, codes):
    """Households of Hoà Sơn through every step of `review_round`; a request each on a regular round."""
    households = [make_household(code) for code in codes]
    for household in households:
        request_create(actor=officer, household=household, kind="review", channel="post", received_on=D(2026, 11, 20))
        round_list_add(actor=officer, round=review_round, household=household, reason="Có đơn đề nghị")
        review_submit(actor=officer, review=review_create(actor=officer, household=household, round=review_round,
                                                          income_per_capita=1_000_000))
        complaint = complaint_create(actor=officer, round=review_round, household=household, complainant="A",
                                     received_on=D(2026, 11, 12), content="B")
        complaint_resolve(actor=officer, complaint=complaint, resolution="Đã phúc tra", resolved_on=D(2026, 11, 13))
    meeting_record(actor=officer, round=review_round, village=units["07339-01@2025"], held_on=D(2026, 11, 5),
                   chair="Tổ trưởng", present_count=20, votes=dict.fromkeys(households, 15))
    posting_set(actor=officer, round=review_round, starts_on=D(2026, 11, 10), ends_on=D(2026, 11, 20))
    round_recognise(actor=leader, round=review_round, decision_number="", decision_date=D(2026, 11, 25))
    certificates_issue(actor=leader, round=review_round, issued_on=D(2026, 11, 26))


def test_the_changelists_load_with_a_fixed_number_of_queries(client, superuser, officer, leader, units, users,
                                                             make_household, django_assert_num_queries):
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    _through_the_steps(officer, leader, units, make_household, review_round, ["HS-001"])
    client.force_login(superuser)
    for model in MODELS:
        url = reverse(f"admin:households_{model._meta.model_name}_changelist")
        client.get(url)  # warm the session
        with django_assert_num_queries(QUERIES[model]):
            html = client.get(url).content.decode()
        assert SHOWN[model] in html, model
    # more rows and a second commune's round: the same queries
    cao_xa = round_create(actor=users["caoxa"], commune=units["07336"], year=2025, follows_procedure=True)
    for code in ("HS-002", "HS-003"):
        household = make_household(code)
        meeting_record(actor=officer, round=review_round, village=units["07339-01@2025"], held_on=D(2026, 11, 6),
                       chair="Tổ trưởng", present_count=20, votes={household: 12})
        request_create(actor=officer, household=household, kind="escape", channel="online", received_on=D(2026, 11, 21))
        round_list_add(actor=officer, round=review_round, household=household, reason="Bổ sung")
        complaint_create(actor=officer, round=review_round, household=household, complainant="C",
                         received_on=D(2026, 11, 14), content="D")
    for model in MODELS:
        url = reverse(f"admin:households_{model._meta.model_name}_changelist")
        with django_assert_num_queries(QUERIES[model]):
            response = client.get(url)
        assert response.status_code == 200
    html = client.get(reverse("admin:households_villagemeeting_changelist")).content.decode()
    assert html.count('class="field-chair"') == 3 and "Tân Yên – Rà soát định kỳ năm 2026" in html
    assert cao_xa.pk  # its commune has no meeting: not among the filter's rounds
    assert f"?round={cao_xa.pk}" not in html


def test_the_filters_pick_a_commune_and_a_round(client, superuser, officer, leader, units, make_household):
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    _through_the_steps(officer, leader, units, make_household, review_round, ["HS-001", "HS-002"])
    client.force_login(superuser)
    url = reverse("admin:households_complaint_changelist")
    assert client.get(url, {"commune": units["07339@2025"].pk, "round": review_round.pk}).content.decode().count(
        'class="field-complainant"') == 2
    assert client.get(url, {"commune": units["07336"].pk}).content.decode().count('class="field-complainant"') == 0
    url = reverse("admin:households_recognitiondecision_changelist")
    html = client.get(url, {"round": review_round.pk}).content.decode()
    assert html.count('class="field-decision_number"') == html.count(">1/QĐ-UBND</a>") == 2


def test_nothing_is_added_changed_or_deleted_through_the_admin(client, superuser, officer, leader, units,
                                                               make_household):
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    _through_the_steps(officer, leader, units, make_household, review_round, ["HS-001"])
    client.force_login(superuser)
    for model in MODELS:
        model_admin = admin.site._registry[model]
        request = type("R", (), {"user": superuser})()
        assert not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
                    or model_admin.has_delete_permission(request)), model
        obj = model.objects.order_by("pk").first()
        name = model._meta.model_name
        view = client.get(reverse(f"admin:households_{name}_change", args=[obj.pk]))
        assert view.status_code == 200 and 'name="_save"' not in view.content.decode(), model
        assert client.post(reverse(f"admin:households_{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
    assert Certificate.objects.count() == DocumentCounter.objects.get(series="GCN-HN.HCN").last == 1
