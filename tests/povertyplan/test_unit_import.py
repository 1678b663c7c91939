from pathlib import Path

import pytest
from openpyxl import Workbook

from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import AdministrativeUnit, AuditEvent
from povertyplan.services import units_import

SHARED_UNITS = Path(__file__).parent.parent / "data" / "units" / "units-2025-07-01.csv"  # copy of ../shared/data


def csv_file(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("units.csv", text.encode("utf-8"))


def xlsx_file(rows):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("units.xlsx", buffer.getvalue())


HEADER = "code,name,kind,parent_code,area\n"


@pytest.mark.django_db
def test_csv_import_creates_tree_and_is_idempotent():
    text = HEADER + "01,Thành phố Hà Nội,thành phố,,\n00070,Phường Hoàn Kiếm,phường,01,urban\n00070-01,Tổ 1,tổ dân phố,00070,\n"
    result = units_import(actor=None, file=csv_file(text))
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    group = AdministrativeUnit.objects.get(code="00070-01")
    assert group.parent.code == "00070" and group.area == "urban"
    assert group.path.startswith(AdministrativeUnit.objects.get(code="01").path)
    events = AuditEvent.objects.filter(action="unit.import").count()
    again = units_import(actor=None, file=csv_file(text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.filter(action="unit.import").count() == events == 1  # nothing changed: no event
    assert AdministrativeUnit.objects.count() == 3


@pytest.mark.django_db
def test_bad_file_lists_every_error_with_row_and_column_and_saves_nothing():
    text = HEADER + (
        "01,Thành phố Hà Nội,thành phố,,\n"          # row 2: fine
        "00070,Phường Hoàn Kiếm,phường,99,urban\n"   # row 3: unknown parent
        "00070,Phường Trùng,phường,01,urban\n"       # row 4: duplicate code
        "00100,Xã Lạ,làng xã,01,\n"                  # row 5: bad kind
        "A,Thôn A,thôn,B,\n"                         # row 6: cycle A → B → A
        "B,Thôn B,thôn,A,\n"                         # row 7
        "00200,Tỉnh Con,tỉnh,01,\n"                  # row 8: a province under a city
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ImportFailed) as failure:
        units_import(actor=None, file=csv_file(text))
    messages = [str(e) for e in failure.value.errors]
    assert "dòng 3, cột D (parent_code): không tìm thấy đơn vị cha có mã 99." in messages
    assert "dòng 4, cột A (code): mã 00070 trùng với dòng 3." in messages
    assert any(m.startswith("dòng 5, cột C (kind): loại đơn vị “làng xã” không hợp lệ") for m in messages)
    assert any(m.startswith("dòng 6, cột D (parent_code): quan hệ trực thuộc tạo thành vòng lặp") for m in messages)
    assert any(m.startswith("dòng 7, cột D (parent_code): quan hệ trực thuộc tạo thành vòng lặp") for m in messages)
    assert "dòng 8, cột C (kind): Tỉnh không thể trực thuộc Thành phố (mã 01)." in messages
    assert AdministrativeUnit.objects.count() == 0
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_xlsx_import_and_missing_column():
    ok = xlsx_file([["code", "name", "kind", "parent_code", "area"], ["24", "Tỉnh Bắc Ninh", "Tỉnh", None, None],
                    ["07339", "Xã Tân Yên", "Xã", "24", "rural"]])
    assert units_import(actor=None, file=ok).created == 2
    missing = xlsx_file([["code", "name", "parent_code"], ["25", "Tỉnh Phú Thọ", None]])
    with pytest.raises(ImportFailed) as failure:
        units_import(actor=None, file=missing)
    assert [str(e) for e in failure.value.errors] == ["Trang tính Sheet, dòng 1, cột kind: thiếu cột “kind” ở dòng tiêu đề."]


@pytest.mark.django_db
def test_not_a_spreadsheet_is_rejected_cleanly():
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ImportFailed) as failure:
        units_import(actor=None, file=SimpleUploadedFile("units.xlsx", b"PK\x03\x04 broken"))
    assert "Không đọc được tệp Excel" in str(failure.value)


@pytest.mark.django_db
def test_new_open_unit_cannot_take_an_open_code(units):
    text = "code,name,kind,parent_code,area,valid_from\n07339,Xã Khác,xã,24,rural,01/01/2026\n"
    with pytest.raises(ImportFailed) as failure:
        units_import(actor=None, file=csv_file(text))
    assert str(failure.value.errors[0]).startswith("dòng 2, cột code: mã 07339 đang là mã của một đơn vị còn hiệu lực")


@pytest.mark.django_db
def test_official_2025_list_imports_whole(django_assert_max_num_queries):
    with SHARED_UNITS.open("rb") as handle, django_assert_max_num_queries(120):
        result = units_import(actor=None, file=handle, filename=SHARED_UNITS.name)
    assert result.created == 3355
    assert AdministrativeUnit.objects.filter(parent__isnull=True).count() == 34
    bac_ninh = AdministrativeUnit.objects.get(code="24")
    communes = AdministrativeUnit.objects.subtree(bac_ninh).exclude(pk=bac_ninh.pk)
    assert communes.filter(code="07339", name="Xã Tân Yên").exists()
    wards = AdministrativeUnit.objects.filter(kind="phuong")
    assert wards.count() == 687 and wards.exclude(area="urban").count() == 0


@pytest.mark.django_db
def test_import_units_command(tmp_path):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,kind,parent_code\n01,Hà Nội,thủ đô,\n", encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("import_units", str(bad))
    assert "Tệp có 1 lỗi, chưa nhập dòng nào" in str(failure.value) and "dòng 2, cột C (kind)" in str(failure.value)
    good = tmp_path / "good.csv"
    good.write_text("code,name,kind,parent_code\n01,Thành phố Hà Nội,thành phố,\n", encoding="utf-8")
    import io

    out = io.StringIO()
    call_command("import_units", str(good), "--valid-from", "01/07/2025", stdout=out)
    assert "1 mới" in out.getvalue()
    assert str(AdministrativeUnit.objects.get(code="01").valid_from) == "2025-07-01"
