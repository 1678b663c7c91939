"""The review workflow through its services: every transition and the moves it forbids."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from households.models import Household, Review, ReviewState, RoundKind
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


def recognised(review, officer):
    review_submit(actor=officer, review=review)
    return review_recognise(actor=officer, review=review, decision_number="125/QĐ-UBND", decision_date=DECIDED)


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
    make_round(2023, commune="07339")  # another commune has its own rounds
    with pytest.raises(PermissionDenied):
        round_create(actor=users["caothuong"], commune=units["07339"], year=2024)
    with pytest.raises(ValidationError):
        round_create(actor=users["caothuong"], commune=units["07297-01"], year=2024)


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


def test_the_2026_round_uses_the_2027_2030_lines(household, make_round, officer, indicators):
    # 2.500.000 is above the 2026 urban line (2.000.000) but under the 2027 one (2.800.000)
    review = review_create(actor=officer, household=household, round=make_round(2026), income_per_capita=2_500_000,
                           deprivations=indicators(2026, "1", "2", "3"))
    assert (review.standard.code, review.classification) == ("2027-2030", "poor")


def test_create_refuses_foreign_indicators_rounds_and_duplicates(household, round_2025, make_round, officer, indicators,
                                                                 draft):
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=round_2025, income_per_capita=1)
    assert info.value.message_dict["round"] == ["Hộ đã có kết quả rà soát trong đợt này."]
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=make_round(2026), income_per_capita=1,
                      deprivations=indicators(2025, "1"))
    assert "Chỉ số thiếu hụt không thuộc" in info.value.message_dict["deprivations"][0]
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=make_round(2025, commune="07339"), income_per_capita=1)
    assert info.value.message_dict["round"] == ["Đợt rà soát không phải của xã có hộ này."]
    with pytest.raises(ValidationError) as info:
        review_create(actor=officer, household=household, round=make_round(2024), income_per_capita=1, causes=["lazy"])
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


def test_recognise_records_the_decision_and_the_status(draft, officer, household):
    review = recognised(draft, officer)
    assert review.state == ReviewState.RECOGNISED
    assert (review.decision_number, review.decision_date) == ("125/QĐ-UBND", DECIDED)
    household.refresh_from_db()
    assert household.current_review_id == review.pk
    assert Review.objects.get(pk=review.pk).change == "newly_poor"


def test_recognise_needs_a_submitted_review_and_a_valid_decision(draft, officer):
    with pytest.raises(ValidationError) as info:
        review_recognise(actor=officer, review=draft, decision_number="1/QĐ", decision_date=DECIDED)
    assert info.value.messages == ["Chỉ công nhận được kết quả đã gửi."]
    submitted(draft, officer)
    with pytest.raises(ValidationError) as info:
        review_recognise(actor=officer, review=draft, decision_number=" ", decision_date=datetime.date(2099, 1, 1))
    assert info.value.message_dict == {"decision_number": ["Cần ghi số quyết định công nhận."],
                                       "decision_date": ["Ngày quyết định không được sau hôm nay."]}
    assert Review.objects.get(pk=draft.pk).state == ReviewState.SUBMITTED


def test_a_recognised_review_is_read_only(draft, officer, indicators):
    review = recognised(draft, officer)
    with pytest.raises(ValidationError) as info:
        review_update(actor=officer, review=review, version=review.version, income_per_capita=5_000_000,
                      deprivations=[])
    assert info.value.messages == ["Kết quả rà soát ở trạng thái “Đã công nhận” không sửa được."]
    with pytest.raises(ValidationError):
        review_submit(actor=officer, review=review)
    assert Review.objects.get(pk=review.pk).income_per_capita == 1_800_000


def test_only_the_communes_officer_recognises(draft, users, units):
    review = submitted(draft, users["caothuong"])
    for outsider in (users["caoxa"], users["tanyen"], users["admin"]):
        with pytest.raises(PermissionDenied):
            review_recognise(actor=outsider, review=review, decision_number="9/QĐ", decision_date=DECIDED)
    with pytest.raises(PermissionDenied):
        review_submit(actor=users["caoxa"], review=review)
    assert Review.objects.get(pk=review.pk).state == ReviewState.SUBMITTED


def test_supervisor_of_an_ancestor_returns_with_a_reason_then_the_commune_resubmits(draft, users, units, indicators):
    officer, supervisor = users["caothuong"], users["tanyen"]
    submitted(draft, officer)
    elsewhere = make_officer("bacninh", Role.SUPERVISOR, units["24@2025"])
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


def test_reopen_is_audited_with_a_reason_and_clears_the_status(draft, officer, household):
    review = recognised(draft, officer)
    with pytest.raises(ValidationError):
        review_reopen(actor=officer, review=review, reason="")
    review = review_reopen(actor=officer, review=review, reason="Hộ khiếu nại, rà soát lại thu nhập")
    assert (review.state, review.decision_number, review.decision_date) == (ReviewState.DRAFT, "", None)
    event = AuditEvent.objects.get(action="review.reopen")
    assert event.reason == "Hộ khiếu nại, rà soát lại thu nhập"
    assert event.before["state"] == "recognised" and event.before["decision_number"] == "125/QĐ-UBND"
    household.refresh_from_db()
    assert household.current_review_id is None
    assert Review.objects.get(pk=review.pk).change == ""
    with pytest.raises(ValidationError):
        review_reopen(actor=officer, review=review, reason="again")  # a draft is not recognised


def test_locked_reviews_are_reopened_by_a_supervisor_only(draft, officer, users, round_2025):
    recognised(draft, officer)
    assert round_lock(actor=officer, round=round_2025) == 1
    review = Review.objects.get(pk=draft.pk)
    assert review.state == ReviewState.LOCKED
    with pytest.raises(PermissionDenied):
        review_reopen(actor=officer, review=review, reason="x")
    with pytest.raises(PermissionDenied):
        review_reopen(actor=users["caoxa"], review=review, reason="x")
    assert review_reopen(actor=users["tanyen"], review=review, reason="Thanh tra phát hiện sai").state == "draft"


def test_round_recognise_takes_every_submitted_review(make_household, round_2025, officer, indicators):
    reviews = []
    for n in range(3):
        household = make_household(f"HS-{n}")
        reviews.append(review_create(actor=officer, household=household, round=round_2025, income_per_capita=1_000_000,
                                     deprivations=indicators(2025, "1")))
    for review in reviews[:2]:
        review_submit(actor=officer, review=review)
    count = round_recognise(actor=officer, round=round_2025, decision_number="200/QĐ-UBND", decision_date=DECIDED)
    assert count == 2
    states = dict(Review.objects.values_list("household__code", "state"))
    assert states == {"HS-0": "recognised", "HS-1": "recognised", "HS-2": "draft"}
    assert Household.objects.filter(current_review__isnull=False).count() == 2


def test_two_officers_editing_one_review_the_second_gets_the_conflict(draft, officer, units, indicators):
    colleague = make_officer("vhxh2", Role.COMMUNE, units["07297"], last_name="Lê Thị", first_name="Mai")
    review_update(actor=colleague, review=draft, version=1, income_per_capita=2_600_000,
                  deprivations=indicators(2025, "1", "4", "7"), causes=["no_capital", "illness"])
    with pytest.raises(VersionConflict) as info:
        review_update(actor=officer, review=draft, version=1, income_per_capita=1_000_000, deprivations=[])
    fields = {(c.who, c.field, c.before, c.after) for c in info.value.changes}
    assert ("Lê Thị Mai", "thu nhập bình quân (đồng/người/tháng)", 1_800_000, 2_600_000) in fields
    assert ("Lê Thị Mai", "kết quả phân loại", "poor", "average") in fields
    assert Review.objects.get(pk=draft.pk).income_per_capita == 2_600_000
