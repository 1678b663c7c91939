"""Eligibility rules (support.rules) on a hand-counted registry (tests/support/conftest.py), at a date
before and after the 2024 recognitions; and the rule builder's refusals."""
import pytest

from households.models import Household, Member
from support.models import Policy
from support.rules import RuleError, check_rule, rule_q
from tests.support.conftest import AFTER, BEFORE

pytestmark = pytest.mark.django_db


def eligible(code, as_of):
    policy = Policy.objects.get(code=code)
    model = Member if policy.is_personal else Household
    rows = model.objects.filter(rule_q(policy.rule, policy.beneficiary, as_of))
    if policy.is_personal:
        return sorted(m.full_name for m in rows)
    return sorted(h.code for h in rows)


def test_children_under_five_of_poor_and_near_poor_households(registry):
    # before: H1, H2 (4 years old), H4 (poor in 2023), H5; H6 not yet recognised, H3 never
    assert eligible("dinh-duong-duoi-5", BEFORE) == ["Con H1", "Con H2", "Con H4", "Con H5"]
    # after: H2's child turned 5 on 10/01/2025, H4 escaped poverty, H6 became poor
    assert eligible("dinh-duong-duoi-5", AFTER) == ["Con H1", "Con H5", "Con H6"]


def test_information_support_includes_newly_escaped(registry):
    assert eligible("thong-tin", BEFORE) == ["H1", "H2", "H4", "H5"]
    assert eligible("thong-tin", AFTER) == ["H1", "H2", "H4", "H5", "H6"]  # H4 newly escaped


def test_health_insurance_is_per_person_of_poor_and_near_poor(registry):
    assert eligible("bhyt", AFTER) == ["Chủ hộ H1", "Chủ hộ H2", "Chủ hộ H5", "Chủ hộ H6",
                                       "Con H1", "Con H2", "Con H5", "Con H6"]


def test_housing_needs_the_deprivation_of_the_latest_result(registry):
    assert eligible("nha-o-xay-moi", BEFORE) == ["H1", "H4"]          # indicator 7 in 2023
    assert eligible("nha-o-xay-moi", AFTER) == ["H1", "H6"]           # H4's 2024 result has none
    assert eligible("nha-o-sua-chua", AFTER) == ["H1", "H5", "H6"]    # 7 or 8


def test_member_criteria_and_flags_compose(registry):
    rule = {"all": [{"status": ["poor"]}, {"member": {"age_max": 4, "health_insurance": False}}]}
    households = Household.objects.filter(rule_q(rule, "household", AFTER))
    assert sorted(h.code for h in households) == ["H1", "H6"]   # H5's child has a card
    Household.objects.filter(code="H5").update(is_ethnic_minority=True)
    rule = {"all": [{"status": ["poor", "near_poor"]}, {"not": {"flag": "is_ethnic_minority"}}]}
    assert sorted(h.code for h in Household.objects.filter(rule_q(rule, "household", AFTER))) == ["H1", "H2", "H6"]


def test_eligibility_is_one_query(registry, django_assert_num_queries):
    policy = Policy.objects.get(code="nha-o-sua-chua")
    q = rule_q(policy.rule, policy.beneficiary, AFTER)
    with django_assert_num_queries(1):
        assert len(list(Household.objects.filter(q))) == 3


def test_every_seed_policy_has_a_rule_that_evaluates(standards):
    policies = list(Policy.objects.all())
    assert len(policies) == 8
    for policy in policies:
        policy.full_clean()


@pytest.mark.parametrize(("rule", "message"), [
    ({}, "Chưa có điều kiện thụ hưởng."),
    ({"income": {"lt": 1500000}}, "Không có loại điều kiện “income”"),
    ({"status": ["rich"]}, "Tình trạng hộ phải là"),
    ({"all": []}, "“all” cần một danh sách điều kiện không rỗng."),
    ({"flag": "__class__"}, "Đặc điểm hộ phải là một trong"),
    ({"member": {"age_min": 10, "age_max": 4}}, "Tuổi từ (10) lớn hơn tuổi đến (4)."),
    ({"member": {"income": 1}}, "Không có tiêu chí thành viên “income”"),
    ({"status": ["poor"], "flag": "is_meritorious"}, "Mỗi điều kiện phải có đúng một loại"),
    ({"deprivation": "99"}, "Không có chỉ số thiếu hụt mã “99”."),
    ({"not": {"not": {"not": {"not": {"not": {"status": ["poor"]}}}}}}, "Điều kiện lồng nhau quá 5 cấp."),
])
def test_the_rule_builder_refuses_what_it_cannot_evaluate(standards, rule, message):
    with pytest.raises(RuleError) as caught:
        check_rule(rule, "household")
    assert message in caught.value.message


def test_the_admin_form_refuses_a_rule_and_saves_a_good_one(standards, admin_client):
    policy = Policy.objects.get(code="thong-tin")
    url = f"/admin/support/policy/{policy.pk}/change/"
    data = {"code": policy.code, "name": policy.name, "agency_kind": "department", "beneficiary": "household",
            "measure": "household", "period": "year", "rule": '{"status": ["poor"], "income": 1}', "is_active": "on"}
    response = admin_client.post(url, data)
    assert "Mỗi điều kiện phải có đúng một loại" in response.content.decode()
    policy.refresh_from_db()
    assert policy.rule == {"status": ["poor", "near_poor", "newly_escaped"]}
    data["rule"] = '{"status": ["poor"]}'
    assert admin_client.post(url, data).status_code == 302
    policy.refresh_from_db()
    assert policy.rule == {"status": ["poor"]}


@pytest.mark.parametrize("code", ["bhyt", "thong-tin", "nha-o-sua-chua", "dinh-duong-duoi-5"])
def test_the_current_review_shortcut_agrees_with_the_dated_rule(registry, monkeypatch, code):
    """On or after today the status is read from current_review (a join); on earlier dates from the latest
    recognised result by date (a subquery): both give the same lists today."""
    from django.utils import timezone

    import households.status

    today = timezone.localdate()
    shortcut = eligible(code, today)
    monkeypatch.setattr(households.status, "_is_current", lambda as_of: False)
    assert eligible(code, today) == shortcut
    assert shortcut  # every one of these policies has someone eligible today
