"""The guided rule builder of the policy form (Django admin): it writes the rules' JSON grammar, shows the
current rule when editing, and refuses what cannot be evaluated with a message at the field."""
import pytest

from support.models import Policy

pytestmark = pytest.mark.django_db
BASE = {"agency_kind": "service", "beneficiary": "person", "measure": "person", "period": "year", "is_active": "on"}


def url(policy):
    return f"/admin/support/policy/{policy.pk}/change/"


def post_data(policy, **fields):
    return {"code": policy.code, "name": policy.name, **BASE, "rule": "", **fields}


def test_editing_shows_the_current_rule_in_the_builder(standards, admin_client):
    form = admin_client.get(url(Policy.objects.get(code="dinh-duong-duoi-5"))).context["adminform"].form
    assert {k: form.initial.get(k) for k in ("statuses", "age_max", "age_min", "deprivations")} == {
        "statuses": ["poor", "near_poor"], "age_max": 4, "age_min": None, "deprivations": None}
    housing = admin_client.get(url(Policy.objects.get(code="nha-o-sua-chua"))).context["adminform"].form
    assert (housing.initial["statuses"], housing.initial["deprivations"]) == (["poor", "near_poor"], ["7", "8"])


def test_the_builder_writes_the_rule_grammar(standards, admin_client):
    policy = Policy.objects.get(code="dinh-duong-duoi-5")
    data = post_data(policy, statuses=["poor", "newly_escaped"], flags=["is_ethnic_minority"], deprivations=["7"],
                     age_min="6", age_max="14", schooling=["attending"], health_insurance="no")
    response = admin_client.post(url(policy), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    policy.refresh_from_db()
    assert policy.rule == {"all": [{"status": ["poor", "newly_escaped"]}, {"flag": "is_ethnic_minority"},
                                   {"deprivation": "7"},
                                   {"member": {"age_min": 6, "age_max": 14, "schooling": ["attending"],
                                               "health_insurance": False}}]}
    form = admin_client.get(url(policy)).context["adminform"].form  # and it reads back
    assert (form.initial["age_min"], form.initial["health_insurance"], form.initial["flags"]) == (
        6, "no", ["is_ethnic_minority"])


def test_the_builder_refuses_an_age_range_upside_down(standards, admin_client):
    policy = Policy.objects.get(code="dinh-duong-duoi-5")
    response = admin_client.post(url(policy), post_data(policy, statuses=["poor"], age_min="10", age_max="4"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["age_max"] == ["Tuổi đến (4) nhỏ hơn tuổi từ (10)."]
    assert "Tuổi đến (4) nhỏ hơn tuổi từ (10)." in response.content.decode()
    policy.refresh_from_db()
    assert policy.rule == {"all": [{"status": ["poor", "near_poor"]}, {"member": {"age_max": 4}}]}


def test_an_age_beyond_the_grammar_is_refused_at_its_field(standards, admin_client):
    policy = Policy.objects.get(code="dinh-duong-duoi-5")
    response = admin_client.post(url(policy), post_data(policy, statuses=["poor"], age_max="200"))
    assert "age_max" in response.context["adminform"].form.errors
    policy.refresh_from_db()
    assert policy.rule["all"][1] == {"member": {"age_max": 4}}


def test_nothing_chosen_and_no_json_is_refused(standards, admin_client):
    policy = Policy.objects.get(code="bhyt")
    response = admin_client.post(url(policy), post_data(policy))
    assert response.context["adminform"].form.errors["rule"] == ["Chưa có điều kiện thụ hưởng."]
    policy.refresh_from_db()
    assert policy.rule == {"status": ["poor", "near_poor"]}


def test_a_rule_of_another_shape_stays_in_the_json_box(standards, admin_client):
    policy = Policy.objects.get(code="bhyt")
    rule = '{"all": [{"status": ["poor"]}, {"not": {"flag": "is_meritorious"}}]}'
    assert admin_client.post(url(policy), post_data(policy, rule=rule)).status_code == 302
    form = admin_client.get(url(policy)).context["adminform"].form
    assert form.initial.get("statuses") is None  # not the builder's shape: shown only as JSON
    assert '"not"' in form["rule"].value()
