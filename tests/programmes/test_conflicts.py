"""Lost updates: two sessions open the same plan (or agency); the second save is refused with what
the first one changed, and nothing of the second is written until it is sent again deliberately."""
import datetime
from decimal import Decimal

import pytest
from django.test import Client

from povertyplan.models import AuditEvent
from programmes import services
from programmes.models import Agency, AgencyKind, Indicator, LegalBasis, Plan, PlanStatus, Target
from programmes.services import RowChange
from programmes.services.conflicts import VersionConflict
from tests.programmes.conftest import formset_post, version_of


@pytest.fixture
def town_plan(make_plan):
    return make_plan("07339", title="Thực hiện chương trình giảm nghèo năm 2024")


@pytest.fixture
def two(users):
    """Two browsers: the town's officer (Nguyễn Thị Hoa) and the district supervisor (Lê Văn Minh)."""
    first, second = Client(), Client()
    first.force_login(users["caothuong"])
    second.force_login(users["tanyen"])
    return first, second


def form_data(form):
    """What the browser would send back for `form` as shown (dates as dd/mm/yyyy)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        data[form.add_prefix(name)] = "" if value is None else value
    return data


def test_second_save_of_a_plan_header_is_refused_and_shows_what_changed(two, town_plan):
    first, second = two
    url = f"/programmes/plans/{town_plan.pk}/edit/header/"
    shown_first, shown_second = form_data(first.get(url).context["form"]), form_data(second.get(url).context["form"])
    assert shown_first["version"] == shown_second["version"] == 1

    assert first.post(url, {**shown_first, "title": "Kế hoạch giảm nghèo bền vững năm 2024"}).status_code == 302
    events = AuditEvent.objects.count()
    response = second.post(url, {**shown_second, "place": "Cao Thượng"})
    body = response.content.decode()
    assert response.status_code == 200 and "Xung đột dữ liệu" in body
    # who, which field, before and after
    assert "Nguyễn Thị Hoa" in body and "Trích yếu (tên kế hoạch)" in body
    assert "Thực hiện chương trình giảm nghèo năm 2024" in body and "Kế hoạch giảm nghèo bền vững năm 2024" in body
    plan = Plan.objects.get(pk=town_plan.pk)
    assert (plan.title, plan.place, plan.version) == ("Kế hoạch giảm nghèo bền vững năm 2024", "Thị trấn Cao Thượng", 2)
    assert AuditEvent.objects.count() == events

    # The refused form now carries the version just shown: sending it again is a deliberate overwrite.
    again = form_data(response.context["form"])
    assert again["version"] == 2 and again["place"] == "Cao Thượng"
    assert second.post(url, again).status_code == 302
    plan.refresh_from_db()
    assert (plan.place, plan.version) == ("Cao Thượng", 3)


def test_a_stale_signature_form_is_refused_too(two, town_plan):
    first, second = two
    url = f"/programmes/plans/{town_plan.pk}/edit/signature/"
    shown_first, shown_second = form_data(first.get(url).context["form"]), form_data(second.get(url).context["form"])
    assert first.post(url, {**shown_first, "signer_name": "Vũ Ngọc Vân"}).status_code == 302
    response = second.post(url, {**shown_second, "signer_name": "Nguyễn Văn Nam"})
    assert "Xung đột dữ liệu" in response.content.decode() and "Vũ Ngọc Vân" in response.content.decode()
    assert Plan.objects.get(pk=town_plan.pk).signer_name == "Vũ Ngọc Vân"


def test_plan_update_with_a_stale_version_lists_the_changes_and_writes_nothing(users, town_plan):
    services.plan_update(actor=users["caothuong"], plan=town_plan, version=1, purpose="- Giảm nghèo.")
    with pytest.raises(VersionConflict) as conflict:
        services.plan_update(actor=users["tanyen"], plan=town_plan, version=1, purpose="- Khác.")
    assert conflict.value.current_version == 2
    assert [(c.who, c.field, c.before, c.after) for c in conflict.value.changes] == [
        ("Nguyễn Thị Hoa", "mục đích", "", "- Giảm nghèo.")]
    assert Plan.objects.get(pk=town_plan.pk).purpose == "- Giảm nghèo."
    with pytest.raises(VersionConflict):  # a form without its version is refused the same way
        services.plan_update(actor=users["tanyen"], plan=town_plan, version=None, purpose="- Khác.")


def test_a_save_that_changes_nothing_keeps_the_version(users, town_plan):
    services.plan_update(actor=users["caothuong"], plan=town_plan, version=1, title=town_plan.title)
    services.plan_rows_save(actor=users["caothuong"], plan=town_plan, version=1, part="recipients", rows=[])
    assert version_of(town_plan) == 1 and not AuditEvent.objects.filter(action__startswith="plan.upd").exists()


def test_second_save_of_a_plan_list_is_refused_and_shows_the_rows_added(two, town_plan):
    first, second = two
    url = f"/programmes/plans/{town_plan.pk}/lists/legal-bases/"
    versions = [c.get(url).context["version_form"]["version"].value() for c in two]
    assert versions == [1, 1]
    first.post(url, {**formset_post([{"text": "Căn cứ Quyết định số 90/QĐ-TTg;"}]), "version": versions[0]})
    response = second.post(url, {**formset_post([{"text": "Căn cứ Nghị quyết của Đảng ủy;"}]),
                                 "version": versions[1]})
    body = response.content.decode()
    assert response.status_code == 200 and "Xung đột dữ liệu" in body
    assert "Căn cứ" in body and "Căn cứ Quyết định số 90/QĐ-TTg;" in body and "Nguyễn Thị Hoa" in body
    assert list(LegalBasis.objects.values_list("text", flat=True)) == ["Căn cứ Quyết định số 90/QĐ-TTg;"]
    # sent again with the version the page now shows: the second basis is added, the first kept
    shown = response.context["version_form"]["version"].value()
    assert shown == 2
    second.post(url, {**formset_post([{"text": "Căn cứ Nghị quyết của Đảng ủy;"}]), "version": shown})
    assert sorted(LegalBasis.objects.values_list("text", flat=True)) == [
        "Căn cứ Nghị quyết của Đảng ủy;", "Căn cứ Quyết định số 90/QĐ-TTg;"]


def test_a_row_deleted_meanwhile_gives_a_message_not_an_error(two, town_plan, users):
    first, second = two
    services.plan_rows_save(actor=users["caothuong"], plan=town_plan, version=1, part="recipients",
                            rows=[RowChange(None, {"order": 1, "text": "Lưu: VT."})])
    row = town_plan.recipients.get()
    url = f"/programmes/plans/{town_plan.pk}/lists/recipients/"
    first.post(url, {**formset_post([{"id": row.pk, "order": 1, "text": row.text, "DELETE": "on"}], 1),
                     "version": 2})
    assert not town_plan.recipients.exists()
    response = second.post(url, {**formset_post([{"id": row.pk, "order": 1, "text": "Lưu: VT, VHXH."}], 1),
                                 "version": 2})
    body = response.content.decode()
    assert response.status_code == 200 and "Xung đột dữ liệu" in body
    assert "Dòng này vừa bị người khác xóa" in body and "Lưu: VT." in body  # the row removed, in the table
    assert not town_plan.recipients.exists()


def test_targets_from_a_stale_page_are_refused(two, town_plan, users):
    from programmes import reference

    reference.load_indicators()
    first, second = two
    poor = Indicator.objects.get(code="ho_ngheo")
    url = f"/reports/plans/{town_plan.pk}/targets/"
    versions = [c.get(url).context["form"]["version"].value() for c in two]
    assert first.post(url, {"indicator": poor.pk, "value": "54", "version": versions[0]}).status_code == 302
    response = second.post(url, {"indicator": poor.pk, "value": "50", "version": versions[1]})
    body = response.content.decode()
    assert "Xung đột dữ liệu" in body and "Chỉ tiêu “Số hộ nghèo” của Thị trấn Cao Thượng" in body
    assert Target.objects.get().value == 54

    allocate = f"{url}{poor.pk}/allocate/"
    stale = form_data(second.get(allocate).context["form"])
    services.target_set(actor=users["caothuong"], plan=town_plan, version=version_of(town_plan),
                        unit=town_plan.issuing_unit.children.order_by("code").first(), indicator=poor, value=Decimal(4))
    response = second.post(allocate, {**stale, next(k for k in stale if k.startswith("value_")): "9"})
    assert "Xung đột dữ liệu" in response.content.decode() and "Tổ dân phố Hoà Sơn" in response.content.decode()
    assert sorted(Target.objects.values_list("value", flat=True)) == [4, 54]


def test_issuing_a_plan_changed_since_the_page_was_read_is_refused(two, town_plan):
    first, second = two
    issue = f"/programmes/plans/{town_plan.pk}/issue/"
    shown = form_data(second.get(issue).context["form"])
    header = f"/programmes/plans/{town_plan.pk}/edit/header/"
    first.post(header, {**form_data(first.get(header).context["form"]), "title": "Tên đã sửa"})
    response = second.post(issue, {**shown, "number": "12", "document_date": "25/01/2024",
                                   "signer_name": "Vũ Ngọc Vân"})
    assert "Xung đột dữ liệu" in response.content.decode() and "Tên đã sửa" in response.content.decode()
    plan = Plan.objects.get(pk=town_plan.pk)
    assert (plan.status, plan.number) == (PlanStatus.DRAFT, "")


def test_second_save_of_an_agency_is_refused_and_shows_what_changed(two, agencies, users):
    first, second = two
    agency = agencies[("07339", "Đài truyền thanh thị trấn")]
    url = f"/programmes/agencies/{agency.pk}/edit/"
    shown_first, shown_second = form_data(first.get(url).context["form"]), form_data(second.get(url).context["form"])
    assert first.post(url, {**shown_first, "short_name": "Đài TT"}).status_code == 302
    response = second.post(url, {**shown_second, "kind": AgencyKind.FRONT})
    body = response.content.decode()
    assert response.status_code == 200 and "Xung đột dữ liệu" in body and "Đài TT" in body
    agency.refresh_from_db()
    assert (agency.short_name, agency.kind, agency.version) == ("Đài TT", AgencyKind.SERVICE, 2)
    with pytest.raises(VersionConflict):
        services.agency_update(actor=users["tanyen"], agency=agency, version=1, kind=AgencyKind.FRONT)
    assert Agency.objects.get(pk=agency.pk).kind == AgencyKind.SERVICE
