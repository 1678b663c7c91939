"""Validating a list of administrative units (CSV or XLSX) before it is saved.

Columns: code, name, kind, parent_code, area; optional valid_from, valid_to (dd/mm/yyyy).
A parent may be in the file or an open unit already in the database. A row whose code is an
open unit already in the database updates it, so importing the same list twice changes nothing.
"""
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from povertyplan.lib.tabular import CellError, ImportFailed, column_letter, require_columns
from povertyplan.models import AdministrativeUnit, Area, Tier, UnitKind, kind_tier, parse_kind

REQUIRED = ["code", "name", "kind", "parent_code"]
CODE_MAX = AdministrativeUnit._meta.get_field("code").max_length
NAME_MAX = AdministrativeUnit._meta.get_field("name").max_length
_AREAS = {"urban": Area.URBAN, "rural": Area.RURAL, "thành thị": Area.URBAN, "nông thôn": Area.RURAL,
          "đô thị": Area.URBAN}


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    parent_code: str
    area: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parent_row: "UnitRow | None" = None  # the parent when it is in the same file
    parent_unit: AdministrativeUnit | None = None  # the parent when it is already in the database

    @property
    def reference_date(self):
        return self.valid_to or self.valid_from or datetime.date.today()

    def is_open_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


def _parse_date(text):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def validate_unit_table(table):
    """Parse and check every row; return UnitRows or raise ImportFailed listing every error."""
    errors = require_columns(table, REQUIRED)
    if errors:
        raise ImportFailed(errors)
    col = {c: column_letter(table, c) for c in REQUIRED + ["area", "valid_from", "valid_to"]}

    def err(row, column, message):
        errors.append(CellError(row, col[column], message, table.sheet))

    rows, first_row_of = [], {}
    for number, values in table.rows:
        code, name = values.get("code", ""), values.get("name", "")
        kind = parse_kind(values.get("kind"))
        dates = {}
        for column in ("valid_from", "valid_to"):
            text = values.get(column, "")
            dates[column] = _parse_date(text) if text else None
            if text and dates[column] is None:
                err(number, column, _("ngày “%(text)s” không đúng dạng dd/mm/yyyy.") % {"text": text})
        if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
            err(number, "valid_to", _("ngày hết hiệu lực trước ngày có hiệu lực."))
        # The same code may come back for a later unit (codes are reused after mergers).
        key = (code, dates["valid_from"])
        if not code:
            err(number, "code", _("thiếu mã đơn vị."))
        elif len(code) > CODE_MAX:
            err(number, "code", _("mã đơn vị dài %(length)s ký tự, tối đa %(limit)s.") % {"length": len(code), "limit": CODE_MAX})
        elif key in first_row_of:
            err(number, "code", _("mã %(code)s trùng với dòng %(other)s.") % {"code": code, "other": first_row_of[key]})
        else:
            first_row_of[key] = number
        if not name:
            err(number, "name", _("thiếu tên đơn vị."))
        elif len(name) > NAME_MAX:
            err(number, "name", _("tên đơn vị dài %(length)s ký tự, tối đa %(limit)s.") % {"length": len(name), "limit": NAME_MAX})
        if kind is None:
            err(number, "kind", _("loại đơn vị “%(kind)s” không hợp lệ (ví dụ: tỉnh, xã, phường, thôn, tổ dân phố).")
                % {"kind": values.get("kind", "")})
        area_text = values.get("area", "").lower()
        area = _AREAS.get(area_text, "") if area_text else ""
        if area_text and not area:
            err(number, "area", _("khu vực “%(area)s” không hợp lệ (urban/rural, thành thị/nông thôn).") % {"area": area_text})
        rows.append(UnitRow(number, code, name, kind or "", values.get("parent_code", ""), area,
                            dates["valid_from"], dates["valid_to"]))

    _check_tree(rows, err)
    if errors:
        raise ImportFailed(errors)
    return rows


def _check_tree(rows, err):
    """Resolve parents (file first, then open units in the database) and check the tree."""
    by_code = {}
    for r in rows:
        by_code.setdefault(r.code, []).append(r)
    parent_codes = {r.parent_code for r in rows if r.parent_code}
    in_db = {u.code: u for u in AdministrativeUnit.objects.filter(code__in=parent_codes, valid_to__isnull=True)}

    for r in rows:
        if not r.parent_code:
            if r.kind and kind_tier(r.kind, has_parent=False) != Tier.PROVINCE:
                err(r.row, "parent_code", _("đơn vị cấp dưới tỉnh phải có mã đơn vị trực thuộc."))
            continue
        candidates = by_code.get(r.parent_code, [])
        if len(candidates) > 1:
            candidates = [c for c in candidates if c.is_open_on(r.reference_date)]
        r.parent_row = candidates[0] if len(candidates) == 1 else None
        r.parent_unit = None if r.parent_row else in_db.get(r.parent_code)
        if r.parent_row is None and r.parent_unit is None:
            err(r.row, "parent_code", _("không tìm thấy đơn vị cha có mã %(code)s.") % {"code": r.parent_code})
            continue
        if r.parent_row is r:
            err(r.row, "parent_code", _("đơn vị không thể trực thuộc chính nó."))
            continue
        if r.parent_row:
            parent_kind, parent_has_parent = r.parent_row.kind, bool(r.parent_row.parent_code)
        else:
            parent_kind, parent_has_parent = r.parent_unit.kind, r.parent_unit.parent_id is not None
        if r.kind and parent_kind and kind_tier(r.kind, has_parent=True) <= kind_tier(parent_kind, has_parent=parent_has_parent):
            err(r.row, "kind", _("%(kind)s không thể trực thuộc %(parent)s (mã %(code)s).")
                % {"kind": UnitKind(r.kind).label, "parent": UnitKind(parent_kind).label, "code": r.parent_code})

    for r in rows:
        seen, node = {id(r)}, r.parent_row
        while node is not None:
            if id(node) in seen:
                err(r.row, "parent_code", _("quan hệ trực thuộc tạo thành vòng lặp qua mã %(code)s.") % {"code": node.code})
                break
            seen.add(id(node))
            node = node.parent_row
