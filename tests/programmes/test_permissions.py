"""Every programmes service checks its actor itself (no actor-less "system" path), and the pages
offer exactly what the services allow: both ask programmes.access."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from povertyplan.models import AuditEvent
from programmes import access, reference, services
from programmes.models import Agency, AgencyKind, Indicator, Plan, Programme, Recipient, Target
from programmes.services import RowChange
from tests.programmes.conftest import version_of


@pytest.fixture
def world(make_plan, units, agencies, users):
    reference.load_indicators()
    plan = make_plan("07339", title="Kế hoạch giảm nghèo năm 2024")
    return {"plan": plan, "units": units, "agency": agencies[("07339", "Đài truyền thanh thị trấn")],
            "programme": Programme.objects.get(code="gnbv-2021-2025"), "poor": Indicator.objects.get(code="ho_ngheo")}


CALLS = {
    "plan_create": lambda w, **actor: services.plan_create(
        **actor, programme=w["programme"], issuing_unit=w["units"]["07339"], year_from=2025, title="Kế hoạch mới"),
    "plan_update": lambda w, **actor: services.plan_update(
        **actor, plan=w["plan"], version=version_of(w["plan"]), title="Đổi tên"),
    "plan_rows_save": lambda w, **actor: services.plan_rows_save(
        **actor, plan=w["plan"], version=version_of(w["plan"]), part="recipients",
        rows=[RowChange(None, {"order": 1, "text": "Lưu: VT."})]),
    "plan_issue": lambda w, **actor: services.plan_issue(
        **actor, plan=w["plan"], version=version_of(w["plan"]), number="9", document_date=datetime.date(2024, 2, 1),
        signer_name="Vũ Ngọc Vân"),
    "plan_copy": lambda w, **actor: services.plan_copy(**actor, plan=w["plan"], year_from=2025),
    "target_set": lambda w, **actor: services.target_set(
        **actor, plan=w["plan"], version=version_of(w["plan"]), unit=w["units"]["07339"], indicator=w["poor"],
        value=Decimal(54)),
    "target_allocate": lambda w, **actor: services.target_allocate(
        **actor, plan=w["plan"], version=version_of(w["plan"]), indicator=w["poor"], parent=w["units"]["07339"],
        values={w["units"]["07339-01"]: (Decimal(4), None)}),
    "agency_create": lambda w, **actor: services.agency_create(
        **actor, unit=w["units"]["07339"], name="Hội Nông dân thị trấn", kind=AgencyKind.FRONT),
    "agency_update": lambda w, **actor: services.agency_update(
        **actor, agency=w["agency"], version=version_of(w["agency"]), short_name="Đài TT"),
}


def state():
    """Everything the services above could write."""
    return (Plan.objects.count(), Plan.objects.aggregate(v=Sum("version"))["v"], Recipient.objects.count(),
            Target.objects.count(), Agency.objects.count(), Agency.objects.aggregate(v=Sum("version"))["v"],
            AuditEvent.objects.count())


@pytest.mark.parametrize("name", CALLS)
def test_every_service_refuses_a_missing_actor(world, name):
    before = state()
    with pytest.raises(TypeError):
        CALLS[name](world)  # no actor argument at all
    with pytest.raises(PermissionDenied):
        CALLS[name](world, actor=None)
    assert state() == before


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("outsider", ["caoxa", "ttyte", "inactive"])
def test_every_service_refuses_an_actor_outside_its_scope(world, users, ttyte, name, outsider):
    actor = {"caoxa": users["caoxa"], "ttyte": ttyte, "inactive": users["caothuong"]}[outsider]
    if outsider == "inactive":
        actor.is_active = False
        actor.save()
    before = state()
    with pytest.raises(PermissionDenied):
        CALLS[name](world, actor=actor)
    assert state() == before


@pytest.mark.parametrize("name", CALLS)
def test_every_service_accepts_the_units_officer(world, users, name):
    before = state()
    CALLS[name](world, actor=users["caothuong"])
    assert AuditEvent.objects.count() == before[-1] + 1


def test_agency_members_must_be_agency_officers_in_the_actors_scope(world, users, ttyte):
    """ttyte belongs to the district: the town's officer cannot add them (the form does not offer them)."""
    with pytest.raises(ValidationError) as error:
        services.agency_update(actor=users["caothuong"], agency=world["agency"], version=1, members=[ttyte])
    assert error.value.message_dict["members"] == [
        "Chỉ chọn được tài khoản cán bộ cơ quan, đơn vị trong địa bàn của bạn."]
    assert not world["agency"].members.exists()
    services.agency_update(actor=users["tanyen"], agency=world["agency"], version=1, members=[ttyte])
    assert list(world["agency"].members.all()) == [ttyte]


def _offers_editing(client, plan):
    body = client.get(f"/programmes/plans/{plan.pk}/").content.decode()
    return f"/programmes/plans/{plan.pk}/edit/header/" in body


@pytest.mark.parametrize("who, issued", [("caothuong", False), ("tanyen", False), ("ttyte", False),
                                         ("caothuong", True), ("tanyen", True)])
def test_the_pages_offer_exactly_what_the_services_allow(client_for, users, ttyte, district_plan, who, issued):
    user = ttyte if who == "ttyte" else users[who]
    plan = district_plan if who != "caothuong" else Plan.objects.create(
        programme=district_plan.programme, issuing_unit=users["caothuong"].officer.unit, year_from=2024,
        year_to=2024, title="Kế hoạch của thị trấn", issuing_body="UBND", place="Cao Thượng")
    if issued:
        services.plan_issue(actor=user, plan=plan, version=version_of(plan), number="",
                            document_date=datetime.date(2024, 1, 25), signer_name="Vũ Ngọc Vân")
    plan.refresh_from_db()
    allowed = access.plan_can_edit(user, plan)
    assert allowed == (who != "ttyte" and not issued)
    client = client_for(user)
    assert _offers_editing(client, plan) == allowed
    assert client.get(f"/programmes/plans/{plan.pk}/edit/header/").status_code == (200 if allowed else 403)
    try:
        services.plan_update(actor=user, plan=plan, version=version_of(plan), introduction="Thử quyền.")
        accepted = True
    except (PermissionDenied, services.PlanLocked):
        accepted = False
    assert accepted == allowed
