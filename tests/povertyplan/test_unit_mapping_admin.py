"""The admin upload page of the old → new arrangement (issue 10 item 1), like the unit list's: all rows or none."""
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from povertyplan.models import AdministrativeUnit, AuditEvent, UnitSuccession
from tests.povertyplan.test_unit_mapping import HEADER, TAN_YEN

BAD_ROW = "07372,Xã Liên Chung,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,99999,Xã Không Có,24,1658/NQ-UBTVQH15,high\n"


def upload(text):
    return SimpleUploadedFile("sap-xep.csv", text.encode("utf-8"))


def test_the_admin_uploads_the_arrangement_all_or_nothing_with_row_and_column_messages(client_for, users, units):
    client = client_for(users["admin"])
    url = reverse("admin:unit_mapping_import")
    assert 'id="mapping-import-link"' in client.get(reverse("admin:povertyplan_administrativeunit_changelist")
                                                    ).content.decode()
    before = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    html = client.post(url, {"file": upload(HEADER + TAN_YEN + BAD_ROW)}).content.decode()
    assert "Tệp có 1 lỗi, chưa nhập dòng nào" in html
    assert "dòng 6, cột G (new_code): không có đơn vị mới mã 99999 còn hiệu lực ngày 01/07/2025" in html
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == before
    assert not AuditEvent.objects.filter(action="unit.mapping_import").exists()
    response = client.post(url, {"file": upload(HEADER + TAN_YEN)}, follow=True)
    assert ("Đã nhập bảng sắp xếp: 2 đơn vị cũ mới tạo, 2 cặp kế thừa mới, 0 cập nhật, 3 không đổi."
            in response.content.decode())
    assert set(units["07339@2025"].predecessors.values_list("code", flat=True)) == {"07339", "07336", "07354", "07363"}
    assert AuditEvent.objects.filter(action="unit.mapping_import", actor=users["admin"]).count() == 1


def test_the_page_is_closed_to_officers_and_to_staff_without_the_right(client_for, users, units):
    url = reverse("admin:unit_mapping_import")
    response = client_for(users["tanyen"]).get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = get_user_model().objects.create_user(username="nhanvien", password="x", is_staff=True)
    assert client_for(staff).get(url).status_code == 403
    assert client_for(staff).post(url, {"file": upload(HEADER + TAN_YEN)}).status_code == 403
    assert not units["07339@2025"].predecessors.filter(code="07354").exists()
