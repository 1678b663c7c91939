"""The streamed .xlsx writer keeps the rules of povertyplan.lib.spreadsheet; every file is reopened with openpyxl."""
import datetime
import decimal
import io
import zipfile

from openpyxl import load_workbook

from povertyplan.lib.spreadsheet import streamed_workbook
from povertyplan.lib.spreadsheet_stream import BOLD, HEADER, PLAIN, TITLE


def _book(rows, *, text_columns=(), title="Danh sách & <thử>"):
    book = streamed_workbook()
    cover = book.create_sheet("Thông tin", [24, 70], freeze_header=False)
    cover.append(["TIÊU ĐỀ"], style=TITLE)
    cover.append(["Đơn vị", "Xã A"], style=(BOLD, PLAIN))
    sheet = book.create_sheet("Hộ gia đình", [14, 26, 12, 10], text_columns=text_columns)
    other = book.create_sheet("O'Brien & co", [10])
    sheet.append(["Mã hộ", "Họ và tên", "Ngày", "Số"], style=HEADER)
    for row in rows:
        sheet.append(row)
        other.append([len(row)])  # sheets interleave row by row
    sheet.finish_list(title=title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_text_never_becomes_a_formula_numbers_and_dates_keep_their_types():
    content = _book([
        ["=HYPERLINK(\"http://x\",\"y\")", "+84 912", datetime.date(2024, 12, 20), 1_500_000],
        ["-1", "@SUM(A1)", datetime.datetime(2015, 3, 2, 10, 30), decimal.Decimal("12.50")],
        ["a<b>&c", "  hai khoảng trắng  ", None, ""],
        ["bell\x07gone", "\tTab", None, 3.25],
    ])
    book = load_workbook(io.BytesIO(content))
    sheet = book["Hộ gia đình"]
    first = sheet["A2"]
    assert first.value == '=HYPERLINK("http://x","y")' and first.data_type == "s" and first.quotePrefix
    assert sheet["B2"].value == "+84 912" and sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix
    assert sheet["A3"].value == "-1" and sheet["A3"].data_type == "s" and sheet["B3"].value == "@SUM(A1)"
    assert sheet["C2"].value == datetime.datetime(2024, 12, 20) and sheet["C2"].number_format == "DD/MM/YYYY"
    # A moment keeps its time, shown as the openpyxl path shows it (spreadsheet.DATETIME_FORMAT)
    assert sheet["C3"].value == datetime.datetime(2015, 3, 2, 10, 30) and sheet["C3"].number_format == "DD/MM/YYYY HH:MM"
    assert sheet["D2"].value == 1_500_000 and sheet["D2"].data_type == "n" and not sheet["D2"].quotePrefix
    assert sheet["D3"].value == 12.5 and sheet["D5"].value == 3.25
    assert sheet["A4"].value == "a<b>&c" and sheet["B4"].value == "  hai khoảng trắng  "
    assert sheet["C4"].value is None and sheet["D4"].value is None
    assert sheet["A5"].value == "bellgone" and sheet["B5"].value == "\tTab" and sheet["B5"].quotePrefix
    assert not sheet["A4"].quotePrefix
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        xml = package.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in xml  # no formula element anywhere


def test_header_widths_freeze_autofilter_print_setup_and_cover():
    book = load_workbook(io.BytesIO(_book([["HS-1", "An", None, 1], ["HS-2", "Bình", None, 2]])))
    assert book.sheetnames == ["Thông tin", "Hộ gia đình", "O'Brien & co"]
    sheet = book["Hộ gia đình"]
    assert [c.value for c in sheet[1]] == ["Mã hộ", "Họ và tên", "Ngày", "Số"]
    assert all(c.font.b and c.fill.fgColor.rgb == "FFDDEBF7" and c.alignment.wrap_text for c in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.column_dimensions["A"].width == 14 and sheet.column_dimensions["B"].width == 26
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D3" and sheet.print_title_rows == "$1:$1"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToWidth) == (
        "landscape", 9, 1)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddHeader.center.text == "Danh sách && <thử>" and sheet.oddFooter.right.text == "&P/&N"
    cover = book["Thông tin"]
    assert cover.freeze_panes is None
    assert cover["A1"].value == "TIÊU ĐỀ" and cover["A1"].font.b and cover["A1"].font.sz == 13
    assert cover["A2"].font.b and cover["B2"].value == "Xã A" and not cover["B2"].font.b
    assert [r[0].value for r in book["O'Brien & co"].iter_rows()] == [4, 4]


def test_text_columns_keep_leading_zeros_and_the_text_format():
    sheet = load_workbook(io.BytesIO(_book([["007", "An", None, 5], [42, "Bình", None, 6]], text_columns=[0])))[
        "Hộ gia đình"]
    assert sheet["A2"].value == "007" and sheet["A2"].number_format == "@"
    assert sheet["A3"].value == "42" and sheet["A3"].data_type == "s" and sheet["A3"].number_format == "@"
    assert sheet["B2"].number_format == "General" and sheet["D2"].value == 5


def test_memory_does_not_hold_the_rows(tmp_path):
    """Rows go to a temporary file as they come: the sheet object keeps no row."""
    book = streamed_workbook()
    sheet = book.create_sheet("Dài", [10, 10])
    for n in range(20_000):
        sheet.append([f"H{n}", n])
    assert sheet._file.tell() > 20_000 * 30 and sheet.rows == 20_000
    target = tmp_path / "dai.xlsx"
    book.save(target)
    rows = load_workbook(target, read_only=True)["Dài"].iter_rows(min_row=19_999, values_only=True)
    assert list(rows) == [("H19998", 19_998), ("H19999", 19_999)]
