# ruff: noqa: F811  (the Tân Yên fixtures are imported and taken as arguments)
"""The commune leader (lãnh đạo UBND xã) through the views, the round pages and the lock page.

The leader reads the commune's households and reviews, recognises or returns what the officer
submitted, and writes nothing else; outside the commune every page is 404.
"""
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from households.models import Household, Member, Review, ReviewRound
from households.services import review_create, review_submit, round_lock
from povertyplan.models import AuditEvent
from tests.households.tan_yen import leader, make_household, make_round, officer  # noqa: F401  (today's xã Tân Yên)


@pytest.fixture
def town(household, add_member, recognised_review):
    """HS-001 of Hoà Sơn with a head, recognised poor in the 2025 round."""
    add_member(household, id_number="024070001234")
    return household, recognised_review(household, 2025, 1_800_000, ("1", "4", "7"))


@pytest.fixture
def submitted_review(make_household, make_round, officer):
    """HS-002, submitted by caothuong in the 2026 round (its draft and submission by the officer)."""
    review = review_create(actor=officer, household=make_household("HS-002"), round=make_round(2026),
                           income_per_capita=1_500_000)
    return review_submit(actor=officer, review=review)


def test_the_leader_reads_households_and_reviews_but_edits_nothing(client_for, leader, town, make_round):
    household, review = town
    make_round(2026)
    client = client_for(leader)
    html = client.get(reverse("households:household_list")).content.decode()
    assert "HS-001" in html and "Thêm hộ" not in html
    html = client.get(reverse("households:household_detail", args=[household.pk])).content.decode()
    assert "Nguyễn Văn An" in html and "2025/QĐ-UBND" in html
    assert "********1234" in html and "024070001234" not in html  # masked as for supervisors
    assert "Sửa thông tin hộ" not in html and "Ghi kết quả" not in html
    member = household.members.get()
    for url in (reverse("households:household_create"), reverse("households:household_edit", args=[household.pk]),
                reverse("households:member_create", args=[household.pk]),
                reverse("households:member_edit", args=[member.pk]),
                reverse("households:review_edit", args=[review.pk]), reverse("households:round_create")):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("households:household_edit", args=[household.pk]),
                           {"code": "HS-001", "village": household.village_id, "head_name": "Đổi tên", "version": 1})
    assert response.status_code == 403
    assert client.post(reverse("households:member_remove", args=[member.pk]), {"reason": "x"}).status_code == 403
    assert Household.objects.get(pk=household.pk).head_name == "Nguyễn Văn An"
    assert Member.objects.filter(household=household, is_active=True).count() == 1
    html = client.get(reverse("households:review_detail", args=[review.pk])).content.decode()
    assert "Đã công nhận" in html and 'id="reopen-form"' in html and "review_edit" not in html


def test_the_leader_recognises_through_the_review_page(client_for, leader, officer, submitted_review):
    url = reverse("households:review_detail", args=[submitted_review.pk])
    html = client_for(officer).get(url).content.decode()
    assert 'id="recognise-form"' not in html and 'id="return-form"' in html  # the officer may take it back
    html = client_for(leader).get(url).content.decode()
    assert 'id="recognise-form"' in html and 'id="return-form"' in html and 'id="submit-review"' not in html
    response = client_for(leader).post(reverse("households:review_recognise", args=[submitted_review.pk]),
                                       {"decision_number": "12/QĐ-UBND", "decision_date": "20/12/2025"})
    assert response["Location"] == url
    review = Review.objects.get(pk=submitted_review.pk)
    assert (review.state, review.decision_number, review.submitted_by) == ("recognised", "12/QĐ-UBND", officer)
    assert AuditEvent.objects.get(action="review.recognise").actor == leader


def test_the_officer_who_submitted_cannot_recognise_through_the_view(client_for, officer, submitted_review):
    response = client_for(officer).post(reverse("households:review_recognise", args=[submitted_review.pk]),
                                        {"decision_number": "12/QĐ-UBND", "decision_date": "20/12/2025"})
    assert response.status_code == 403
    assert Review.objects.get(pk=submitted_review.pk).state == "submitted"


def test_a_leader_who_submitted_sees_why_they_cannot_recognise(client_for, officer, submitted_review):
    officer.officer.role = "leader"
    officer.officer.save()
    client = client_for(officer)
    html = client.get(reverse("households:review_detail", args=[submitted_review.pk])).content.decode()
    assert 'id="own-submission"' in html and 'id="recognise-form"' not in html
    response = client.post(reverse("households:review_recognise", args=[submitted_review.pk]),
                           {"decision_number": "12/QĐ-UBND", "decision_date": "20/12/2025"}, follow=True)
    assert "Không được công nhận kết quả rà soát do chính mình gửi (hộ HS-002)." in response.content.decode()
    assert Review.objects.get(pk=submitted_review.pk).state == "submitted"


def test_the_leader_returns_through_the_view(client_for, leader, submitted_review):
    client_for(leader).post(reverse("households:review_return", args=[submitted_review.pk]),
                            {"reason": "Chưa có biên bản họp thôn"})
    review = Review.objects.get(pk=submitted_review.pk)
    assert (review.state, review.return_reason) == ("returned", "Chưa có biên bản họp thôn")


def test_round_page_gives_the_leader_the_decision_and_the_officer_the_lock(client_for, leader, officer,
                                                                           submitted_review):
    review_round = submitted_review.round
    url = reverse("households:round_progress", args=[review_round.pk])
    html = client_for(leader).get(url).content.decode()
    assert 'id="round-recognise-form"' in html and 'id="round-lock-link"' not in html
    html = client_for(officer).get(url).content.decode()
    assert 'id="round-recognise-form"' not in html and 'id="round-lock-link"' in html
    decision = {"decision_number": "30/QĐ-UBND", "decision_date": "20/12/2025"}
    assert client_for(officer).post(reverse("households:round_recognise", args=[review_round.pk]),
                                    decision).status_code == 403
    assert Review.objects.get(pk=submitted_review.pk).state == "submitted"
    client_for(leader).post(reverse("households:round_recognise", args=[review_round.pk]), decision)
    assert Review.objects.get(pk=submitted_review.pk).decision_number == "30/QĐ-UBND"


def test_the_lock_page_lists_the_open_reviews_and_locks_on_confirmation(client_for, officer, town, make_household):
    household, recognised = town
    draft = review_create(actor=officer, household=make_household("HS-009", head_name="Lò Văn Chín"),
                          round=recognised.round, income_per_capita=2_000_000)
    client = client_for(officer)
    url = reverse("households:round_lock", args=[recognised.round_id])
    response = client.get(url)
    html = response.content.decode()
    assert 'id="open-reviews-warning"' in html and "Còn 1 kết quả chưa được công nhận" in html
    assert "HS-009" in html and "Lò Văn Chín" in html and "Đang nhập" in html
    assert f'name="leave_open" value="{draft.pk}"' in html
    # a draft opened after the page was shown refuses the lock
    late = review_create(actor=officer, household=make_household("HS-010"), round=recognised.round,
                         income_per_capita=1)
    response = client.post(url, {"leave_open": str(draft.pk)}, follow=True)
    assert "Đợt còn 1 kết quả chưa công nhận chưa được xác nhận để lại" in response.content.decode()
    assert ReviewRound.objects.get(pk=recognised.round_id).locked_at is None
    assert Review.objects.get(pk=recognised.pk).state == "recognised"
    response = client.post(url, {"leave_open": f"{draft.pk},{late.pk}"})
    assert response["Location"] == reverse("households:round_progress", args=[recognised.round_id])
    assert Review.objects.get(pk=recognised.pk).state == "locked"
    assert ReviewRound.objects.get(pk=recognised.round_id).locked_at is not None
    html = client.get(response["Location"]).content.decode()
    assert 'id="round-locked"' in html


def test_a_locked_round_is_not_offered_and_its_form_refuses(client_for, officer, town, make_household, make_round):
    _household, recognised = town
    newcomer = make_household("HS-NEW")
    detail = reverse("households:household_detail", args=[newcomer.pk])
    create = reverse("households:review_create", args=[newcomer.pk, recognised.round_id])
    client = client_for(officer)
    assert create in client.get(detail).content.decode()
    round_lock(actor=officer, round=recognised.round)
    assert create not in client.get(detail).content.decode()
    for response in (client.get(create, follow=True), client.post(create, {"income_per_capita": "900.000"},
                                                                   follow=True)):
        assert "Đợt rà soát này đã khóa sổ" in response.content.decode()
    assert Review.objects.filter(household=newcomer).count() == 0
    regular = make_round(2026, kind="regular", month=1)
    assert reverse("households:review_create", args=[newcomer.pk, regular.pk]) in client.get(detail).content.decode()


@pytest.mark.parametrize(("year", "message"), [
    ("2030", "Chưa có chuẩn nghèo áp dụng cho Rà soát định kỳ năm 2030"),
    ("9999", "Năm rà soát phải từ 2021 đến 2100."),
    ("2020", "Năm rà soát phải từ 2021 đến 2100."),
])
def test_round_form_names_the_year(client_for, officer, units, year, message):
    response = client_for(officer).post(reverse("households:round_create"), {
        "commune": units["07339@2025"].pk, "year": year, "kind": "periodic"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["year"] and message in errors["year"][0]
    assert message in response.content.decode()
    assert ReviewRound.objects.count() == 0


def test_outsiders_get_404_on_the_review_and_round_pages(client_for, users, town, submitted_review):
    """The other commune's officer and leader: every review/round page and action of Cao Thượng is 404."""
    _household, recognised = town
    round_pk = recognised.round_id
    gets = [reverse("households:review_detail", args=[submitted_review.pk]),
            reverse("households:round_progress", args=[round_pk]), reverse("households:round_lock", args=[round_pk]),
            reverse("households:household_detail", args=[recognised.household_id])]
    posts = [reverse("households:review_recognise", args=[submitted_review.pk]),
             reverse("households:review_return", args=[submitted_review.pk]),
             reverse("households:review_reopen", args=[recognised.pk]),
             reverse("households:round_recognise", args=[round_pk]),
             reverse("households:round_lock", args=[round_pk])]
    data = {"reason": "x", "decision_number": "1/QĐ", "decision_date": "20/12/2025", "leave_open": ""}
    for username in ("caoxa_ld", "caoxa"):
        client = client_for(users[username])
        for url in gets:
            assert client.get(url).status_code == 404, (username, url)
        for url in posts:
            assert client.post(url, data).status_code == 404, (username, url)
    assert dict(Review.objects.values_list("pk", "state")) == {recognised.pk: "recognised",
                                                               submitted_review.pk: "submitted"}
    assert ReviewRound.objects.filter(locked_at__isnull=False).count() == 0


def test_the_demo_has_a_leader_per_commune(units, users):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for username, unit in (("caothuong_ld", "07339"), ("caoxa_ld", "07336")):
        assert users[username].officer.role == "leader" and users[username].officer.unit == units[unit]
        assert f"  {username} " in text
    assert "Lãnh đạo UBND xã, phường — Thị trấn Cao Thượng (07339)" in text


def test_decision_dates_are_not_in_the_future_for_the_leader_either(client_for, leader, submitted_review):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client_for(leader).post(reverse("households:review_recognise", args=[submitted_review.pk]),
                                       {"decision_number": "1/QĐ", "decision_date": tomorrow}, follow=True)
    assert "Ngày quyết định không được sau hôm nay." in response.content.decode()
    assert Review.objects.get(pk=submitted_review.pk).state == "submitted"
