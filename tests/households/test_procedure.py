# ruff: noqa: F811  (the Tân Yên fixtures are imported and taken as arguments)
"""The review procedure of QĐ 24/2021 (Art. 4–5) through its services: requests and their 15-day clock,
village meetings and the 50% rule, the steps a round that follows the procedure needs before recognition."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from households import selectors
from households.models import Review, ReviewRequest, ReviewState, RoundKind
from households.services import (
    complaint_create,
    complaint_resolve,
    meeting_record,
    missing_steps,
    posting_set,
    request_create,
    request_refuse,
    review_create,
    review_submit,
    round_create,
    round_recognise,
)
from povertyplan.models import AuditEvent
from tests.households.tan_yen import leader, make_household, make_round, officer  # noqa: F401  (today's xã Tân Yên)

pytestmark = pytest.mark.usefixtures("on_26_11_2026")  # deadlines are written against that day



D = datetime.date


def test_a_request_received_on_a_friday_is_due_fifteen_calendar_days_later(household, officer):
    """QĐ 24 writes "15 ngày": calendar days from the day after receipt, weekends counted."""
    friday = D(2026, 11, 20)
    assert friday.weekday() == 4
    request = request_create(actor=officer, household=household, kind="review", channel="in_person", received_on=friday)
    assert request.deadline == D(2026, 12, 5)  # a Saturday: not moved to a working day
    assert (request.round.kind, request.round.year, request.round.month) == (RoundKind.REGULAR, 2026, 11)


def test_a_request_across_tet_keeps_its_fifteen_days(household, officer):
    """Tết Bính Ngọ is 17/02/2026; the holiday does not stop the clock. Received 10/02, before the
    15th: it belongs to January's regular review (15/01–14/02)."""
    request = request_create(actor=officer, household=household, kind="escape", channel="online",
                             received_on=D(2026, 2, 10))
    assert request.deadline == D(2026, 2, 25)
    assert (request.round.year, request.round.month) == (2026, 1)


def test_open_requests_are_overdue_after_their_deadline_until_answered(household, make_household, officer, leader):
    late = request_create(actor=officer, household=household, kind="review", channel="post",
                          received_on=D(2026, 11, 10))
    other = make_household("HS-002")
    fresh = request_create(actor=officer, household=other, kind="escape", channel="in_person",
                           received_on=D(2026, 11, 20))
    from households.home import panels

    template, panel = panels(leader)[1]  # after the round panel
    assert template == "households/_home_requests.html"
    assert [(row["request"].pk, row["overdue"]) for row in panel["rows"]] == [(late.pk, True), (fresh.pk, False)]
    assert (panel["count"], panel["overdue"]) == (2, 1)
    request_refuse(actor=leader, request=late, reason="Hộ có thu nhập 4.000.000 đồng/người/tháng.",
                   refused_on=D(2026, 11, 26))
    assert [r.pk for r in selectors.open_requests(leader)] == [fresh.pk]


def test_a_recognised_review_answers_the_request(household, officer, leader):
    request = request_create(actor=officer, household=household, kind="review", channel="post",
                             received_on=D(2026, 11, 16))
    assert request.round.follows_procedure  # Art. 5: steps 2–4 of Art. 4 apply to the regular review too
    review = review_create(actor=officer, household=household, round=request.round, income_per_capita=1_000_000)
    review_submit(actor=officer, review=review)
    assert [r.pk for r in selectors.open_requests(leader)] == [request.pk]
    meeting_record(actor=officer, round=request.round, village=household.village, held_on=D(2026, 11, 17),
                   chair="Nguyễn Văn Tổ", present_count=12, votes={household: 10})
    posting_set(actor=officer, round=request.round, starts_on=D(2026, 11, 18), ends_on=D(2026, 11, 24))
    round_recognise(actor=leader, round=request.round, decision_number="5/QĐ-UBND", decision_date=D(2026, 11, 25))
    assert list(selectors.open_requests(leader)) == []


def test_a_refusal_needs_a_reason_and_the_leader(household, officer, leader):
    request = request_create(actor=officer, household=household, kind="review", channel="post",
                             received_on=D(2026, 11, 16))
    with pytest.raises(ValidationError) as exc:
        request_refuse(actor=leader, request=request, reason="  ", refused_on=D(2026, 11, 20))
    assert exc.value.message_dict == {"reason": ["Cần ghi rõ lý do từ chối."]}
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        request_refuse(actor=officer, request=request, reason="Không đủ điều kiện", refused_on=D(2026, 11, 20))
    assert ReviewRequest.objects.get(pk=request.pk).refused_on is None


def test_a_request_dated_in_the_future_is_refused(household, officer):
    with pytest.raises(ValidationError) as exc:
        request_create(actor=officer, household=household, kind="review", channel="post", received_on=D(2027, 1, 1))
    assert exc.value.message_dict == {"received_on": ["Ngày nhận đơn không được sau hôm nay."]}
    assert not ReviewRequest.objects.exists()


@pytest.fixture
def procedure_round(units, officer):
    return round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)


def _submitted(officer, household, review_round, income=1_000_000):
    review = review_create(actor=officer, household=household, round=review_round, income_per_capita=income)
    return review_submit(actor=officer, review=review)


def test_below_half_agreeing_sends_the_household_back_to_review(make_household, officer, procedure_round, units):
    kept, sent_back = make_household("HS-001"), make_household("HS-002")
    for household in (kept, sent_back):
        _submitted(officer, household, procedure_round)
    meeting_record(actor=officer, round=procedure_round, village=units["07339-01@2025"], held_on=D(2026, 11, 20),
                   chair="Nguyễn Văn Tổ", present_count=40, votes={kept: 20, sent_back: 19})
    states = dict(Review.objects.filter(round=procedure_round).values_list("household__code", "state"))
    assert states == {"HS-001": ReviewState.SUBMITTED, "HS-002": ReviewState.RETURNED}
    returned = Review.objects.get(household=sent_back)
    assert returned.return_reason.startswith("Họp dân ngày 20/11/2026: dưới 50% người dự đồng ý")
    assert AuditEvent.objects.filter(action="review.return", object_id=str(returned.pk)).count() == 1


def test_more_agreeing_than_present_is_refused(household, officer, procedure_round, units):
    with pytest.raises(ValidationError) as exc:
        meeting_record(actor=officer, round=procedure_round, village=units["07339-01@2025"], held_on=D(2026, 11, 20),
                       chair="Nguyễn Văn Tổ", present_count=10, votes={household: 11})
    assert exc.value.message_dict == {"votes": ["Hộ HS-001: số người đồng ý phải từ 0 đến số người dự."]}


def test_recognition_waits_for_every_village_meeting_the_posting_and_the_complaints(
        make_household, officer, leader, procedure_round, units):
    first, second = make_household("HS-001"), make_household("HS-002", village="07339-02@2025")
    for household in (first, second):
        _submitted(officer, household, procedure_round)
    meeting_record(actor=officer, round=procedure_round, village=units["07339-01@2025"], held_on=D(2026, 11, 2),
                   chair="Nguyễn Văn Tổ", present_count=30, votes={first: 25})
    village_two = units["07339-02@2025"].name
    assert missing_steps(procedure_round) == [f"Chưa họp dân ở: {village_two}.", "Chưa niêm yết công khai kết quả."]
    with pytest.raises(ValidationError) as exc:
        round_recognise(actor=leader, round=procedure_round, decision_number="9/QĐ-UBND", decision_date=D(2026, 11, 25))
    assert f"Chưa họp dân ở: {village_two}." in exc.value.messages[0]
    meeting_record(actor=officer, round=procedure_round, village=units["07339-02@2025"], held_on=D(2026, 11, 3),
                   chair="Trần Văn Hai", present_count=20, votes={second: 15})
    posting_set(actor=officer, round=procedure_round, starts_on=D(2026, 11, 5), ends_on=D(2026, 11, 20))
    complaint = complaint_create(actor=officer, round=procedure_round, household=second, complainant="Lê Văn Ba",
                                 received_on=D(2026, 11, 10), content="Hộ có xe ô tô.")
    assert missing_steps(procedure_round) == ["Còn 1 khiếu nại chưa giải quyết."]
    with pytest.raises(ValidationError):
        round_recognise(actor=leader, round=procedure_round, decision_number="9/QĐ-UBND", decision_date=D(2026, 11, 25))
    assert Review.objects.filter(round=procedure_round, state=ReviewState.RECOGNISED).count() == 0
    complaint_resolve(actor=officer, complaint=complaint, resolution="Phúc tra: xe của con đã tách hộ.",
                      resolved_on=D(2026, 11, 18))
    assert missing_steps(procedure_round) == []
    assert round_recognise(actor=leader, round=procedure_round, decision_number="9/QĐ-UBND",
                           decision_date=D(2026, 11, 25)) == 2


def test_a_posting_still_running_holds_recognition(household, officer, procedure_round, units):
    _submitted(officer, household, procedure_round)
    meeting_record(actor=officer, round=procedure_round, village=units["07339-01@2025"], held_on=D(2026, 11, 2),
                   chair="Nguyễn Văn Tổ", present_count=30, votes={household: 25})
    posting_set(actor=officer, round=procedure_round, starts_on=D(2026, 11, 20), ends_on=D(2026, 11, 27))
    assert missing_steps(procedure_round, today=D(2026, 11, 26)) == [
        "Thời gian niêm yết chưa kết thúc (đến hết ngày 27/11/2026)."]
    assert missing_steps(procedure_round, today=D(2026, 11, 28)) == []


def test_rounds_not_following_the_procedure_recognise_as_before(household, officer, leader, make_round):
    review_round = make_round(2026)
    _submitted(officer, household, review_round)
    assert missing_steps(review_round) == []
    assert round_recognise(actor=leader, round=review_round, decision_number="9/QĐ-UBND",
                           decision_date=D(2026, 11, 25)) == 1


def test_the_list_to_review_holds_the_poor_and_near_poor_the_requesters_and_additions(
        make_household, officer, leader, recognised_review, procedure_round, units):
    from households.models import ListSource, RoundListEntry
    from households.services import round_list_add, round_list_build

    poor, near_poor, average = make_household("HS-001"), make_household("HS-002"), make_household("HS-003")
    recognised_review(poor, 2025, 1_500_000, ("1", "4", "7"))
    recognised_review(near_poor, 2025, 1_500_000, ())
    recognised_review(average, 2025, 3_000_000, ())
    requester, added, untouched = make_household("HS-004", village="07339-02@2025"), make_household("HS-005"), make_household("HS-006")
    request_create(actor=officer, household=requester, kind="review", channel="post", received_on=D(2026, 9, 20))
    assert round_list_build(actor=officer, round=procedure_round) == 3
    with pytest.raises(ValidationError) as exc:
        round_list_add(actor=officer, round=procedure_round, household=added, reason=" ")
    assert exc.value.message_dict == {"reason": ["Cần ghi lý do bổ sung hộ vào danh sách."]}
    round_list_add(actor=officer, round=procedure_round, household=added, reason="Chủ hộ mất việc làm tháng 8/2026.")
    assert round_list_build(actor=officer, round=procedure_round) == 0  # run again: nothing new, nothing lost
    entries = dict(RoundListEntry.objects.filter(round=procedure_round).values_list("household__code", "source"))
    assert entries == {"HS-001": ListSource.CURRENT, "HS-002": ListSource.CURRENT, "HS-004": ListSource.REQUEST,
                       "HS-005": ListSource.ADDED}
    assert untouched.code not in entries and average.code not in entries
    rows, total = selectors.round_progress(procedure_round)
    by_village = {row["village"].code: row["households"] for row in rows if row["households"]}
    assert by_village == {"07339-01": 3, "07339-02": 1}
    assert total["households"] == 4


def test_a_complaint_re_check_changes_the_result_before_recognition(household, officer, leader, procedure_round,
                                                                    units):
    """The posted result is wrong; the officer takes it back, corrects it, resubmits, and resolves the complaint."""
    from households.services import review_return, review_update

    review = _submitted(officer, household, procedure_round, income=1_000_000)
    assert review.classification == "near_poor"  # no deprivation recorded
    meeting_record(actor=officer, round=procedure_round, village=units["07339-01@2025"], held_on=D(2026, 11, 2),
                   chair="Nguyễn Văn Tổ", present_count=30, votes={household: 25})
    posting_set(actor=officer, round=procedure_round, starts_on=D(2026, 11, 5), ends_on=D(2026, 11, 20))
    complaint = complaint_create(actor=officer, round=procedure_round, household=household, complainant="Lê Văn Ba",
                                 received_on=D(2026, 11, 10), content="Hộ có lương hưu 6.000.000 đồng/tháng.")
    review = review_return(actor=officer, review=review, reason="Phúc tra theo khiếu nại ngày 10/11/2026")
    review = review_update(actor=officer, review=review, version=review.version, income_per_capita=4_500_000)
    review_submit(actor=officer, review=review)
    complaint_resolve(actor=officer, complaint=complaint, resolution="Phúc tra: thu nhập 4.500.000 đồng/người/tháng.",
                      resolved_on=D(2026, 11, 15))
    round_recognise(actor=leader, round=procedure_round, decision_number="", decision_date=D(2026, 11, 25))
    recognised = Review.objects.get(pk=review.pk)
    assert (recognised.state, recognised.income_per_capita, recognised.decision_number) == (
        ReviewState.RECOGNISED, 4_500_000, "1/QĐ-UBND")
    assert recognised.classification not in ("poor", "near_poor")
