"""Households and members through their services: validation, scope, audit, optimistic locking."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from households.models import Household, Member
from households.services import (
    VersionConflict,
    household_update,
    member_create,
    member_remove,
    member_update,
)
from povertyplan.models import AuditEvent, Role
from tests.conftest import before_the_reform, make_officer


def member_values(**overrides):
    values = {"full_name": "Nguyễn Văn An", "sex": "male", "birth_year": 1970, "id_number": "024070001234",
              "relation": "head", "ethnicity": "Kinh", "health_insurance": True, "schooling": "", "work": "stable"}
    return {**values, **overrides}


def test_create_household_sets_commune_and_audits(household, units):
    assert household.commune == units["07339"]
    assert household.village == units["07339-01"]
    assert household.version == 1
    event = AuditEvent.objects.get(action="household.create")
    assert event.object_id == str(household.pk)
    assert event.unit == units["07339-01"]
    assert event.after["head_name"] == "Nguyễn Văn An" and event.after["village"] == "Hoà Sơn"


def test_code_is_unique_within_the_commune_only(make_household):
    make_household("HS-001")
    with pytest.raises(ValidationError) as info:
        make_household("HS-001", village="07339-02")
    assert info.value.message_dict["code"] == ["Mã hộ HS-001 đã có trong xã."]
    make_household("HS-001", village="07336-01")  # another commune may use the same code
    assert Household.objects.filter(code="HS-001").count() == 2


def test_the_database_also_refuses_a_duplicate_code(household):
    with pytest.raises(IntegrityError):
        Household.objects.create(commune=household.commune, village=household.village, code="HS-001", head_name="X")


def test_household_goes_in_a_village_of_the_officers_commune(make_household, units, users):
    with pytest.raises(ValidationError) as info:
        make_household("X1", village="07339")  # a commune, not a village
    assert "Cần chọn thôn, tổ dân phố." in info.value.message_dict["village"]
    with pytest.raises(PermissionDenied):
        make_household("X2", village="07336-01", actor=users["caothuong"])
    for reader in (users["tanyen"], users["admin"]):
        with pytest.raises(PermissionDenied):
            make_household("X3", actor=reader)
    assert not Household.objects.exists()


def test_bad_code_is_refused_with_the_field_named(make_household):
    with pytest.raises(ValidationError) as info:
        make_household("mã hộ 1")
    assert "Mã hộ chỉ gồm chữ không dấu, số và . _ / -" in info.value.message_dict["code"]


def test_update_bumps_version_and_audits_the_change(household, officer):
    updated = household_update(actor=officer, household=household, version=1, head_name="Nguyễn Văn Bình",
                               is_meritorious=True)
    assert updated.version == 2
    event = AuditEvent.objects.get(action="household.update")
    assert event.changed_fields() == {"head_name": ("Nguyễn Văn An", "Nguyễn Văn Bình"),
                                      "is_meritorious": (False, True), "version": (1, 2)}


def test_update_with_nothing_changed_writes_nothing(household, officer):
    same = household_update(actor=officer, household=household, version=1, head_name="Nguyễn Văn An")
    assert same.version == 1
    assert not AuditEvent.objects.filter(action="household.update").exists()


def test_two_officers_editing_the_same_household_the_second_gets_a_conflict(household, officer, units):
    colleague = make_officer("vhxh2", Role.COMMUNE, units["07339"], last_name="Lê Thị", first_name="Mai")
    # both opened the form at version 1
    household_update(actor=colleague, household=household, version=1, head_name="Nguyễn Văn Cường",
                     address="Số 7")
    with pytest.raises(VersionConflict) as info:
        household_update(actor=officer, household=household, version=1, head_name="Nguyễn Văn Dũng")
    changes = {(c.who, c.field, c.before, c.after) for c in info.value.changes}
    assert changes == {("Lê Thị Mai", "họ và tên chủ hộ", "Nguyễn Văn An", "Nguyễn Văn Cường"),
                       ("Lê Thị Mai", "địa chỉ", "Số 5, tổ dân phố Hoà Sơn", "Số 7")}
    assert "chưa được lưu" in info.value.message
    household.refresh_from_db()
    assert (household.head_name, household.version) == ("Nguyễn Văn Cường", 2)
    # with the version they have now seen, the second officer may save deliberately
    household_update(actor=officer, household=household, version=info.value.current_version, head_name="Nguyễn Văn Dũng")
    household.refresh_from_db()
    assert (household.head_name, household.version) == ("Nguyễn Văn Dũng", 3)


def test_village_can_move_within_the_commune_only(household, officer, units):
    with before_the_reform():  # the town's tổ dân phố closed on 30/06/2025
        moved = household_update(actor=officer, household=household, version=1, village=units["07339-02"])
        assert moved.village == units["07339-02"] and moved.commune == units["07339"]
        with pytest.raises(PermissionDenied):
            household_update(actor=officer, household=household, version=2, village=units["07336-01"])
    with pytest.raises(ValidationError) as refused:  # after it, a closed village takes no household
        household_update(actor=officer, household=household, version=2, village=units["07339-03"])
    assert refused.value.message_dict["village"][0].startswith("Tổ dân phố ")


def test_update_out_of_scope_is_refused(outsider_household, officer):
    with pytest.raises(PermissionDenied):
        household_update(actor=officer, household=outsider_household, version=1, head_name="X")


def test_member_create_validates_the_id_number(household, officer):
    for bad in ("02407000123", "0240700012345", "02407000123A"):
        with pytest.raises(ValidationError) as info:
            member_create(actor=officer, household=household, **member_values(id_number=bad))
        assert "Số CCCD phải gồm đúng 12 chữ số." in info.value.message_dict["id_number"]
    member = member_create(actor=officer, household=household, **member_values())
    assert member.id_number == "024070001234" and member.masked_id_number == "********1234"
    assert Member.objects.count() == 1


def test_id_number_unique_among_active_members_and_free_again_after_leaving(household, make_household, officer):
    first = member_create(actor=officer, household=household, **member_values())
    other = make_household("HS-002")
    with pytest.raises(ValidationError) as info:
        member_create(actor=officer, household=other, **member_values(full_name="Người khác"))
    assert info.value.message_dict["id_number"] == ["Số CCCD 024070001234 đã có ở Nguyễn Văn An, hộ HS-001."]
    member_remove(actor=officer, member=first, reason="Chuyển đến hộ HS-002")
    moved = member_create(actor=officer, household=other, **member_values())
    assert moved.is_active and not Member.objects.get(pk=first.pk).is_active


def test_the_database_enforces_active_id_number_uniqueness(household, officer):
    member_create(actor=officer, household=household, **member_values())
    with pytest.raises(IntegrityError):
        Member.objects.create(household=household, full_name="X", sex="male", birth_year=1990, relation="child",
                              id_number="024070001234")


def test_one_head_per_household_and_birth_year_from_the_date(household, officer):
    member_create(actor=officer, household=household, **member_values())
    with pytest.raises(ValidationError) as info:
        member_create(actor=officer, household=household, **member_values(id_number="", full_name="B"))
    assert info.value.message_dict["relation"] == ["Hộ đã có chủ hộ."]
    child = member_create(actor=officer, household=household, **member_values(
        id_number="", full_name="Nguyễn Thị Cúc", sex="female", relation="child", birth_year=None,
        birth_date=datetime.date(2015, 3, 2), schooling="attending", work="out_of_age"))
    assert child.birth_year == 2015 and child.birth_display == "02/03/2015"
    with pytest.raises(ValidationError) as info:
        member_create(actor=officer, household=household, **member_values(id_number="", relation="child", birth_year=None))
    assert info.value.message_dict["birth_year"] == ["Cần ghi ngày sinh hoặc năm sinh."]


def test_member_update_and_remove_are_audited_with_the_number_masked(household, officer):
    member = member_create(actor=officer, household=household, **member_values())
    member_update(actor=officer, member=member, version=member.version, **member_values(health_insurance=False))
    with pytest.raises(ValidationError):
        member_remove(actor=officer, member=member, reason="  ")
    member_remove(actor=officer, member=member, reason="Đã mất", left_on=datetime.date(2025, 2, 1))
    actions = list(AuditEvent.objects.filter(object_type="households.member").order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["member.create", "member.update", "member.remove"]
    removed = AuditEvent.objects.get(action="member.remove")
    assert removed.reason == "Đã mất" and removed.after["id_number"] == "********1234"
    assert "024070001234" not in str(list(AuditEvent.objects.values_list("before", "after")))
    member.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        member_update(actor=officer, member=member, version=member.version, **member_values())
    assert info.value.messages == ["Thành viên đã ra khỏi hộ, không sửa được."]


def test_member_writes_out_of_scope_are_refused(outsider_household, officer, users):
    with pytest.raises(PermissionDenied):
        member_create(actor=officer, household=outsider_household, **member_values())
    member = member_create(actor=users["caoxa"], household=outsider_household, **member_values())
    with pytest.raises(PermissionDenied):
        member_remove(actor=officer, member=member, reason="x")
    with pytest.raises(PermissionDenied):
        member_update(actor=users["tanyen"], member=member, version=member.version, **member_values(full_name="Y"))
