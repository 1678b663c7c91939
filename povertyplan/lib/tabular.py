"""Reading uploaded CSV/XLSX tables, and the errors an import reports.

Imports collect every problem as a CellError (sheet, row, column, Vietnamese message) and raise
ImportFailed with all of them, so the user fixes the whole file at once and nothing is saved.
Row numbers are the ones the user sees in Excel: the header is row 1.
"""
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str
    message: str
    sheet: str = ""

    def __str__(self):
        parts = []
        if self.sheet:
            parts.append(_("Trang tính %(sheet)s") % {"sheet": self.sheet})
        if self.row:
            parts.append(_("dòng %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("cột %(column)s") % {"column": self.column})
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class Table:
    """Rows of one sheet: each row a dict keyed by normalised header, with its Excel row number."""

    sheet: str
    headers: list
    rows: list = field(default_factory=list)  # list of (row_number, dict)


def normalise_header(text):
    return unicodedata.normalize("NFC", str(text or "")).strip().lower()


class NumericCell(str):
    """The text of a numeric cell that remembers the number it was.

    Rows stay dicts of text, but the number parser (povertyplan.lib.parsing) reads `.number`, so an
    Excel value 1833333.33 is rounded to 1,833,333 đồng instead of being read as "183333333".
    """

    number: object

    def __new__(cls, text, number):
        cell = super().__new__(cls, text)
        cell.number = number
        return cell


def clean_cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return NumericCell(str(shown), value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _rows_to_table(sheet, raw_rows):
    raw_rows = iter(raw_rows)
    header = next(raw_rows, None)
    if header is None:
        return Table(sheet=sheet, headers=[])
    headers = [normalise_header(h) for h in header]
    table = Table(sheet=sheet, headers=headers)
    for number, raw in enumerate(raw_rows, start=2):
        values = [clean_cell(v) for v in raw]
        if not any(values):
            continue  # blank lines are not rows
        values += [""] * (len(headers) - len(values))
        table.rows.append((number, dict(zip(headers, values[: len(headers)], strict=True))))
    return table


def read_tables(uploaded, filename=None):
    """All sheets of an uploaded .xlsx, or the one table of a .csv, as {sheet name: Table}.

    Raises ImportFailed with a readable message for files that are neither.
    """
    name = (filename or getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read() if hasattr(uploaded, "read") else bytes(uploaded)
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt") or not name:
        return {"": _read_csv(data)}
    raise ImportFailed([CellError(None, "", _("Tệp phải có dạng .xlsx hoặc .csv."))])


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([CellError(None, "", _("Tệp CSV phải được lưu với bảng mã UTF-8."))]) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return _rows_to_table("", csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFailed([CellError(None, "", _("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."))]) from None
    try:
        return {ws.title: _rows_to_table(ws.title, ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()


def require_columns(table, columns):
    """Errors for required columns missing from the header row."""
    return [
        CellError(1, column, _("thiếu cột “%(column)s” ở dòng tiêu đề.") % {"column": column}, table.sheet)
        for column in columns
        if column not in table.headers
    ]


def column_letter(table, column):
    """The Excel letter of a column (A, B, …) so messages match what the user sees."""
    from openpyxl.utils import get_column_letter

    try:
        return f"{get_column_letter(table.headers.index(column) + 1)} ({column})"
    except ValueError:
        return column
