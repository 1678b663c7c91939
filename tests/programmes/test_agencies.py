import pytest
from django.core.exceptions import PermissionDenied

from povertyplan.models import AuditEvent, Role
from programmes import services
from programmes.models import Agency, AgencyKind
from tests.conftest import make_officer
from tests.programmes.conftest import version_of


def test_demo_agencies_of_the_district_and_the_town(agencies, ttyte):
    district = {name for code, name in agencies if code == "216"}
    assert {"Phòng Lao động - Thương binh và Xã hội", "Phòng Tài chính - Kế hoạch", "Phòng Kinh tế",
            "Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin", "Trung tâm Y tế", "Phòng Tư pháp",
            "Ngân hàng Chính sách xã hội", "Ủy ban MTTQ huyện", "Ủy ban nhân dân các xã, thị trấn"} <= district
    assert agencies[("216", "Trung tâm Y tế")].full_name == "Trung tâm Y tế huyện Tân Yên"
    assert agencies[("07339", "Ủy ban MTTQ thị trấn")].full_name == "Ủy ban MTTQ thị trấn Cao Thượng"
    assert list(ttyte.agencies.all()) == [agencies[("216", "Trung tâm Y tế")]]
    assert ttyte.officer.role == Role.AGENCY


def test_demo_agencies_load_twice_without_duplicates(agencies, ttyte):
    from programmes import demo

    count = Agency.objects.count()
    demo.load_agencies()
    demo.load_agency_officer()
    assert Agency.objects.count() == count
    assert agencies[("216", "Trung tâm Y tế")].members.count() == 1


def test_agency_list_needs_login(client, agencies):
    response = client.get("/programmes/agencies/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_supervisor_sees_district_and_commune_agencies_commune_officer_only_its_own(client_for, users, agencies):
    body = client_for(users["tanyen"]).get("/programmes/agencies/").content.decode()
    assert "Trung tâm Y tế" in body and "Đài truyền thanh thị trấn" in body
    body = client_for(users["caothuong"]).get("/programmes/agencies/").content.decode()
    assert "Đài truyền thanh thị trấn" in body
    assert "Trung tâm Y tế" not in body and "Ủy ban MTTQ xã" not in body


def test_agency_of_another_commune_is_404(client_for, users, agencies):
    agency = agencies[("07339", "Ủy ban MTTQ thị trấn")]
    assert client_for(users["caoxa"]).get(f"/programmes/agencies/{agency.pk}/edit/").status_code == 404
    response = client_for(users["caothuong"]).get(f"/programmes/agencies/{agency.pk}/edit/")
    assert response.status_code == 200 and "Ủy ban MTTQ thị trấn Cao Thượng" in response.content.decode()


def test_agency_officer_cannot_manage_agencies(client_for, ttyte):
    assert client_for(ttyte).get("/programmes/agencies/").status_code == 403


def test_create_agency_with_a_member_through_the_form(client_for, users, units, agencies):
    officer = make_officer("nhcsxh", Role.AGENCY, units["216"])
    outsider = make_officer("bacgiang", Role.AGENCY, units["24"])
    client = client_for(users["tanyen"])
    form = client.get("/programmes/agencies/new/").content.decode()
    assert "nhcsxh" in form and "bacgiang" not in form  # members: agency officers inside the scope only
    response = client.post("/programmes/agencies/new/", {
        "unit": units["216"].pk, "name": "Hội Liên hiệp Phụ nữ huyện", "short_name": "Hội LHPN",
        "kind": AgencyKind.FRONT, "members": [officer.pk]})
    assert response.status_code == 302
    agency = Agency.objects.get(name="Hội Liên hiệp Phụ nữ huyện")
    assert list(agency.members.all()) == [officer]
    event = AuditEvent.objects.get(action="agency.create", object_id=str(agency.pk))
    assert event.after["members"] == ["nhcsxh"] and event.actor == users["tanyen"]
    assert outsider.agencies.count() == 0


def test_duplicate_agency_name_is_refused_with_a_message(client_for, users, units, agencies):
    count = Agency.objects.count()
    response = client_for(users["tanyen"]).post("/programmes/agencies/new/", {
        "unit": units["216"].pk, "name": "trung tâm y tế", "kind": AgencyKind.SERVICE})
    assert response.status_code == 200
    assert "Đơn vị này đã có cơ quan cùng tên." in response.content.decode()
    assert Agency.objects.count() == count


def test_commune_officer_cannot_create_an_agency_outside_its_scope(users, units):
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=users["caothuong"], unit=units["07336"], name="Hội Nông dân xã",
                               kind=AgencyKind.FRONT)
    assert not Agency.objects.filter(name="Hội Nông dân xã").exists()


def test_agency_update_is_audited(users, agencies):
    agency = agencies[("07339", "Đài truyền thanh thị trấn")]
    services.agency_update(actor=users["caothuong"], agency=agency, version=version_of(agency), short_name="Đài TT")
    event = AuditEvent.objects.get(action="agency.update", object_id=str(agency.pk))
    assert event.before["short_name"] == "Đài truyền thanh" and event.after["short_name"] == "Đài TT"


@pytest.mark.parametrize("extra", [0, 27])
def test_agency_list_query_count_does_not_grow_with_rows(client_for, users, units, agencies, extra,
                                                         django_assert_num_queries):
    for i in range(extra):
        Agency.objects.create(unit=units["07339-01"], name=f"Chi hội {i}", kind=AgencyKind.FRONT)
    client = client_for(users["tanyen"])
    client.get("/programmes/agencies/")  # warm the session
    # session, user, officer, count, page of agencies
    with django_assert_num_queries(5):
        response = client.get("/programmes/agencies/")
    assert response.content.decode().count("/edit/") == min(50, 17 + 2 + extra)
