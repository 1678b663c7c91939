"""Every core view: anonymous → login, in scope → the expected content, out of scope → 404."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from povertyplan.models import AuditEvent, Officer, Role
from tests.conftest import make_officer


def test_anonymous_is_sent_to_login_everywhere(client, units):
    town = units["07339"]
    officer = Officer.objects.get(user__username="caothuong")
    for url in [reverse("home"), reverse("unit_detail", args=[town.pk]), reverse("audit_list"),
                reverse("officer_list"), reverse("officer_create"), reverse("password_change")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/?next="), url
    response = client.post(reverse("officer_deactivate", args=[officer.pk]), {"reason": "x"})
    assert response["Location"].startswith("/login/")
    assert get_user_model().objects.get(username="caothuong").is_active


def test_home_shows_the_officers_commune_and_its_groups(client_for, users, django_assert_num_queries):
    client = client_for(users["caothuong"])
    # session, user, officer with unit, children with their counts, latest recognised year (none here),
    # the round panel's rounds taking results (none), the issued plans of the home panels (none here: nothing more
    # is read), the dashboard panel's year (none), the households' open requests (households/home.py)
    with django_assert_num_queries(9):
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert "<h1 class=\"h3\">Thị trấn Cao Thượng</h1>" in html
    assert html.count("Tổ dân phố</td>") == 26
    assert "Hoà Sơn" in html and "Xã Cao Xá" not in html
    assert "Nguyễn Thị Hoa · Thị trấn Cao Thượng" in html


def test_supervisor_home_lists_the_districts_communes(client_for, users):
    html = client_for(users["tanyen"]).get(reverse("home")).content.decode()
    assert "Huyện Tân Yên" in html and "Thị trấn Cao Thượng" in html and "Xã Cao Xá" in html
    assert "Hoà Sơn" not in html  # only direct children


def test_administrator_home_lists_provinces(client_for, users):
    html = client_for(users["admin"]).get(reverse("home")).content.decode()
    assert "Toàn quốc" in html and "Tỉnh Bắc Giang" in html and "Tỉnh Bắc Ninh" in html


def test_user_without_officer_record_is_refused(client_for, db):
    user = get_user_model().objects.create_user("stranger", password="x")
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode()


def test_unit_detail_in_scope_and_out_of_scope(client_for, units, users):
    group = units["07339-01"]
    client = client_for(users["caothuong"])
    html = client.get(reverse("unit_detail", args=[group.pk])).content.decode()
    assert "Tổ dân phố Hoà Sơn" in html and "07339-01" in html
    assert f'href="/units/{units["07339"].pk}/">Thị trấn Cao Thượng</a>' in html  # breadcrumb stops at scope
    assert "Huyện Tân Yên</a>" not in html
    for outsider in (units["07336"], units["07336-01"], units["216"], units["24@2025"]):
        assert client.get(reverse("unit_detail", args=[outsider.pk])).status_code == 404
    assert client.get("/units/999999/").status_code == 404


def test_unit_detail_shows_the_merger(client_for, units, users):
    html = client_for(users["tanyen"]).get(reverse("unit_detail", args=[units["07339"].pk])).content.decode()
    assert "Sáp nhập vào" in html and "Xã Tân Yên (07339), từ 01/07/2025" in html
    assert "đến 30/06/2025" in html


def test_supervisor_sees_both_communes_and_not_the_new_province(client_for, units, users):
    client = client_for(users["tanyen"])
    response = client.get(reverse("unit_detail", args=[units["07336-02"].pk]))
    assert response.context["unit"] == units["07336-02"] and units["07336-02"].name in response.content.decode()
    assert client.get(reverse("unit_detail", args=[units["24@2025"].pk])).status_code == 404


def _event(unit, action="household.update", actor=None):
    return AuditEvent.objects.create(action=action, object_type="households.household", object_id="1",
                                     object_repr="Hộ ông A", unit=unit, actor=actor)


def test_audit_list_is_for_supervisors_and_scoped(client_for, units, users, django_assert_num_queries):
    _event(units["07339-01"], actor=users["caothuong"])
    _event(units["07336"], action="review.submit", actor=users["caoxa"])
    _event(units["07339@2025"], action="outside.event")
    assert client_for(users["caothuong"]).get(reverse("audit_list")).status_code == 403
    client = client_for(users["tanyen"])
    html = client.get(reverse("audit_list")).content.decode()
    assert "Sửa thông tin hộ" in html and "Gửi kết quả rà soát để công nhận" in html and "Outside event" not in html
    assert "Nguyễn Thị Hoa" in html

    filtered = client.get(reverse("audit_list"), {"actor": users["caoxa"].pk}).content.decode()
    assert "Gửi kết quả rà soát để công nhận" in filtered and "Sửa thông tin hộ" not in filtered
    by_unit = client.get(reverse("audit_list"), {"unit": units["07339"].pk}).content.decode()
    assert "Sửa thông tin hộ" in by_unit and "Gửi kết quả rà soát để công nhận" not in by_unit


def test_audit_list_query_count_does_not_grow(client_for, units, users, django_assert_num_queries):
    client = client_for(users["tanyen"])
    for _ in range(3):
        _event(units["07339-01"], actor=users["caothuong"])
    with django_assert_num_queries(8) as few:
        client.get(reverse("audit_list"))
    for _ in range(40):
        _event(units["07339-02"], actor=users["caoxa"])
    with django_assert_num_queries(len(few)):
        html = client.get(reverse("audit_list")).content.decode()
    assert "Trang 1/1" not in html and "44 sự kiện" in html  # 43 and the supervisor's own login


def test_audit_list_bad_dates_get_a_message_not_an_error(client_for, users):
    response = client_for(users["tanyen"]).get(reverse("audit_list"), {"date_from": "31/02/2025", "date_to": "hôm qua"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"date_from": ["Nhập một ngày hợp lệ."], "date_to": ["Nhập một ngày hợp lệ."]}
    assert "Nhập một ngày hợp lệ." in response.content.decode()


def test_officer_list_is_scoped(client_for, units, users, django_assert_num_queries):
    make_officer("bacninh2", Role.SUPERVISOR, units["24@2025"])
    assert client_for(users["caothuong"]).get(reverse("officer_list")).status_code == 403
    client = client_for(users["tanyen"])
    with django_assert_num_queries(5):
        html = client.get(reverse("officer_list")).content.decode()
    assert "caothuong" in html and "caoxa" in html and "tanyen" in html
    assert "bacninh" not in html and ">admin<" not in html


def test_supervisor_creates_a_commune_officer_in_scope(client_for, units, users):
    client = client_for(users["tanyen"])
    response = client.post(reverse("officer_create"), {
        "username": "vhxh2", "full_name": "Đỗ Thị Lan", "email": "", "role": Role.COMMUNE,
        "unit": units["07339"].pk, "password": "mat-khau-rat-dai-2024", "position": "Công chức LĐTBXH"})
    assert response.status_code == 302
    officer = Officer.objects.select_related("user").get(user__username="vhxh2")
    assert officer.unit == units["07339"] and officer.role == Role.COMMUNE
    assert (officer.user.last_name, officer.user.first_name) == ("Đỗ Thị", "Lan")
    event = AuditEvent.objects.get(action="officer.create")
    assert event.actor == users["tanyen"] and event.unit == units["07339"]
    assert officer.user.check_password("mat-khau-rat-dai-2024")


@pytest.mark.parametrize("change, field, message", [
    ({"unit": "OUTSIDE"}, "unit", "Hãy chọn một lựa chọn hợp lệ"),
    ({"unit": "VILLAGE"}, "unit", "Hãy chọn một lựa chọn hợp lệ"),
    ({"role": Role.ADMINISTRATOR}, "role", "Hãy chọn một lựa chọn hợp lệ"),
    ({"username": "caoxa"}, "username", "Tên đăng nhập này đã có người dùng."),
    ({"password": "123"}, "password", "Mật khẩu này quá ngắn"),
    ({"unit": ""}, "unit", "Cần chọn đơn vị cho vai trò này."),
])
def test_officer_create_rejects_bad_input_and_saves_nothing(client_for, units, users, change, field, message):
    data = {"username": "moi", "full_name": "Lê Văn Tâm", "role": Role.COMMUNE, "unit": units["07339"].pk,
            "password": "mat-khau-rat-dai-2024"}
    data.update(change)
    data["unit"] = {"OUTSIDE": units["07339@2025"].pk, "VILLAGE": units["07339-01"].pk}.get(data["unit"], data["unit"])
    count = Officer.objects.count()
    response = client_for(users["tanyen"]).post(reverse("officer_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    assert Officer.objects.count() == count


def test_supervisor_deactivates_and_reactivates_an_officer(client_for, users):
    officer = Officer.objects.get(user__username="caothuong")
    client = client_for(users["tanyen"])
    client.post(reverse("officer_deactivate", args=[officer.pk]), {"reason": "Chuyển công tác"})
    officer.user.refresh_from_db()
    assert officer.user.is_active is False
    event = AuditEvent.objects.get(action="officer.deactivate")
    assert event.reason == "Chuyển công tác" and event.after == {"is_active": False}
    client.post(reverse("officer_activate", args=[officer.pk]))
    officer.user.refresh_from_db()
    assert officer.user.is_active is True


def test_deactivation_needs_a_reason_and_scope(client_for, units, users):
    officer = Officer.objects.get(user__username="caothuong")
    client = client_for(users["tanyen"])
    response = client.post(reverse("officer_deactivate", args=[officer.pk]), {"reason": ""}, follow=True)
    assert "Cần ghi lý do khóa tài khoản." in response.content.decode()
    outsider = Officer.objects.get(user=make_officer("bacninh2", Role.SUPERVISOR, units["24@2025"]))
    assert client.post(reverse("officer_deactivate", args=[outsider.pk]), {"reason": "x"}).status_code == 404
    admin_officer = Officer.objects.get(user__username="admin")
    assert client.post(reverse("officer_deactivate", args=[admin_officer.pk]), {"reason": "x"}).status_code == 404
    assert client_for(users["caoxa"]).post(reverse("officer_deactivate", args=[officer.pk]), {"reason": "x"}).status_code == 403
    assert client.get(reverse("officer_deactivate", args=[officer.pk])).status_code == 405
    officer.user.refresh_from_db()
    assert officer.user.is_active


def test_password_change_page(client_for, users):
    user = users["caothuong"]
    client = client_for(user)
    assert "Mật khẩu cũ" in client.get(reverse("password_change")).content.decode()
    response = client.post(reverse("password_change"), {
        "old_password": "povertyplan-demo", "new_password1": "mat-khau-moi-dai-2025", "new_password2": "mat-khau-moi-dai-2025"})
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("mat-khau-moi-dai-2025")
