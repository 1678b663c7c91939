"""open_sheets reads each sheet's XML once: the first pass read to its end is replayed from a temporary file by
the next passes (the import's write pass), with the same rows, numbers and row numbers."""
import datetime
import io

from openpyxl import Workbook

from povertyplan.lib import tabular
from povertyplan.lib.tabular import open_sheets


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "Hộ"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [["Mã hộ", "Thu nhập", "Ngày"], ["HS-1", 1833333.33, datetime.datetime(2026, 11, 26)], [None, None, None],
        ["HS-2", 5, None]]


def _pass(stream):
    return [(number, {k: (v, getattr(v, "number", None)) for k, v in cells.items()}) for number, cells in stream.rows]


def test_second_pass_replays_the_first_without_reading_the_sheet_again(monkeypatch):
    reads = []
    counter = tabular._RowCounter

    def counted(ws):
        reads.append(ws.title)
        return counter(ws)

    monkeypatch.setattr(tabular, "_RowCounter", counted)
    with open_sheets(io.BytesIO(_xlsx(ROWS + [[f"HS-{n}", n, None] for n in range(3, 2503)])), "a.xlsx") as sheets:
        stream = sheets.get("Hộ")
        reads.clear()  # the header, read on opening
        first, second = _pass(stream), _pass(stream)
    assert reads == ["Hộ"]
    assert second == first
    assert len(first) == 2 + 2500  # the blank line is no row
    assert first[:2] == [(2, {"mã hộ": ("HS-1", None), "thu nhập": ("1833333.33", 1833333.33),
                              "ngày": ("2026-11-26 00:00:00", None)}),
                         (4, {"mã hộ": ("HS-2", None), "thu nhập": ("5", 5), "ngày": ("", None)})]
    assert first[-1][0] == 2504


def test_a_pass_stopped_early_is_not_replayed(monkeypatch):
    with open_sheets(io.BytesIO(_xlsx(ROWS)), "a.xlsx") as sheets:
        stream = sheets.get("Hộ")
        rows = stream.rows
        next(rows)
        rows.close()
        assert stream._spool is None
        assert [number for number, _cells in stream.rows] == [2, 4]
        assert [number for number, _cells in stream.rows] == [2, 4]


def test_csv_passes_agree():
    with open_sheets(io.BytesIO("Mã hộ;Tên\nHS-1;An\n\nHS-2;Bình\n".encode()), "a.csv") as sheets:
        stream = sheets.get("")
        assert list(stream.rows) == list(stream.rows) == [(2, {"mã hộ": "HS-1", "tên": "An"}),
                                                          (4, {"mã hộ": "HS-2", "tên": "Bình"})]
