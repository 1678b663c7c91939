"""Reading uploaded CSV/XLSX tables, and the errors an import reports.

Imports collect every problem as a CellError (sheet, row, column, Vietnamese message) and raise
ImportFailed with all of them, so the user fixes the whole file at once and nothing is saved.
Row numbers are the ones the user sees in Excel: the header is row 1.

Every file is read within the limits below, stated in the messages: whatever the bytes, reading
either gives tables or raises ImportFailed, never another exception.
"""
import csv
import io
import pickle
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

# The largest commune has about 10,000 households and 50,000 members, one row each on its own
# sheet: 60,000 data rows per sheet takes it whole with room to spare.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 60_000                 # data rows per sheet, the header not counted
MAX_COLUMNS = 100                 # the household template has under 40
MAX_CELL_CHARS = 2_000            # the longest field (a review's notes) needs far less
# An .xlsx is a zip: 10 MB of it may unpack to gigabytes of XML (a "zip bomb"); real files of
# 60,000 rows stay well under this.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_CELL_ERRORS = 50              # past this many bad cells, the list stops (the file needs fixing anyway)

# Control characters that PostgreSQL (NUL) or an .xlsx written back out (openpyxl) cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls, and password-protected .xlsx


def vn_number(number):
    """60000 → "60.000", as numbers are written in Vietnamese messages."""
    return f"{number:,}".replace(",", ".")


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


def _fail(message, row=None, column="", sheet=""):
    raise ImportFailed([CellError(row, column, message, sheet)]) from None


@dataclass
class Table:
    """Rows of one sheet: each row a dict keyed by normalised header, with its Excel row number."""

    sheet: str
    headers: list
    rows: list = field(default_factory=list)  # list of (row_number, dict)
    titles: dict = field(default_factory=dict)  # normalised header → as written in the file ("Mã thôn/TDP")


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


def _letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _cell_problem(text):
    if len(text) > MAX_CELL_CHARS:
        return _("ô dài %(length)s ký tự, tối đa %(limit)s ký tự.") % {"length": vn_number(len(text)), "limit": vn_number(MAX_CELL_CHARS)}
    if _CONTROL.search(text):
        return _("ô chứa ký tự điều khiển không in được (tệp nhị phân hoặc bị hỏng?).")
    return None


def _header(sheet, raw_header):
    """(header as written, normalised headers, titles) of a sheet's first row, within MAX_COLUMNS."""
    header = [clean_cell(h) for h in raw_header]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        _fail(_("dòng tiêu đề có quá %(limit)s cột.") % {"limit": vn_number(MAX_COLUMNS)}, 1, _letter(MAX_COLUMNS), sheet)
    headers = [normalise_header(h) for h in header]
    titles = {}
    for key, text in zip(headers, header, strict=True):
        titles.setdefault(key, str(text))
    return header, headers, titles


def _checked_rows(sheet, header, headers, raw_rows):
    """(row number, {header: text}) of the data rows after the header, refusing more than MAX_ROWS rows or
    overlong cells: cell problems are collected and raised together once the sheet is read (or MAX_CELL_ERRORS)."""
    errors = []

    def check(number, values):
        for index, text in enumerate(values):
            problem = text and _cell_problem(text)
            if problem:
                name = f" ({header[index]})" if index < len(headers) and headers[index] else ""
                errors.append(CellError(number, _letter(index) + name, problem, sheet))

    check(1, header)
    for number, raw in enumerate(raw_rows, start=2):
        if number > MAX_ROWS + 1:
            _fail(_("trang tính có quá %(limit)s dòng dữ liệu; hãy chia thành nhiều tệp (và xóa các dòng trống thừa ở cuối).")
                  % {"limit": vn_number(MAX_ROWS)}, number, "", sheet)
        values = [clean_cell(v) for v in raw]
        if not any(values):
            continue  # blank lines are not rows
        check(number, values)
        if len(errors) >= MAX_CELL_ERRORS:
            break
        values += [""] * (len(headers) - len(values))
        yield number, dict(zip(headers, values[: len(headers)], strict=True))
    if errors:
        raise ImportFailed(errors)


def _rows_to_table(sheet, raw_rows):
    """The table of one sheet, refusing more than MAX_ROWS rows, MAX_COLUMNS columns or overlong cells."""
    raw_rows = iter(raw_rows)
    raw_header = next(raw_rows, None)
    if raw_header is None:
        return Table(sheet=sheet, headers=[])
    header, headers, titles = _header(sheet, raw_header)
    table = Table(sheet=sheet, headers=headers, titles=titles)
    table.rows = list(_checked_rows(sheet, header, headers, raw_rows))
    return table


class SheetStream:
    """One sheet read again from the upload on every pass over `rows`, under the limits and checks of
    read_tables, so that a large import holds one chunk of rows at a time instead of the whole sheet.
    `sheet`, `headers` and `titles` are those of a Table (column_letter, require_columns take either)."""

    def __init__(self, sheet, raw_rows, estimate=0):
        self.sheet, self._raw_rows, self.estimate = sheet, raw_rows, estimate  # raw_rows() → a fresh iterator
        raw_header = next(iter(self._guarded(raw_rows())), None)
        self._header, self.headers, self.titles = _header(sheet, raw_header) if raw_header is not None else ([], [], {})
        self._spool = None  # the raw values of a pass read to the end, replayed by the next passes

    @property
    def rows(self):
        raw = self._replayed() if self._spool is not None else self._recorded(self._guarded(self._raw_rows()))
        if next(raw, None) is None:
            return
        yield from _checked_rows(self.sheet, self._header, self.headers, raw)

    SPOOL_BATCH = 1000

    def _recorded(self, raw):
        """The raw rows, also pickled in batches to a temporary file (on disk past 1 MB): parsing the sheet's
        XML again costs more than the rest of a pass; the file holds the values only (~50 bytes a row)."""
        spool, batch = tempfile.SpooledTemporaryFile(max_size=1024 * 1024), []
        for values in raw:
            batch.append(tuple(values))
            if len(batch) == self.SPOOL_BATCH:
                pickle.dump(batch, spool, pickle.HIGHEST_PROTOCOL)
                batch = []
            yield values
        pickle.dump(batch, spool, pickle.HIGHEST_PROTOCOL)
        self.close()
        self._spool = spool  # only a pass read to its end is replayed

    def _replayed(self):
        self._spool.seek(0)
        while True:
            try:
                batch = pickle.load(self._spool)
            except EOFError:
                return
            yield from batch

    def close(self):
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _guarded(self, raw_rows):
        counter = getattr(raw_rows, "counter", None)
        try:
            yield from raw_rows
        except ImportFailed:
            raise
        except Exception:  # noqa: BLE001 — damage found while streaming the sheet (read-only mode is lazy)
            if counter is None:
                _fail(_("không đọc được dòng này của tệp CSV (ô quá dài hoặc dấu ngoặc kép không đóng)."))
            _fail(_("không đọc được trang tính từ dòng %(row)s: tệp bị cắt ngắn hoặc hỏng.") % {"row": counter.row + 1},
                  sheet=self.sheet)


class _Counted:
    def __init__(self, counter):
        self.counter, self._rows = counter, iter(counter)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._rows)


class Sheets:
    """The sheets of an upload as SheetStreams (see open_sheets); a context manager that closes the workbook."""

    def __init__(self, streams, workbook=None):
        self._streams, self._workbook = streams, workbook

    def get(self, name):
        return self._streams.get(name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for stream in self._streams.values():
            stream.close()
        if self._workbook is not None:
            self._workbook.close()


def open_sheets(uploaded, filename=None):
    """Like read_tables, but each sheet is a SheetStream read again on every pass: for imports large enough
    that holding every row at once matters. Use as a context manager. Headers are checked on opening;
    rows, cells and damage inside a sheet when its rows are read (raising ImportFailed the same way)."""
    name = (filename or getattr(uploaded, "name", "") or "").lower()
    data = _upload_bytes(uploaded)
    if name.endswith(".xlsx") or data[:2] == b"PK":
        workbook = _open_xlsx(data)
        try:
            streams = {}
            for ws in workbook.worksheets:
                estimate = min(ws.max_row or 0, MAX_ROWS + 1)  # the stored dimension, for progress only
                streams[ws.title] = SheetStream(ws.title, lambda ws=ws: _Counted(_RowCounter(ws)), max(estimate - 1, 0))
        except BaseException:
            workbook.close()
            raise
        return Sheets(streams, workbook)
    if name.endswith(".csv") or name.endswith(".txt") or not name:
        text = _csv_text(data)
        delimiter = _csv_delimiter(text)
        return Sheets({"": SheetStream("", lambda: csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                                       text.count("\n"))})
    _fail(_("Tệp phải có dạng .xlsx hoặc .csv."))


def read_tables(uploaded, filename=None):
    """All sheets of an uploaded .xlsx, or the one table of a .csv, as {sheet name: Table}.

    Raises ImportFailed with a readable message for anything else: other formats, damaged or
    truncated files, files over the limits.
    """
    name = (filename or getattr(uploaded, "name", "") or "").lower()
    data = _upload_bytes(uploaded)
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt") or not name:
        return {"": _read_csv(data)}
    _fail(_("Tệp phải có dạng .xlsx hoặc .csv."))


def _upload_bytes(uploaded):
    data = uploaded.read(MAX_UPLOAD_BYTES + 1) if hasattr(uploaded, "read") else bytes(uploaded)
    if len(data) > MAX_UPLOAD_BYTES:
        _fail(_("Tệp quá lớn: mỗi lần nhập tối đa %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)})
    if not data:
        _fail(_("Tệp rỗng (0 byte)."))
    if data.startswith(_OLE_MAGIC):
        _fail(_("Tệp là dạng Excel 97-2003 (.xls) hoặc có đặt mật khẩu: hãy mở bằng Excel, bỏ mật khẩu "
                "và lưu lại dạng .xlsx."))
    return data


def _csv_text(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail(_("Tệp CSV phải được lưu với bảng mã UTF-8."))
    if "\x00" in text:
        _fail(_("Tệp không phải tệp văn bản CSV (có ký tự nhị phân)."))
    return text


def _csv_delimiter(text):
    sample = text[:4096]
    return ";" if sample.count(";") > sample.count(",") else ","


def _read_csv(data):
    text = _csv_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    try:
        return _rows_to_table("", reader)
    except csv.Error:  # a field over the csv module's limit, a stray quote at the end of the file
        _fail(_("không đọc được dòng này của tệp CSV (ô quá dài hoặc dấu ngoặc kép không đóng)."), reader.line_num)


def _read_xlsx(data):
    workbook = _open_xlsx(data)
    tables = {}
    try:
        for ws in workbook.worksheets:
            rows = _RowCounter(ws)
            try:
                tables[ws.title] = _rows_to_table(ws.title, rows)
            except ImportFailed:
                raise
            except Exception:  # noqa: BLE001 — damage found while streaming the sheet (read-only mode is lazy)
                _fail(_("không đọc được trang tính từ dòng %(row)s: tệp bị cắt ngắn hoặc hỏng.") % {"row": rows.row + 1},
                      sheet=ws.title)
    finally:
        workbook.close()
    return tables


def _open_xlsx(data):
    from openpyxl import load_workbook

    # Reading is the one boundary where arbitrary bytes meet openpyxl, zipfile, zlib and the XML
    # parser; what they raise on damaged input is not a documented set (BadZipFile, KeyError,
    # ParseError, zlib.error, ValueError, IndexError, TypeError were all seen on real damage), so
    # every exception here means "this file is damaged". Our own ImportFailed passes through.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except Exception:  # noqa: BLE001 — see above
        _fail(_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."))
    if unpacked > MAX_UNPACKED_BYTES:
        _fail(_("Tệp Excel quá lớn khi giải nén (hơn %(limit)s MB): hãy chia thành nhiều tệp.")
              % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)})
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — see above
        _fail(_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."))
    return workbook


class _RowCounter:
    """A sheet's rows for _rows_to_table, bounded so that a bogus dimension or a row numbered far
    down cannot make openpyxl pad out millions of cells; remembers the last row read, for the
    message when the file turns out damaged half-way."""

    def __init__(self, ws):
        ws.reset_dimensions()  # the stored dimension may be wrong or absurd (A1:XFD1048576)
        self.ws, self.row = ws, 0

    def __iter__(self):
        header = next(self.ws.iter_rows(values_only=True, max_row=1, max_col=MAX_COLUMNS + 1), None)
        if header is None:
            return
        self.row = 1
        yield header
        # Cells right of the header are not read (no column to put them in); the width is the
        # header's, so each row costs what the file holds, not MAX_COLUMNS.
        width = len(header)
        while width > 1 and header[width - 1] in (None, ""):
            width -= 1
        for values in self.ws.iter_rows(values_only=True, min_row=2, max_row=MAX_ROWS + 2, max_col=width):
            self.row += 1
            yield values


def require_columns(table, columns, titles=None):
    """Errors for required columns missing from the header row; `titles` maps a normalised name to the header
    as the template writes it, so the message keeps its capitals and abbreviations ("Mã thôn/TDP")."""
    titles = titles or {}
    return [
        CellError(1, titles.get(column, column), _("thiếu cột “%(column)s” ở dòng tiêu đề.") % {
            "column": titles.get(column, column)}, table.sheet)
        for column in columns
        if column not in table.headers
    ]


def column_letter(table, column):
    """The Excel letter of a column (A, B, …) so messages match what the user sees."""
    from openpyxl.utils import get_column_letter

    try:
        return f"{get_column_letter(table.headers.index(column) + 1)} ({table.titles.get(column, column)})"
    except ValueError:
        return column


def read_grid(uploaded, *, max_columns, max_rows=MAX_ROWS):
    """The first sheet of an uploaded .xlsx as a list of rows of cleaned cells (see clean_cell), for
    tables laid out for people (title lines, merged multi-level headers) rather than one header row.
    Within the same limits as read_tables; raises ImportFailed for anything unreadable."""
    data = _upload_bytes(uploaded)
    if data[:2] != b"PK":
        _fail(_("Tệp phải có dạng Excel .xlsx."))
    workbook = _open_xlsx(data)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        grid = []
        for number, values in enumerate(sheet.iter_rows(values_only=True, max_row=max_rows + 1, max_col=max_columns),
                                        start=1):
            cells = [clean_cell(v) for v in values]
            for index, text in enumerate(cells):
                problem = text and _cell_problem(text)
                if problem:
                    _fail(problem, number, _letter(index), sheet.title)
            grid.append(cells)
    except ImportFailed:
        raise
    except Exception:  # noqa: BLE001 — damage found while streaming the sheet (read-only mode is lazy)
        _fail(_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."))
    finally:
        workbook.close()
    return grid
