"""The old → new arrangement of 1 July 2025 (Nghị quyết 16xx/NQ-UBTVQH15): the mapping import and the
carrying of villages to a successor commune."""
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import AdministrativeUnit, AuditEvent, UnitSuccession
from povertyplan.services import unit_mapping_import, units_import, villages_carry

DATA = Path(__file__).parent.parent / "data" / "units"  # copies of ../shared/data
HEADER = ("old_code,old_name,old_district_code,old_district_name,old_province_code,old_province_name,"
          "new_code,new_name,new_province_code,resolution,confidence\n")
TAN_YEN = ("07339,Thị trấn Cao Thượng,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n"
           "07336,Xã Cao Xá,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n"
           "07354,Xã Việt Lập,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n"
           "07363,Xã Ngọc Lý,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n")


def csv_file(text):
    return SimpleUploadedFile("mapping.csv", text.encode("utf-8"))


@pytest.mark.django_db
def test_demo_arrangement_keeps_existing_old_units_and_creates_the_missing_ones(units):
    result = unit_mapping_import(actor=None, file=csv_file(HEADER + TAN_YEN))
    tan_yen = units["07339@2025"]
    assert set(tan_yen.predecessors.values_list("code", flat=True)) == {"07339", "07336", "07354", "07363"}
    # thị trấn Cao Thượng and xã Cao Xá were there (closed 30/06/2025): the same rows, now with the resolution
    succession = UnitSuccession.objects.get(predecessor=units["07339"], successor=tan_yen)
    assert succession.resolution == "1658/NQ-UBTVQH15"
    viet_lap = AdministrativeUnit.objects.get(code="07354")
    assert (viet_lap.parent, viet_lap.valid_to, viet_lap.kind) == (units["216"], datetime.date(2025, 6, 30), "xa")
    assert result.created_units == 2  # xã Việt Lập and xã Ngọc Lý; the town, Cao Xá, the district and province were there
    # the old province goes to the new one (it was already paired by the demo)
    assert units["24@2025"] in units["24"].successors.all()
    again = unit_mapping_import(actor=None, file=csv_file(HEADER + TAN_YEN))
    assert (again.created_units, again.successions, again.updated) == (0, 0, 0)
    assert again.unchanged == 5  # four communes and the province
    assert AuditEvent.objects.filter(action="unit.mapping_import").count() == 2
    # the file is the demo's fixtures/demo/arrangement-2025.csv
    demo_file = Path(__file__).parent.parent.parent / "fixtures" / "demo" / "arrangement-2025.csv"
    assert demo_file.read_text(encoding="utf-8") == HEADER + TAN_YEN


@pytest.mark.django_db
def test_bad_mapping_file_is_rejected_whole_with_row_and_column(units):
    before = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    bad = (HEADER + TAN_YEN
           + "07372,Xã Liên Chung,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,99999,Xã Không Có,24,1658/NQ-UBTVQH15,high\n"
           + "07375,Làng Gì Đó,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,25,1658/NQ-UBTVQH15,high\n"
           + "07336,Xã Cao Xá,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n"
           + "07339,Xã Khác,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n"
           + ",Xã Trống,216,Huyện Tân Yên,24,Tỉnh Bắc Giang,07339,Xã Tân Yên,24,1658/NQ-UBTVQH15,high\n")
    with pytest.raises(ImportFailed) as failed:
        unit_mapping_import(actor=None, file=csv_file(bad))
    messages = [str(e) for e in failed.value.errors]
    assert "dòng 6, cột G (new_code): không có đơn vị mới mã 99999 còn hiệu lực ngày 01/07/2025" in messages[0]
    assert any(m.startswith("dòng 7, cột B (old_name): tên “Làng Gì Đó” không bắt đầu") for m in messages)
    assert any(m.startswith("dòng 7, cột I (new_province_code): Xã Tân Yên (mã 07339) không thuộc tỉnh mã 25")
               for m in messages)
    assert "dòng 8, cột G (new_code): cặp mã cũ 07336 → mã mới 07339 trùng với dòng 3." in messages
    assert any(m.startswith("dòng 9, cột B (old_name): mã 07339 ở dòng 2 là một đơn vị khác") for m in messages)
    assert "dòng 10, cột A (old_code): thiếu mã đơn vị." in messages
    assert "dòng 9, cột G (new_code): cặp mã cũ 07339 → mã mới 07339 trùng với dòng 2." in messages
    assert len(messages) == 7
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == before


@pytest.mark.django_db
def test_missing_columns_are_named():
    with pytest.raises(ImportFailed) as failed:
        unit_mapping_import(actor=None, file=csv_file("old_code,new_code\n07339,07339\n"))
    assert "dòng 1, cột resolution: thiếu cột “resolution” ở dòng tiêu đề." in [str(e) for e in failed.value.errors]


@pytest.mark.django_db
def test_whole_official_arrangement_imports_over_the_official_2025_list(django_assert_max_num_queries):
    with (DATA / "units-2025-07-01.csv").open("rb") as handle:
        units_import(actor=None, file=handle, filename="units-2025-07-01.csv", valid_from=datetime.date(2025, 7, 1))
    with (DATA / "communes-2025-07-01-old-to-new.csv").open("rb") as handle, django_assert_max_num_queries(200):
        result = unit_mapping_import(actor=None, file=handle, filename="communes-2025-07-01-old-to-new.csv")
    old_communes = AdministrativeUnit.objects.filter(valid_to=datetime.date(2025, 6, 30), kind__in=["xa", "phuong", "thi_tran"])
    assert old_communes.count() == 10047
    assert AdministrativeUnit.objects.filter(valid_to__isnull=False, parent__isnull=True).count() == 63
    commune_pairs = UnitSuccession.objects.filter(successor__parent__isnull=False)
    assert commune_pairs.count() == 10599
    assert result.successions == 10599 + UnitSuccession.objects.filter(successor__parent__isnull=True).count()
    tan_yen = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=True)
    assert sorted(tan_yen.predecessors.values_list("name", flat=True)) == [
        "Thị trấn Cao Thượng", "Xã Cao Xá", "Xã Ngọc Lý", "Xã Việt Lập"]
    cao_thuong = tan_yen.predecessors.get(code="07339")
    assert cao_thuong.parent.name == "Huyện Tân Yên" and cao_thuong.parent.parent.name == "Tỉnh Bắc Giang"
    assert cao_thuong.path.startswith(cao_thuong.parent.parent.path)
    # the source swaps the names of four rows (Huyện Kiên Hải / Xã Hòn Tre): the import takes them back
    assert AdministrativeUnit.objects.get(code="31108", valid_to__isnull=False).name == "Xã Hòn Tre"
    # a split commune has several successors
    assert UnitSuccession.objects.filter(predecessor__valid_to__isnull=False, successor__parent__isnull=False) \
        .values("predecessor").distinct().count() == 10047


def _demo_households_free_carry(units):
    unit_mapping_import(actor=None, file=csv_file(HEADER + TAN_YEN))
    return villages_carry(actor=None, old_commune=units["07339"], new_commune=units["07339@2025"])


@pytest.mark.django_db
def test_villages_of_a_merged_commune_are_carried_to_its_successor(units):
    pairs = _demo_households_free_carry(units)
    tan_yen = units["07339@2025"]
    assert len(pairs) == 26
    old = units["07339-01"]
    new = pairs[old]
    assert (new.code, new.name, new.kind, new.parent, new.valid_from, new.area) == (
        "07339-01", old.name, "to_dan_pho", tan_yen, datetime.date(2025, 7, 1), "urban")
    assert new.path == f"{tan_yen.path}{new.pk}/"
    assert list(new.predecessors.all()) == [old]
    old.refresh_from_db()
    assert old.valid_to == datetime.date(2025, 6, 30) and old.parent == units["07339"]  # history stays
    # carrying again changes nothing
    assert villages_carry(actor=None, old_commune=units["07339"], new_commune=tan_yen) == pairs
    # with xã Cao Xá's three villages, carried by the demo
    assert AdministrativeUnit.objects.filter(parent=tan_yen).count() == 29


@pytest.mark.django_db
def test_villages_go_only_to_a_successor(units):
    from povertyplan.services import unit_create

    other = unit_create(actor=None, code="07306", name="Xã Nhã Nam", kind="xa", parent=units["24@2025"],
                        valid_from=datetime.date(2025, 7, 1))
    with pytest.raises(ValidationError) as refused:
        villages_carry(actor=None, old_commune=units["07339"], new_commune=other)
    assert "Xã Nhã Nam không phải đơn vị kế thừa của Thị trấn Cao Thượng" in str(refused.value)
    assert not AdministrativeUnit.objects.filter(parent=other).exists()
