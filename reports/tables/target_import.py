"""Nhập bảng chỉ tiêu giao giảm nghèo from an .xlsx in the layout the app exports (reports.tables.target_xlsx),
so an office can start from the file it already has.

The header is found by its row of column letters (A, B, 1 … 11) and checked; each row's unit is matched
by code or by name among the child units of the chosen parent; counts become baselines (previous year)
and targets (expected), rates are ignored (they are recomputed), the total row is skipped (it is the sum).
Every mismatch is collected with its row and column (povertyplan.lib.tabular), and nothing is saved
unless the whole file reads; the writes are programmes.services.target_allocate, one per indicator, in
one transaction.
"""
import unicodedata
from decimal import Decimal

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from povertyplan.lib.parsing import ParseError, parse_whole_number
from povertyplan.lib.tabular import CellError, ImportFailed, read_grid
from programmes import services
from programmes.models import Indicator, Plan
from reports.tables.target_table import HOUSEHOLDS, NEAR_POOR, PEOPLE, POOR

MAX_COUNT = 10_000_000
MAX_UNITS = 5_000
# Numbered column (1-11) → (indicator code, "value" or "baseline"); 5, 7, 9, 11 are rates, recomputed.
LOADED = {1: (HOUSEHOLDS, "baseline"), 2: (PEOPLE, "baseline"), 3: (HOUSEHOLDS, "value"), 4: (POOR, "baseline"),
          6: (POOR, "value"), 8: (NEAR_POOR, "baseline"), 10: (NEAR_POOR, "value")}
TOTAL_NAMES = {"tổng", "tổng cộng", "cộng", "tổng số"}


def _norm(text):
    return " ".join(unicodedata.normalize("NFC", str(text or "")).casefold().split())


def _letter(column):
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _header_errors(grid, letters_row):
    """The letters row must read A, B, 1 … 11, and the row above it Số hộ / Tỷ lệ under each group."""
    errors = []
    codes = grid[letters_row]
    expected = ["A", "B", *[str(n) for n in range(1, 12)]]
    for index, code in enumerate(expected):
        found = str(codes[index]) if index < len(codes) else ""
        if found.strip() != code:
            errors.append(CellError(letters_row + 1, _letter(index + 1), _(
                "dòng ký hiệu cột phải là A, B, 1, 2, … 11 như bảng mẫu; ở đây là “%(found)s” thay vì “%(code)s”.")
                % {"found": found, "code": code}))
    if letters_row >= 1:
        above = grid[letters_row - 1]
        for index in range(5, 13):
            label = _norm(above[index] if index < len(above) else "")
            with translation.override("vi"):  # the file is the Vietnamese annex, whatever the reader's language
                want = _("Số hộ") if index % 2 == 1 else _("Tỷ lệ")
            if label != _norm(want):
                errors.append(CellError(letters_row, _letter(index + 1), _(
                    "tiêu đề cột phải là “%(want)s” (bảng chỉ tiêu giao giảm nghèo theo mẫu).") % {"want": want}))
    return errors


def _find_letters_row(grid):
    for index, row in enumerate(grid[:20]):
        if len(row) > 1 and str(row[0]).strip() == "A" and str(row[1]).strip() == "B":
            return index
    return None


def _matcher(parent):
    children = list(parent.children.order_by("code"))
    by_code = {_norm(u.code): u for u in children}
    by_name = {}
    for unit in children:
        for name in {_norm(unit.name), _norm(unit.full_name)}:
            by_name.setdefault(name, []).append(unit)
    return by_code, by_name


def read(upload, parent):
    """{unit: {column: number}} from the file, or ImportFailed with every problem."""
    grid = read_grid(upload, max_columns=20, max_rows=MAX_UNITS + 20)
    letters_row = _find_letters_row(grid)
    if letters_row is None:
        raise ImportFailed([CellError(None, "", _(
            "không thấy dòng ký hiệu cột (A, B, 1, 2, …) của bảng chỉ tiêu giao giảm nghèo: hãy dùng tệp theo mẫu "
            "tải từ trang bảng chỉ tiêu."))])
    errors = _header_errors(grid, letters_row)
    if errors:
        raise ImportFailed(errors)
    by_code, by_name = _matcher(parent)
    loaded, seen = {}, {}
    for index in range(letters_row + 1, len(grid)):
        cells = grid[index] + [""] * (13 - len(grid[index]))
        number = index + 1
        name = _norm(cells[1])
        if not name and not any(cells[2:13]):
            continue
        if name in TOTAL_NAMES:
            continue  # the total is the sum of the rows, recomputed
        unit = by_code.get(name)
        if unit is None:
            matches = by_name.get(name, [])
            if len(matches) > 1:
                errors.append(CellError(number, "B", _("“%(name)s”: có %(n)s đơn vị trùng tên trong %(parent)s; "
                                                       "hãy ghi mã đơn vị.") % {"name": cells[1], "n": len(matches),
                                                                                 "parent": parent.full_name}))
                continue
            unit = matches[0] if matches else None
        if unit is None:
            errors.append(CellError(number, "B", _("không có đơn vị “%(name)s” (mã hoặc tên) trực thuộc %(parent)s.")
                                    % {"name": cells[1] or "", "parent": parent.full_name}))
            continue
        if unit.pk in seen:
            errors.append(CellError(number, "B", _("%(unit)s đã có ở dòng %(row)s.") % {
                "unit": unit.name, "row": seen[unit.pk]}))
            continue
        seen[unit.pk] = number
        values = {}
        for column in LOADED:
            cell = cells[column + 1]
            if cell == "":
                values[column] = None
                continue
            try:
                values[column] = Decimal(parse_whole_number(cell, maximum=MAX_COUNT).value)
            except ParseError as exc:
                errors.append(CellError(number, f"{_letter(column + 2)} ({column})", exc.message))
        loaded[unit] = values
    if not errors and not loaded:
        errors.append(CellError(letters_row + 2, "B", _("bảng không có dòng đơn vị nào dưới dòng ký hiệu cột.")))
    if errors:
        raise ImportFailed(errors)
    return loaded


@transaction.atomic
def target_table_import(*, actor, plan, version, parent, upload):
    """Load the file's counts as the targets of `plan` for the child units of `parent`; all or nothing.
    Returns the number of units loaded. The first write checks `version` (the page's); the next ones run
    under the plan's row lock the first took, so they take the version it left."""
    loaded = read(upload, parent)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[HOUSEHOLDS, PEOPLE, POOR, NEAR_POOR])}
    pairs = {}
    for column, (code, kind) in LOADED.items():
        pairs.setdefault(code, {})[kind] = column
    current = version
    for code in (HOUSEHOLDS, PEOPLE, POOR, NEAR_POOR):
        columns = pairs[code]
        values = {unit: (row.get(columns.get("value")), row.get(columns.get("baseline"))) for unit, row in loaded.items()}
        services.target_allocate(actor=actor, plan=plan, version=current, indicator=indicators[code], parent=parent,
                                 values=values)
        current = Plan.objects.values_list("version", flat=True).get(pk=plan.pk)
    return len(loaded)
