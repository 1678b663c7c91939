"""Validating the old → new arrangement of communes (sắp xếp đơn vị hành chính) before it is saved.

One row per (old commune, successor): a commune split between several new units has a row for
each. Columns (the official file communes-2025-07-01-old-to-new.csv): old_code, old_name,
old_district_code, old_district_name, old_province_code, old_province_name, new_code, new_name,
new_province_code, resolution, confidence. The successors must already be open units on the
arrangement date (import the new list first); the old units are matched among the units open the
day before, and those missing are created as closed units from the file's names.
"""
import datetime
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from povertyplan.lib.tabular import CellError, ImportFailed, column_letter, require_columns
from povertyplan.models import AdministrativeUnit, Tier, UnitKind, UnitSuccession, kind_tier

REQUIRED = ["old_code", "old_name", "old_district_code", "old_district_name", "old_province_code",
            "old_province_name", "new_code", "new_province_code", "resolution"]
OPTIONAL = ["new_name", "confidence"]
REFORM_DATE = datetime.date(2025, 7, 1)
CODE_MAX = AdministrativeUnit._meta.get_field("code").max_length
NAME_MAX = AdministrativeUnit._meta.get_field("name").max_length
RESOLUTION_MAX = UnitSuccession._meta.get_field("resolution").max_length
CONFIDENCE_MAX = UnitSuccession._meta.get_field("confidence").max_length


def _fold(text):
    return unicodedata.normalize("NFC", text or "").strip().lower()


def _labels():
    from django.utils import translation

    with translation.override("vi"):
        pairs = [(_fold(str(kind.label)), kind) for kind in UnitKind]
    return sorted(pairs, key=lambda pair: -len(pair[0]))  # "thị trấn" before "thị"


def kind_from_name(name):
    """The kind a full name starts with: "Thị trấn Cao Thượng" → thị trấn; None when none does."""
    folded = _fold(name)
    for label, kind in _labels():
        if folded.startswith(label + " "):
            return kind
    return None


@dataclass
class MappingRow:
    row: int
    old_code: str
    old_name: str
    old_kind: str
    district_code: str
    district_name: str
    district_kind: str
    province_code: str
    province_name: str
    province_kind: str
    successor: AdministrativeUnit | None
    resolution: str
    confidence: str


def _tier_of(name, *, has_parent):
    kind = kind_from_name(name)
    return kind, (kind_tier(kind, has_parent=has_parent) if kind else None)


def validate_mapping_table(table, *, effective_on=REFORM_DATE):
    """Parse and check every row; return MappingRows or raise ImportFailed listing every error."""
    errors = require_columns(table, REQUIRED)
    if errors:
        raise ImportFailed(errors)
    col = {c: column_letter(table, c) for c in REQUIRED + OPTIONAL}
    when = effective_on.strftime("%d/%m/%Y")

    def err(row, column, message):
        errors.append(CellError(row, col[column], message, table.sheet))

    new_codes = {values.get("new_code", "") for _number, values in table.rows}
    successors = {u.code: u for u in AdministrativeUnit.objects.current(effective_on)
                  .filter(code__in=new_codes).select_related("parent")}
    rows, first_of_old, first_of_pair, first_of_district = [], {}, {}, {}
    for number, values in table.rows:
        v = {c: values.get(c, "") for c in REQUIRED + OPTIONAL}
        for column in ("old_code", "old_district_code", "old_province_code", "new_code", "new_province_code"):
            if not v[column]:
                err(number, column, _("thiếu mã đơn vị."))
            elif len(v[column]) > CODE_MAX:
                err(number, column, _("mã đơn vị dài %(length)s ký tự, tối đa %(limit)s.")
                    % {"length": len(v[column]), "limit": CODE_MAX})
        for column in ("old_name", "old_district_name", "old_province_name"):
            if len(v[column]) > NAME_MAX:
                err(number, column, _("tên đơn vị dài %(length)s ký tự, tối đa %(limit)s.")
                    % {"length": len(v[column]), "limit": NAME_MAX})
        if len(v["resolution"]) > RESOLUTION_MAX:
            err(number, "resolution", _("số nghị quyết dài %(length)s ký tự, tối đa %(limit)s.")
                % {"length": len(v["resolution"]), "limit": RESOLUTION_MAX})
        if len(v["confidence"]) > CONFIDENCE_MAX:
            err(number, "confidence", _("độ tin cậy dài %(length)s ký tự, tối đa %(limit)s.")
                % {"length": len(v["confidence"]), "limit": CONFIDENCE_MAX})

        commune_name, district_name = v["old_name"], v["old_district_name"]
        commune_kind, commune_tier = _tier_of(commune_name, has_parent=True)
        if commune_tier != Tier.COMMUNE:
            # The source swaps the two names on a few rows (Huyện Kiên Hải / Xã Hòn Tre): take them back.
            swapped_kind, swapped_tier = _tier_of(district_name, has_parent=True)
            if swapped_tier == Tier.COMMUNE and _tier_of(commune_name, has_parent=True)[1] == Tier.DISTRICT:
                commune_name, district_name = district_name, commune_name
                commune_kind, commune_tier = swapped_kind, swapped_tier
            else:
                err(number, "old_name", _("tên “%(name)s” không bắt đầu bằng loại đơn vị cấp xã (Xã, Phường, "
                                          "Thị trấn).") % {"name": commune_name})
        district_kind, district_tier = _tier_of(district_name, has_parent=True)
        if district_tier != Tier.DISTRICT:
            err(number, "old_district_name", _("tên “%(name)s” không bắt đầu bằng loại đơn vị cấp huyện (Huyện, "
                                               "Quận, Thị xã, Thành phố).") % {"name": district_name})
        province_kind, province_tier = _tier_of(v["old_province_name"], has_parent=False)
        if province_tier != Tier.PROVINCE:
            err(number, "old_province_name", _("tên “%(name)s” không bắt đầu bằng Tỉnh hoặc Thành phố.")
                % {"name": v["old_province_name"]})

        successor = successors.get(v["new_code"])
        if v["new_code"] and successor is None:
            err(number, "new_code", _("không có đơn vị mới mã %(code)s còn hiệu lực ngày %(date)s (nhập danh mục "
                                      "đơn vị mới trước).") % {"code": v["new_code"], "date": when})
        elif successor is not None and successor.tier != Tier.COMMUNE:
            err(number, "new_code", _("mã %(code)s là %(name)s, không phải đơn vị cấp xã.")
                % {"code": v["new_code"], "name": successor.name})
        elif successor is not None and v["new_province_code"] and (
                successor.parent is None or successor.parent.code != v["new_province_code"]):
            err(number, "new_province_code", _("%(name)s (mã %(code)s) không thuộc tỉnh mã %(province)s.")
                % {"name": successor.name, "code": successor.code, "province": v["new_province_code"]})

        identity = (commune_name, v["old_district_code"], v["old_province_code"])
        first = first_of_old.setdefault(v["old_code"], (number, identity))
        if first[1] != identity:
            err(number, "old_name", _("mã %(code)s ở dòng %(other)s là một đơn vị khác (tên, huyện hoặc tỉnh khác).")
                % {"code": v["old_code"], "other": first[0]})
        pair = first_of_pair.setdefault((v["old_code"], v["new_code"]), number)
        if pair != number:
            err(number, "new_code", _("cặp mã cũ %(old)s → mã mới %(new)s trùng với dòng %(other)s.")
                % {"old": v["old_code"], "new": v["new_code"], "other": pair})
        district = first_of_district.setdefault(v["old_district_code"], (number, district_name, v["old_province_code"]))
        if district[1:] != (district_name, v["old_province_code"]):
            err(number, "old_district_code", _("mã huyện %(code)s ở dòng %(other)s có tên hoặc tỉnh khác.")
                % {"code": v["old_district_code"], "other": district[0]})
        rows.append(MappingRow(number, v["old_code"], commune_name, commune_kind or "", v["old_district_code"],
                               district_name, district_kind or "", v["old_province_code"], v["old_province_name"],
                               province_kind or "", successor, v["resolution"], v["confidence"]))
    if errors:
        raise ImportFailed(errors)
    return rows
