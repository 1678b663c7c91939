# ruff: noqa: F811  (the Tân Yên fixtures are imported and taken as arguments)
"""The procedure pages through the test client: requests, refusals, meetings, the round's steps; 404 outside."""
import datetime

import pytest
from django.urls import reverse

from households.models import Complaint, Posting, Review, ReviewRequest, ReviewState, VillageMeeting
from households.services import (
    complaint_create,
    meeting_record,
    request_create,
    review_create,
    review_submit,
    round_create,
)
from tests.households.tan_yen import leader, make_household, make_round, officer  # noqa: F401  (today's xã Tân Yên)

pytestmark = pytest.mark.usefixtures("on_26_11_2026")  # deadlines are written against that day



D = datetime.date


@pytest.fixture
def procedure_round(units, officer):
    return round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)


def test_the_officer_records_a_request_and_the_leader_refuses_it(client_for, officer, leader, household):
    client = client_for(officer)
    response = client.post(reverse("households:request_create", args=[household.pk]),
                           {"kind": "review", "channel": "post", "received_on": "20/11/2026", "notes": ""})
    request = ReviewRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("households:request_detail", args=[request.pk])
    html = client.get(response["Location"]).content.decode()
    assert "05/12/2026" in html and 'id="refuse-form"' not in html  # the officer does not answer for the chairman
    client = client_for(leader)
    client.post(reverse("households:request_refuse", args=[request.pk]),
                {"reason": "Thu nhập bình quân 4.200.000 đồng/người/tháng, trên chuẩn cận nghèo.", "refused_on": "25/11/2026"})
    request.refresh_from_db()
    assert request.refused_on == D(2026, 11, 25) and request.refused_by == leader
    html = client.get(reverse("households:request_detail", args=[request.pk])).content.decode()
    assert 'id="refusal-letter-link"' in html and 'id="refuse-form"' not in html


def test_a_request_with_a_bad_date_names_the_field_and_saves_nothing(client_for, officer, household):
    response = client_for(officer).post(reverse("households:request_create", args=[household.pk]),
                                        {"kind": "review", "channel": "post", "received_on": "31/02/2026"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["received_on"]
    assert not ReviewRequest.objects.exists()


def test_the_home_shows_the_open_requests_with_the_overdue_marked(client_for, leader, officer, household):
    request_create(actor=officer, household=household, kind="escape", channel="online", received_on=D(2026, 11, 5))
    html = client_for(leader).get(reverse("home")).content.decode()
    assert 'id="panel-requests"' in html and 'id="requests-overdue"' in html
    assert "hạn 20/11/2026" in html


def test_the_requests_list_pins_its_queries(client_for, officer, make_household, django_assert_num_queries):
    for i in range(3):
        request_create(actor=officer, household=make_household(f"HS-{i:03}"), kind="review", channel="post",
                       received_on=D(2026, 11, 10 + i))
    client = client_for(officer)
    with django_assert_num_queries(4):
        html = client.get(reverse("households:request_list")).content.decode()
    # received 10, 11, 12/11: due 25, 26, 27/11; on 26/11 only the first is overdue
    assert html.count('class="table-danger"') == 1
    assert html.count("Quá hạn") == 1 and html.count("Đang xử lý") == 2


def test_a_meeting_through_the_page_sends_back_the_household_under_half(client_for, officer, make_household,
                                                                        procedure_round, units):
    kept, sent_back = make_household("HS-001"), make_household("HS-002")
    for h in (kept, sent_back):
        review_submit(actor=officer, review=review_create(actor=officer, household=h, round=procedure_round,
                                                          income_per_capita=1_000_000))
    village = units["07339-01@2025"]
    client = client_for(officer)
    html = client.get(reverse("households:meeting_create", args=[procedure_round.pk]) + f"?village={village.pk}").content.decode()
    assert f'name="agreed_{kept.pk}"' in html and f'name="agreed_{sent_back.pk}"' in html
    response = client.post(reverse("households:meeting_create", args=[procedure_round.pk]), {
        "village": village.pk, "held_on": "20/11/2026", "chair": "Nguyễn Văn Tổ", "present_count": "30",
        f"agreed_{kept.pk}": "16", f"agreed_{sent_back.pk}": "14"})
    meeting = VillageMeeting.objects.get()
    assert response["Location"] == reverse("households:meeting_detail", args=[meeting.pk])
    assert Review.objects.get(household=sent_back).state == ReviewState.RETURNED
    html = client.get(response["Location"]).content.decode()
    assert "Dưới 50%: rà soát lại" in html and 'id="minutes-link"' in html


def test_the_round_page_says_what_is_missing(client_for, officer, leader, household, procedure_round, units):
    review_submit(actor=officer, review=review_create(actor=officer, household=household, round=procedure_round,
                                                      income_per_capita=1_000_000))
    complaint_create(actor=officer, round=procedure_round, household=household, complainant="Lê Văn Ba",
                     received_on=D(2026, 11, 10), content="Hộ có xe ô tô.")
    html = client_for(leader).get(reverse("households:round_progress", args=[procedure_round.pk])).content.decode()
    assert 'id="missing-steps"' in html
    assert f"Chưa họp dân ở: {units['07339-01@2025'].name}." in html
    assert "Chưa niêm yết công khai kết quả." in html and "Còn 1 khiếu nại chưa giải quyết." in html
    response = client_for(leader).post(reverse("households:round_recognise", args=[procedure_round.pk]),
                                       {"decision_number": "9/QĐ-UBND", "decision_date": "25/11/2026"}, follow=True)
    assert "Chưa công nhận được" in response.content.decode()
    assert Review.objects.get().state == ReviewState.SUBMITTED


def test_the_officer_posts_and_resolves_through_the_round_page(client_for, officer, household, procedure_round):
    client = client_for(officer)
    client.post(reverse("households:round_posting", args=[procedure_round.pk]),
                {"starts_on": "05/11/2026", "ends_on": "20/11/2026"})
    assert Posting.objects.get().ends_on == D(2026, 11, 20)
    client.post(reverse("households:complaint_create", args=[procedure_round.pk]),
                {"household": household.pk, "complainant": "Lê Văn Ba", "received_on": "10/11/2026", "content": "Hộ có xe."})
    complaint = Complaint.objects.get()
    client.post(reverse("households:complaint_resolve", args=[complaint.pk]),
                {"resolution": "Phúc tra: xe đã bán.", "resolved_on": "15/11/2026"})
    complaint.refresh_from_db()
    assert complaint.resolved_on == D(2026, 11, 15)
    response = client.post(reverse("households:round_posting", args=[procedure_round.pk]),
                           {"starts_on": "20/11/2026", "ends_on": "05/11/2026"}, follow=True)
    assert "Ngày kết thúc niêm yết không được trước ngày bắt đầu." in response.content.decode()
    assert Posting.objects.get().ends_on == D(2026, 11, 20)


def test_outsiders_get_404_on_every_procedure_page(client_for, users, officer, household, procedure_round, units):
    request = request_create(actor=officer, household=household, kind="review", channel="post",
                             received_on=D(2026, 11, 20))
    review_submit(actor=officer, review=review_create(actor=officer, household=household, round=procedure_round,
                                                      income_per_capita=1_000_000))
    meeting = meeting_record(actor=officer, round=procedure_round, village=units["07339-01@2025"], held_on=D(2026, 11, 20),
                             chair="Nguyễn Văn Tổ", present_count=10, votes={household: 8})
    complaint = complaint_create(actor=officer, round=procedure_round, household=household, complainant="A",
                                 received_on=D(2026, 11, 10), content="B")
    outsider = client_for(users["caoxa"])
    for name, pk in [("request_detail", request.pk), ("request_create", household.pk),
                     ("meeting_create", procedure_round.pk), ("meeting_detail", meeting.pk)]:
        assert outsider.get(reverse(f"households:{name}", args=[pk])).status_code == 404, name
    for name, pk in [("request_refuse", request.pk), ("round_posting", procedure_round.pk),
                     ("complaint_create", procedure_round.pk), ("complaint_resolve", complaint.pk),
                     ("round_list_build", procedure_round.pk), ("round_list_add", procedure_round.pk)]:
        assert outsider.post(reverse(f"households:{name}", args=[pk]), {}).status_code == 404, name
    html = outsider.get(reverse("households:request_list")).content.decode()
    assert household.code not in html


def test_the_procedure_round_page_pins_its_queries(client_for, officer, make_household, procedure_round, units,
                                                   django_assert_num_queries):
    def add(code, village):
        household = make_household(code, village=village)
        review_submit(actor=officer, review=review_create(actor=officer, household=household, round=procedure_round,
                                                          income_per_capita=1_000_000))
        meeting_record(actor=officer, round=procedure_round, village=units[village], held_on=D(2026, 11, 20),
                       chair="Tổ trưởng", present_count=10, votes={household: 8})
        complaint_create(actor=officer, round=procedure_round, household=household, complainant="A",
                         received_on=D(2026, 11, 21), content="B")

    add("HS-001", "07339-01@2025")
    client = client_for(officer)
    url = reverse("households:round_progress", args=[procedure_round.pk])
    with django_assert_num_queries(QUERIES):
        client.get(url)
    add("HS-002", "07339-02@2025")
    add("HS-003", "07339-03@2025")
    with django_assert_num_queries(QUERIES):
        html = client.get(url).content.decode()
    assert html.count('class="complaint-resolve"') == 3


QUERIES = 27  # session, user, round, progress (2), steps (6), history (6), the standard, forms' choices …: not per meeting or complaint
