import datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from povertyplan.models import AdministrativeUnit, Area, Tier
from povertyplan.services import unit_create


def test_demo_tree_has_the_seed_town_and_its_26_residential_groups(units):
    town = units["07339"]
    assert town.name == "Thị trấn Cao Thượng"
    groups = AdministrativeUnit.objects.filter(parent=town)
    assert groups.count() == 26
    assert {"Hoà Sơn", "Ngò", "H. Hoa Thám", "Phố Mới"} <= set(groups.values_list("name", flat=True))
    assert all(g.area == Area.URBAN and g.tier == Tier.VILLAGE for g in groups)
    assert town.parent.code == "216" and town.parent.parent.code == "24"


def test_subtree_is_one_prefix_query(units):
    district = units["216"]
    with CaptureQueriesContext(connection) as queries:
        codes = set(AdministrativeUnit.objects.subtree(district).values_list("code", flat=True))
    assert len(queries) == 1
    assert "LIKE" in queries[0]["sql"].upper()
    # district + town + 26 groups + Cao Xá + 3 villages
    assert len(codes) == 1 + 1 + 26 + 1 + 3
    assert "07336" in codes and "24" not in codes


def test_code_reused_after_merger_is_a_different_unit(units):
    old, new = units["07339"], units["07339@2025"]
    assert (old.code, new.code) == ("07339", "07339")
    assert AdministrativeUnit.objects.filter(code="07339").count() == 2
    assert old.valid_to == datetime.date(2025, 6, 30) and new.valid_from == datetime.date(2025, 7, 1)
    assert list(old.successors.all()) == [new]
    assert units["07336"].successors.get() == new
    # the new Bắc Ninh (24) is not under the old Bắc Giang (24)
    assert not AdministrativeUnit.objects.subtree(units["24"]).filter(pk=units["24@2025"].pk).exists()


def test_two_open_units_cannot_share_a_code(units):
    with pytest.raises(IntegrityError):
        AdministrativeUnit.objects.create(code="07339", name="Trùng mã", kind="xa", parent=units["24@2025"])


def test_unit_create_sets_path_area_and_audits(units):
    from povertyplan.models import AuditEvent

    village = unit_create(actor=None, code="07339-99", name="Thôn Mới", kind="thon", parent=units["07339@2025"])
    assert village.path == f"{units['07339@2025'].path}{village.pk}/"
    assert village.area == Area.RURAL  # inherited from the commune
    event = AuditEvent.objects.get(action="unit.create", object_id=str(village.pk))
    assert event.after["name"] == "Thôn Mới"


def test_full_name_is_a_vietnamese_proper_name_in_any_language(units):
    from django.utils import translation

    with translation.override("en"):
        assert units["07339"].full_name == "Thị trấn Cao Thượng"
        assert units["07339-01"].full_name == "Tổ dân phố Hoà Sơn"
