"""The review workflow through its services: every transition and the moves it forbids."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from households import selectors
from households.models import Household, Review, ReviewRound, ReviewState, RoundKind
from households.services import (
    VersionConflict,
    review_create,
    review_recognise,
    review_reopen,
    review_return,
    review_submit,
    review_update,
    round_create,
    round_lock,
    round_recognise,
)
from povertyplan.models import AuditEvent, Role
from tests.conftest import make_officer

DECIDED = datetime.date(2025, 12, 20)


@pytest.fixture
def round_2025(make_round):
    return make_round(2025)


@pytest.fixture
def draft(household, round_2025, officer, indicators):
    """Hoà Sơn (urban): 1.800.000 đồng/người/tháng and 3 deprivations under the 2026 standard → poor."""
    return review_create(actor=officer, household=household, round=round_2025, income_per_capita=1_800_000,
                         deprivations=indicators(2025, "1", "4", "7"), causes=["no_capital", "illness"])


def submitted(review, officer):
    return review_submit(actor=officer, review=review)


def recognised(review, officer, leader):
    """The officer submits, the commune's leader recognises."""
    review_submit(actor=officer, review=review)
    return review_recognise(actor=leader, review=review, decision_number="125/QĐ-UBND", decision_date=DECIDED)


def test_round_kinds_windows_and_standard_dates(make_round):
    periodic = make_round(2023)
    assert str(periodic) == "Rà soát định kỳ năm 2023"
    assert periodic.window() == (datetime.date(2023, 9, 1), datetime.date(2023, 12, 14))
    assert periodic.standard_date() == datetime.date(2024, 1, 1)
    regular = make_round(2024, kind=RoundKind.REGULAR, month=12)
    assert str(regular) == "Rà soát thường xuyên tháng 12/2024"
    assert regular.window() == (datetime.date(2024, 12, 15), datetime.date(2025, 1, 14))
    assert regular.standard_date() == datetime.date(2024, 12, 15)


def test_round_rules(make_round, units, users):
    make_round(2023)
    with pytest.raises(ValidationError) as info:
        make_round(2023)
    assert "Xã đã có đợt rà soát định kỳ năm này." in info.value.messages
    with pytest.raises(ValidationError):
        make_round(2024, kind=RoundKind.REGULAR, month=None)
    make_round(2023, commune="07336")  # another commune has its own rounds
    with pytest.raises(PermissionDenied):
        round_create(actor=users["caothuong"], commune=units["07336"], year=2024)
    with pytest.raises(ValidationError):
        round_create(actor=users["caothuong"], commune=units["07339-01"], year=2024)


def test_create_classifies_through_the_standard_of_the_round(draft, household, round_2025, indicators, officer):
    assert draft.state == ReviewState.DRAFT
    assert draft.standard.code == "2026"
    assert (draft.deprivation_count, draft.classification) == (3, "poor")
    assert sorted(draft.causes.values_list("cause", flat=True)) == ["illness", "no_capital"]
    event = AuditEvent.objects.get(action="review.create")
    assert event.after["deprivations"] == "1, 4, 7" and event.after["classification"] == "poor"
    updated = review_update(actor=officer, review=draft, version=1, income_per_capita=1_800_000,
                            deprivations=indicators(2025, "1", "4"))
    assert (updated.deprivation_count, updated.classification, updated.version) == (2, "near_poor", 2)
    updated = review_update(actor=officer, review=draft, version=2, income_per_capita=2_000_001,
                            deprivations=indicators(2025, "1", "4"))
    assert updated.classification == "average"


def test_the_2026_round_uses_the_2027_2030_lines(make_household, make_round, users, indicators):
    # 2.500.000 is above the 2026 urban line (2.000.000) but under the 2027 one (2.800.000); the 2026 round is
    # xã Tân Yên's (thị trấn Cao Thượng closed on 30/06/2025), in its tổ dân phố Hoà Sơn (urban)
    household = make_household("HS-026", village="07339-01@2025")
    assert household.village.area == "urban"
    review = review_create(actor=users["xatanyen"], household=household, round=make_round(2026, commune="07339@2025"),
                           income_per_capita=2_500_000, deprivations=indicators(2026, "1", "2", "3"))
    assert (review.standard.code, review.classification) == ("2027-2030", "poor")


def test_create_refuses_foreign_indicators_rounds_and_duplicates(household, round_2025, make_round, officer, indicators,
                                                                 draft):
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=round_2025, income_per_capita=1)
    assert info.value.message_dict["round"] == ["Hộ đã có kết quả rà soát trong đợt này."]
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=make_round(2024), income_per_capita=1,
                      deprivations=indicators(2025, "1"))  # the 2024 round classifies with 2022–2025
    assert "Chỉ số thiếu hụt không thuộc" in info.value.message_dict["deprivations"][0]
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=make_round(2025, commune="07336"), income_per_capita=1)
    assert info.value.message_dict["round"] == ["Đợt rà soát không phải của xã có hộ này."]
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=make_round(2023), income_per_capita=1, causes=["lazy"])
    assert "causes" in info.value.message_dict
    assert Review.objects.count() == 1


def test_submit_then_submitting_twice_is_refused(draft, officer):
    review = submitted(draft, officer)
    assert review.state == ReviewState.SUBMITTED and review.submitted_at is not None
    with pytest.raises(ValidationError) as info:
        review_submit(actor=officer, review=review)
    assert info.value.messages == ["Kết quả rà soát đã được gửi hoặc đã công nhận."]
    assert AuditEvent.objects.filter(action="review.submit").count() == 1


def test_a_submitted_review_cannot_be_edited(draft, officer, indicators):
    submitted(draft, officer)
    with pytest.raises(ValidationError) as info:
        review_update(actor=officer, review=draft, version=2, income_per_capita=1, deprivations=[])
    assert info.value.messages == ["Kết quả rà soát ở trạng thái “Đã gửi” không sửa được."]


def test_recognise_records_the_decision_and_the_status(draft, officer, leader, household):
    review = recognised(draft, officer, leader)
    assert review.submitted_by == officer
    event = AuditEvent.objects.get(action="review.recognise")
    assert (event.actor, event.after["decision_number"]) == (leader, "125/QĐ-UBND")
    assert review.state == ReviewState.RECOGNISED
    assert (review.decision_number, review.decision_date) == ("125/QĐ-UBND", DECIDED)
    household.refresh_from_db()
    assert household.current_review_id == review.pk
    assert Review.objects.get(pk=review.pk).change == "newly_poor"


def test_recognise_needs_a_submitted_review_and_a_valid_decision(draft, officer, leader):
    with pytest.raises(ValidationError) as info:
        review_recognise(actor=leader, review=draft, decision_number="1/QĐ", decision_date=DECIDED)
    assert info.value.messages == ["Chỉ công nhận được kết quả đã gửi."]
    submitted(draft, officer)
    with pytest.raises(ValidationError) as info:
        review_recognise(actor=leader, review=draft, decision_number=" ", decision_date=datetime.date(2099, 1, 1))
    assert info.value.message_dict == {"decision_number": ["Cần ghi số quyết định công nhận."],
                                       "decision_date": ["Ngày quyết định không được sau hôm nay."]}
    assert Review.objects.get(pk=draft.pk).state == ReviewState.SUBMITTED


def test_a_recognised_review_is_read_only(draft, officer, leader, indicators):
    review = recognised(draft, officer, leader)
    with pytest.raises(ValidationError) as info:
        review_update(actor=officer, review=review, version=review.version, income_per_capita=5_000_000,
                      deprivations=[])
    assert info.value.messages == ["Kết quả rà soát ở trạng thái “Đã công nhận” không sửa được."]
    with pytest.raises(ValidationError):
        review_submit(actor=officer, review=review)
    assert Review.objects.get(pk=review.pk).income_per_capita == 1_800_000


def test_only_the_communes_leader_recognises(draft, users, units):
    review = submitted(draft, users["caothuong"])
    # the officer who prepared it, the other commune's officer and leader, the supervisor, the administrator
    for refused in (users["caothuong"], users["caoxa"], users["caoxa_ld"], users["tanyen"], users["admin"]):
        with pytest.raises(PermissionDenied):
            review_recognise(actor=refused, review=review, decision_number="9/QĐ", decision_date=DECIDED)
    with pytest.raises(PermissionDenied):
        review_submit(actor=users["caoxa"], review=review)
    assert Review.objects.get(pk=review.pk).state == ReviewState.SUBMITTED
    assert not AuditEvent.objects.filter(action="review.recognise").exists()
    review = review_recognise(actor=users["caothuong_ld"], review=review, decision_number="9/QĐ", decision_date=DECIDED)
    assert review.state == ReviewState.RECOGNISED


def test_the_leader_cannot_write_or_submit(draft, leader, units, household):
    with pytest.raises(PermissionDenied):
        review_update(actor=leader, review=draft, version=1, income_per_capita=1)
    with pytest.raises(PermissionDenied):
        review_submit(actor=leader, review=draft)
    with pytest.raises(PermissionDenied):
        round_create(actor=leader, commune=units["07339"], year=2024)
    assert Review.objects.get(pk=draft.pk).state == ReviewState.DRAFT


def test_nobody_recognises_their_own_submission(draft, officer, units, users):
    """An officer promoted to vice-chairman may not recognise what they submitted as officer."""
    submitted(draft, officer)
    officer.officer.role = Role.LEADER
    officer.officer.save()
    officer = type(officer).objects.get(pk=officer.pk)  # drop the cached role
    with pytest.raises(ValidationError) as info:
        review_recognise(actor=officer, review=draft, decision_number="9/QĐ", decision_date=DECIDED)
    assert info.value.messages == ["Không được công nhận kết quả rà soát do chính mình gửi (hộ HS-001)."]
    with pytest.raises(ValidationError):
        round_recognise(actor=officer, round=draft.round, decision_number="9/QĐ", decision_date=DECIDED)
    assert Review.objects.get(pk=draft.pk).state == ReviewState.SUBMITTED
    assert not AuditEvent.objects.filter(action="review.recognise").exists()
    review_recognise(actor=users["caothuong_ld"], review=draft, decision_number="9/QĐ", decision_date=DECIDED)
    assert Review.objects.get(pk=draft.pk).state == ReviewState.RECOGNISED


def test_the_leader_returns_a_submitted_review_with_a_reason(draft, officer, leader):
    submitted(draft, officer)
    review = review_return(actor=leader, review=draft, reason="Chưa họp thôn")
    assert (review.state, review.return_reason) == (ReviewState.RETURNED, "Chưa họp thôn")
    assert AuditEvent.objects.get(action="review.return").actor == leader


def test_supervisor_of_an_ancestor_returns_with_a_reason_then_the_commune_resubmits(draft, users, units, indicators):
    officer, supervisor = users["caothuong"], users["tanyen"]
    submitted(draft, officer)
    elsewhere = users["bacninh"]  # the demo's supervisor of today's tỉnh Bắc Ninh: not an ancestor of the town
    with pytest.raises(PermissionDenied):
        review_return(actor=elsewhere, review=draft, reason="x")
    with pytest.raises(PermissionDenied):
        review_return(actor=users["caoxa"], review=draft, reason="x")
    with pytest.raises(ValidationError) as info:
        review_return(actor=supervisor, review=draft, reason=" ")
    assert info.value.message_dict == {"reason": ["Cần ghi lý do trả lại."]}
    review = review_return(actor=supervisor, review=draft, reason="Thu nhập chưa trừ trợ cấp xã hội")
    assert (review.state, review.return_reason) == (ReviewState.RETURNED, "Thu nhập chưa trừ trợ cấp xã hội")
    assert AuditEvent.objects.get(action="review.return").reason == "Thu nhập chưa trừ trợ cấp xã hội"
    with pytest.raises(ValidationError):
        review_return(actor=supervisor, review=review, reason="again")  # only submitted ones
    review = review_update(actor=officer, review=review, version=review.version, income_per_capita=1_700_000,
                           deprivations=indicators(2025, "1", "4", "7"))
    review = review_submit(actor=officer, review=review)
    assert (review.state, review.return_reason) == (ReviewState.SUBMITTED, "")


def test_the_commune_may_return_its_own_submitted_review(draft, officer):
    submitted(draft, officer)
    assert review_return(actor=officer, review=draft, reason="Ghi nhầm").state == ReviewState.RETURNED


def test_supervisor_cannot_write_or_submit(draft, users, household, round_2025):
    with pytest.raises(PermissionDenied):
        review_submit(actor=users["tanyen"], review=draft)
    with pytest.raises(PermissionDenied):
        review_update(actor=users["tanyen"], review=draft, version=1, income_per_capita=1)


def test_reopen_is_audited_with_a_reason_and_clears_the_status(draft, officer, leader, household):
    review = recognised(draft, officer, leader)
    with pytest.raises(PermissionDenied):  # the officer cannot undo the leader's decision
        review_reopen(actor=officer, review=review, reason="Sai")
    with pytest.raises(ValidationError):
        review_reopen(actor=leader, review=review, reason="")
    review = review_reopen(actor=leader, review=review, reason="Hộ khiếu nại, rà soát lại thu nhập")
    assert (review.state, review.decision_number, review.decision_date) == (ReviewState.DRAFT, "", None)
    assert review.submitted_by is None
    event = AuditEvent.objects.get(action="review.reopen")
    assert event.reason == "Hộ khiếu nại, rà soát lại thu nhập"
    assert event.before["state"] == "recognised" and event.before["decision_number"] == "125/QĐ-UBND"
    household.refresh_from_db()
    assert household.current_review_id is None
    assert Review.objects.get(pk=review.pk).change == ""
    with pytest.raises(ValidationError):
        review_reopen(actor=leader, review=review, reason="again")  # a draft is not recognised


def test_locked_reviews_are_reopened_by_a_supervisor_only(draft, officer, leader, users, round_2025):
    recognised(draft, officer, leader)
    assert round_lock(actor=officer, round=round_2025) == 1
    review = Review.objects.get(pk=draft.pk)
    assert review.state == ReviewState.LOCKED
    for refused in (officer, leader, users["caoxa"], users["caoxa_ld"]):
        with pytest.raises(PermissionDenied):
            review_reopen(actor=refused, review=review, reason="x")
    assert Review.objects.get(pk=draft.pk).state == ReviewState.LOCKED
    review = review_reopen(actor=users["tanyen"], review=review, reason="Thanh tra phát hiện sai")
    assert review.state == "draft"
    event = AuditEvent.objects.get(action="review.reopen")
    assert (event.actor, event.reason, event.before["state"]) == (users["tanyen"], "Thanh tra phát hiện sai", "locked")
    # the reopened result goes round again: corrected, submitted, recognised by the leader
    review = review_submit(actor=officer, review=review)
    review = review_recognise(actor=leader, review=review, decision_number="301/QĐ-UBND", decision_date=DECIDED)
    assert review.state == ReviewState.RECOGNISED


def test_round_recognise_takes_every_submitted_review(make_household, round_2025, officer, leader, indicators):
    reviews = []
    for n in range(3):
        household = make_household(f"HS-{n}")
        reviews.append(review_create(actor=officer, household=household, round=round_2025, income_per_capita=1_000_000,
                                     deprivations=indicators(2025, "1")))
    for review in reviews[:2]:
        review_submit(actor=officer, review=review)
    with pytest.raises(PermissionDenied):
        round_recognise(actor=officer, round=round_2025, decision_number="200/QĐ-UBND", decision_date=DECIDED)
    assert not Review.objects.filter(state=ReviewState.RECOGNISED).exists()
    count = round_recognise(actor=leader, round=round_2025, decision_number="200/QĐ-UBND", decision_date=DECIDED)
    assert count == 2
    states = dict(Review.objects.values_list("household__code", "state"))
    assert states == {"HS-0": "recognised", "HS-1": "recognised", "HS-2": "draft"}
    assert Household.objects.filter(current_review__isnull=False).count() == 2


def test_two_officers_editing_one_review_the_second_gets_the_conflict(draft, officer, units, indicators):
    colleague = make_officer("vhxh2", Role.COMMUNE, units["07339"], last_name="Lê Thị", first_name="Mai")
    review_update(actor=colleague, review=draft, version=1, income_per_capita=2_600_000,
                  deprivations=indicators(2025, "1", "4", "7"), causes=["no_capital", "illness"])
    with pytest.raises(VersionConflict) as info:
        review_update(actor=officer, review=draft, version=1, income_per_capita=1_000_000, deprivations=[])
    fields = {(c.who, c.field, c.before, c.after) for c in info.value.changes}
    assert ("Lê Thị Mai", "thu nhập bình quân (đồng/người/tháng)", 1_800_000, 2_600_000) in fields
    assert ("Lê Thị Mai", "kết quả phân loại", "poor", "average") in fields
    assert Review.objects.get(pk=draft.pk).income_per_capita == 2_600_000


# ---- round years ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "message"), [
    (2030, "Chưa có chuẩn nghèo áp dụng cho Rà soát định kỳ năm 2030 (chuẩn áp dụng từ ngày 01/01/2031): "
           "kiểm tra lại năm rà soát."),
    (9999, "Năm rà soát phải từ 2021 đến 2100."),
    (2020, "Năm rà soát phải từ 2021 đến 2100."),
    (None, "Năm rà soát phải từ 2021 đến 2100."),
])
def test_a_round_needs_a_year_with_a_poverty_standard(units, users, year, message):
    with pytest.raises(ValidationError) as info:  # xã Tân Yên: thị trấn Cao Thượng takes no round after 2025
        round_create(actor=users["xatanyen"], commune=units["07339@2025"], year=year)
    assert info.value.message_dict == {"year": [message]}
    assert not ReviewRound.objects.exists()
    assert not AuditEvent.objects.filter(action="round.create").exists()


def test_a_regular_round_of_2030_has_its_standard(units, users):
    review_round = round_create(actor=users["xatanyen"], commune=units["07339@2025"], year=2030,
                                kind=RoundKind.REGULAR, month=6)
    assert review_round.standard_date() == datetime.date(2030, 6, 15)


# ---- closed rounds: results go into a regular review -----------------------------------------------------------

def test_a_locked_round_takes_no_new_results(household, make_household, make_round, officer, leader, indicators):
    round_2024 = make_round(2024)
    old = review_create(actor=officer, household=household, round=round_2024, income_per_capita=1_000_000,
                        deprivations=indicators(2024, "1"))
    recognised(old, officer, leader)
    newcomer = make_household("HS-NEW")
    assert list(selectors.open_rounds_for(newcomer)) == [round_2024]
    round_lock(actor=officer, round=round_2024)
    assert round_2024.locked_at is not None and round_2024.locked_by == officer
    assert not round_2024.accepts_results()
    assert list(selectors.open_rounds_for(newcomer)) == []  # "Ghi kết quả" is not offered
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=newcomer, round=round_2024, income_per_capita=900_000)
    assert info.value.message_dict["round"] == [
        "Đợt rà soát này đã khóa sổ hoặc đã có danh sách năm sau được công nhận: không ghi thêm kết quả; "
        "hãy ghi trong một đợt rà soát thường xuyên."]
    assert Review.objects.filter(household=newcomer).count() == 0
    # the way in: a regular review of a later month
    regular = make_round(2025, kind=RoundKind.REGULAR, month=3)
    assert list(selectors.open_rounds_for(newcomer)) == [regular]
    review = review_create(actor=officer, household=newcomer, round=regular, income_per_capita=900_000)
    assert review.round == regular


def test_a_round_superseded_by_a_later_recognised_list_takes_no_new_results(household, make_household, make_round,
                                                                           officer, leader, indicators):
    """The 2023 list, never locked, closes once the 2024 periodic list has a recognised result."""
    round_2023, round_2024 = make_round(2023), make_round(2024)
    newcomer = make_household("HS-NEW")
    review = review_create(actor=officer, household=household, round=round_2024, income_per_capita=1_000_000)
    submitted(review, officer)
    assert round_2023.accepts_results()  # a submitted 2024 result does not replace the 2023 list yet
    review_recognise(actor=leader, review=review, decision_number="7/QĐ", decision_date=datetime.date(2024, 12, 20))
    assert (round_2023.accepts_results(), round_2024.accepts_results()) == (False, True)
    assert list(selectors.open_rounds_for(newcomer)) == [round_2024]
    with pytest.raises(ValidationError):
        review_create(actor=officer, household=newcomer, round=round_2023, income_per_capita=1)
    assert Review.objects.filter(household=newcomer).count() == 0


def test_recognising_every_result_does_not_close_the_round(household, make_household, round_2025, officer, leader):
    """A commune may recognise its list in several decisions within the period."""
    recognised(review_create(actor=officer, household=household, round=round_2025, income_per_capita=1), officer,
               leader)
    assert round_2025.accepts_results()
    later = review_create(actor=officer, household=make_household("HS-002"), round=round_2025, income_per_capita=1)
    assert later.state == ReviewState.DRAFT


# ---- locking ---------------------------------------------------------------------------------------------------

def test_lock_raises_the_versions_and_audits_each_review(make_household, round_2025, officer, leader):
    reviews = [review_create(actor=officer, household=make_household(f"HS-{n}"), round=round_2025,
                             income_per_capita=1_000_000) for n in range(3)]
    for review in reviews[:2]:
        recognised(review, officer, leader)
    before = dict(Review.objects.values_list("pk", "version"))
    assert round_lock(actor=officer, round=round_2025, leave_open=[reviews[2].pk]) == 2
    after = dict(Review.objects.values_list("pk", "version"))
    assert after == {reviews[0].pk: before[reviews[0].pk] + 1, reviews[1].pk: before[reviews[1].pk] + 1,
                     reviews[2].pk: before[reviews[2].pk]}
    events = AuditEvent.objects.filter(action="review.lock").order_by("object_id")
    assert [(e.object_id, e.before, e.after) for e in events] == [
        (str(r.pk), {"state": "recognised", "version": before[r.pk]}, {"state": "locked", "version": before[r.pk] + 1})
        for r in sorted(reviews[:2], key=lambda r: str(r.pk))]
    assert {e.actor for e in events} == {officer}
    round_event = AuditEvent.objects.get(action="round.lock")
    assert round_event.after == {"locked": 2, "left_open": [reviews[2].pk], "already_locked": False}
    assert Review.objects.get(pk=reviews[2].pk).state == ReviewState.DRAFT  # left as it was


def test_lock_refuses_open_reviews_it_was_not_told_about(make_household, round_2025, officer, leader):
    done = recognised(review_create(actor=officer, household=make_household("HS-1"), round=round_2025,
                                    income_per_capita=1), officer, leader)
    seen = review_create(actor=officer, household=make_household("HS-2"), round=round_2025, income_per_capita=1)
    unseen = review_create(actor=officer, household=make_household("HS-3"), round=round_2025, income_per_capita=1)
    submitted(unseen, officer)
    for leave_open in ((), [seen.pk]):
        with pytest.raises(ValidationError) as info:
            round_lock(actor=officer, round=round_2025, leave_open=leave_open)
        assert "leave_open" in info.value.message_dict
    assert info.value.message_dict["leave_open"] == [
        "Đợt còn 1 kết quả chưa công nhận chưa được xác nhận để lại; hãy xem lại danh sách rồi khóa sổ."]
    assert Review.objects.get(pk=done.pk).state == ReviewState.RECOGNISED
    assert not AuditEvent.objects.filter(action__in=["round.lock", "review.lock"]).exists()
    assert ReviewRound.objects.get(pk=round_2025.pk).locked_at is None
    assert round_lock(actor=officer, round=round_2025, leave_open=[seen.pk, unseen.pk]) == 1


def test_only_the_communes_officer_locks(round_2025, users):
    for refused in (users["caothuong_ld"], users["tanyen"], users["caoxa"]):
        with pytest.raises(PermissionDenied):
            round_lock(actor=refused, round=round_2025)
    assert ReviewRound.objects.get(pk=round_2025.pk).locked_at is None
