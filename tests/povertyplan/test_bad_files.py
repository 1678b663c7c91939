"""Bad files and long values: every one gets a message naming where it is, never a 500, and writes nothing."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from povertyplan.lib import tabular
from povertyplan.lib.tabular import ImportFailed, read_tables
from povertyplan.models import AdministrativeUnit, AuditEvent
from povertyplan.services import units_import

UNREADABLE = "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."
TOO_MANY_ROWS = "Trang tính Sheet, dòng 60002: trang tính có quá 60.000 dòng dữ liệu"
# What reading each file of tests/data/bad/ must say (the start of its first message).
READ_ERRORS = {
    "bad_cell_reference.xlsx": "Trang tính Sheet: không đọc được trang tính từ dòng 2: tệp bị cắt ngắn hoặc hỏng.",
    "bad_shared_string.xlsx": "Trang tính Sheet: không đọc được trang tính từ dòng 2: tệp bị cắt ngắn hoặc hỏng.",
    "binary.csv": "Tệp không phải tệp văn bản CSV (có ký tự nhị phân).",
    "broken_sheet_xml.xlsx": "Trang tính Sheet: không đọc được trang tính từ dòng ",
    "control_chars.csv": "dòng 2, cột B (name): ô chứa ký tự điều khiển không in được",
    "corrupt_zip_entry.xlsx": "Trang tính Sheet: không đọc được trang tính từ dòng ",
    "empty.xlsx": "Tệp rỗng (0 byte).",
    "far_row.xlsx": TOO_MANY_ROWS,
    "huge_cell.xlsx": "Trang tính Sheet, dòng 2, cột B (name): ô dài 100.000 ký tự, tối đa 2.000 ký tự.",
    "not_a_spreadsheet.xlsx": UNREADABLE,
    "old_excel_or_password.xlsx": "Tệp là dạng Excel 97-2003 (.xls) hoặc có đặt mật khẩu",
    "pdf_renamed.xlsx": UNREADABLE,
    "random.bin": "Tệp phải có dạng .xlsx hoặc .csv.",
    "too_many_columns.xlsx": "Trang tính Sheet, dòng 1, cột CW: dòng tiêu đề có quá 100 cột.",
    "too_many_rows.xlsx": TOO_MANY_ROWS,
    "truncated.xlsx": UNREADABLE,
    "zip_not_xlsx.xlsx": UNREADABLE,
}
READABLE = {"formula_cells.xlsx"}  # read fine; the importers refuse its empty cells


def test_the_corpus_is_small_and_every_file_has_an_expectation():
    from tests.data.bad import bad_files

    files = dict(bad_files())
    assert set(files) == set(READ_ERRORS) | READABLE
    assert sum(len(content) for content in files.values()) < 200_000


def test_reading_refuses_each_bad_file_with_a_message(bad_file):
    name, content = bad_file
    if name in READABLE:
        pytest.skip("readable on purpose; see test_formulas_never_come_through_as_text")
    with pytest.raises(ImportFailed) as failure:
        read_tables(SimpleUploadedFile(name, content))
    assert str(failure.value.errors[0]).startswith(READ_ERRORS[name])


def test_formulas_never_come_through_as_text():
    from tests.data.bad import read

    table = read_tables(read("formula_cells.xlsx"), "formula_cells.xlsx")["Sheet"]
    # openpyxl saves no results, so the formulas read as empty cells; the literal "rural" stays.
    assert table.rows == [(2, {"code": "", "name": "", "kind": "", "parent_code": "", "area": "rural"})]


def sheet_xml_workbook(rows_xml):
    """An .xlsx whose sheet is the given <row> elements (fast to build for tens of thousands of rows)."""
    from tests.data.bad.make_bad_files import header_xml, with_sheet_data, workbook_bytes

    return with_sheet_data(workbook_bytes([["x"]]), header_xml() + rows_xml)


def test_a_sheet_at_the_row_limit_is_read_whole():
    data = sheet_xml_workbook(b"<row><c><v>7</v></c></row>" * tabular.MAX_ROWS)
    table = read_tables(data, "ok.xlsx")["Sheet"]
    assert len(table.rows) == 60_000 and table.rows[-1] == (60_001, {"code": "7", "name": "", "kind": "",
                                                                     "parent_code": "", "area": ""})


def test_files_over_the_size_limit_are_refused_before_reading():
    with pytest.raises(ImportFailed) as failure:
        read_tables(io.BytesIO(b"a" * (tabular.MAX_UPLOAD_BYTES + 1)), "big.csv")
    assert str(failure.value) == "Tệp quá lớn: mỗi lần nhập tối đa 10 MB."


def test_a_zip_bomb_is_refused_by_its_unpacked_size(monkeypatch):
    from tests.data.bad.make_bad_files import unit_rows, workbook_bytes

    data = workbook_bytes(unit_rows(3))
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(ImportFailed) as failure:
        read_tables(data, "units.xlsx")
    assert str(failure.value).startswith("Tệp Excel quá lớn khi giải nén")


def test_csv_field_over_the_csv_module_limit_names_the_line():
    text = "code,name,kind,parent_code\n99001,Xã A,xã,24\n99002," + "X" * 200_000 + ",xã,24\n"
    with pytest.raises(ImportFailed) as failure:
        read_tables(text.encode(), "units.csv")
    assert str(failure.value).startswith("dòng 3: không đọc được dòng này của tệp CSV")


def test_csv_with_a_lone_carriage_return_is_read():
    """Old Mac line ends (CR) used to stop the csv module ("new-line character seen in unquoted field")."""
    table = read_tables(b"code,name\r99001,X\xc3\xa3 A\r", "units.csv")[""]
    assert table.rows == [(2, {"code": "99001", "name": "Xã A"})]


# --- the unit import: service, management command, admin upload ---------------------------------


@pytest.fixture
def counts(units):
    """counts() → (units, audit events) now; take it after logging in (a login is an audit event)."""

    def now():
        return AdministrativeUnit.objects.count(), AuditEvent.objects.count()

    assert now()[0] > 10  # the demo tree is there, so "unchanged" means something
    return now


def test_unit_import_refuses_each_bad_file_and_writes_nothing(bad_file, counts):
    name, content = bad_file
    now = counts
    before = now()
    with pytest.raises(ImportFailed) as failure:
        units_import(actor=None, file=SimpleUploadedFile(name, content))
    if name in READABLE:
        assert "Trang tính Sheet, dòng 2, cột A (code): thiếu mã đơn vị." in [str(e) for e in failure.value.errors]
    else:
        assert str(failure.value.errors[0]).startswith(READ_ERRORS[name])
    assert now() == before


def test_import_units_command_prints_errors_for_each_bad_file(bad_file, counts, tmp_path):
    name, content = bad_file
    now = counts
    before = now()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as failure:
        call_command("import_units", str(path))
    message = str(failure.value)
    assert message.startswith("Tệp có ") and ", chưa nhập dòng nào:\n" in message
    assert (READ_ERRORS.get(name) or "Trang tính Sheet, dòng 2, cột A (code): thiếu mã đơn vị.") in message
    assert now() == before


def test_admin_upload_shows_errors_for_each_bad_file(bad_file, counts, client_for, users):
    name, content = bad_file
    client, now = client_for(users["admin"]), counts
    before = now()
    response = client.post(reverse("admin:unit_import"), {"file": SimpleUploadedFile(name, content)})
    html = response.content.decode()
    assert response.status_code == 200
    if name == "empty.xlsx":  # Django's file field stops an empty upload before the import sees it
        assert "Tập tin được gửi là rỗng." in html
        assert 'id="import-errors"' not in html
    else:
        assert 'id="import-errors"' in html
        assert (READ_ERRORS.get(name) or "Trang tính Sheet, dòng 2, cột A (code): thiếu mã đơn vị.") in html
    assert now() == before


def test_admin_upload_states_the_limits(client_for, users):
    html = client_for(users["admin"]).get(reverse("admin:unit_import")).content.decode()
    assert "Tối đa 10 MB và 60.000 dòng." in html


def units_xlsx(*rows):
    book = Workbook()
    book.active.append(["code", "name", "kind", "parent_code", "area"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LONG_VALUES = [
    # (code, name) → the message for row 2
    ("9" * 5_000, "Thôn Dài", "Trang tính Sheet, dòng 2, cột A (code): ô dài 5.000 ký tự, tối đa 2.000 ký tự."),
    ("07339-29", "N" * 10_000, "Trang tính Sheet, dòng 2, cột B (name): ô dài 10.000 ký tự, tối đa 2.000 ký tự."),
    ("9" * 25, "Thôn Dài", "Trang tính Sheet, dòng 2, cột A (code): mã đơn vị dài 25 ký tự, tối đa 20."),
    ("07339-29", "N" * 201, "Trang tính Sheet, dòng 2, cột B (name): tên đơn vị dài 201 ký tự, tối đa 200."),
]


@pytest.mark.parametrize("code, name, message", LONG_VALUES, ids=["code-5000", "name-10000", "code-25", "name-201"])
def test_long_codes_and_names_are_refused_with_row_and_column(code, name, message, counts, tmp_path, client_for, users):
    client, now = client_for(users["admin"]), counts
    before = now()
    data = units_xlsx([code, name, "thôn", "07339", ""])
    with pytest.raises(ImportFailed) as failure:
        units_import(actor=None, file=SimpleUploadedFile("units.xlsx", data))
    assert [str(e) for e in failure.value.errors] == [message]

    path = tmp_path / "units.xlsx"
    path.write_bytes(data)
    with pytest.raises(CommandError) as command_failure:
        call_command("import_units", str(path))
    assert str(command_failure.value) == f"Tệp có 1 lỗi, chưa nhập dòng nào:\n{message}"

    response = client.post(reverse("admin:unit_import"), {"file": SimpleUploadedFile("units.xlsx", data)})
    assert response.status_code == 200 and f"<li>{message}</li>" in response.content.decode()
    assert now() == before


def test_a_unit_name_at_the_field_limit_imports(counts):
    now = counts
    before = now()
    result = units_import(actor=None, file=SimpleUploadedFile("units.xlsx", units_xlsx(["07339-29", "N" * 200, "thôn", "07339", ""])))
    assert result.created == 1 and AdministrativeUnit.objects.get(code="07339-29").name == "N" * 200
    assert now()[0] == before[0] + 1
