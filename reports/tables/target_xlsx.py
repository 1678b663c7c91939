"""The target table (reports.tables.target_table) as an .xlsx for meetings, in the seed's layout: title and
"(Kèm theo Kế hoạch số …)" lines, three merged header levels, the row of column letters, the units, the
total; borders, numeric cells with number formats, widths, frozen header, A4 landscape one page wide with
the header rows repeated. Every cell through povertyplan.lib.spreadsheet."""
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from povertyplan.lib.numbers import format_number
from povertyplan.lib.spreadsheet import (
    RATE_OR_DASH,
    THOUSANDS,
    add_whole_number_validation,
    borders,
    merge_header,
    print_setup,
    put,
    set_widths,
    thin_border,
    write_title,
)
from reports.tables.target_import import LOADED, MAX_COUNT
from reports.tables.target_table import COLUMNS

BOLD = Font(bold=True)
ITALIC = Font(italic=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(vertical="center", wrap_text=True)
HEADER_TOP = 4      # first header row (rows 1-2: title lines, 3: blank)
LETTERS_ROW = HEADER_TOP + 3
WIDTH = 2 + len(COLUMNS) + 1  # TT, name, 11 numbered columns, Ghi chú


def _header(sheet, table):
    head = {"font": BOLD, "alignment": CENTER, "border": thin_border()}
    top = HEADER_TOP
    merge_header(sheet, top, 1, top + 2, 1, "TT", **head)
    merge_header(sheet, top, 2, top + 2, 2, _("Đơn vị"), **head)
    merge_header(sheet, top, 3, top, 5, _("Tổng số hộ dân cư"), **head)
    for offset, label in enumerate(table.household_labels):
        merge_header(sheet, top + 1, 3 + offset, top + 2, 3 + offset, label, **head)
    merge_header(sheet, top, 6, top, 2 + len(COLUMNS), _("Tỷ lệ hộ nghèo, cận nghèo"), **head)
    for label, first, last in table.header_groups:
        merge_header(sheet, top + 1, 2 + first, top + 1, 2 + last, label, **head)
        put(sheet, top + 2, 2 + first, _("Số hộ"), **head)
        put(sheet, top + 2, 2 + last, _("Tỷ lệ"), **head)
    merge_header(sheet, top, WIDTH, top + 2, WIDTH, _("Ghi chú"), **head)
    for column, code in enumerate(table.column_codes, start=1):
        put(sheet, LETTERS_ROW, column, code, font=ITALIC, alignment=CENTER, border=thin_border())


def _row(sheet, index, row, table, *, bold=False):
    font = BOLD if bold else None
    number = int(row.number) if row.number else None
    put(sheet, index, 1, number, font=font, alignment=CENTER)
    put(sheet, index, 2, row.name, font=font, alignment=LEFT)
    for column, ((_key, kind), value) in enumerate(zip(COLUMNS, row.cells(), strict=True), start=3):
        put(sheet, index, column, value, font=font, number_format=RATE_OR_DASH if kind == "rate" else THOUSANDS)
    put(sheet, index, WIDTH, table.source_text(row), font=font, alignment=LEFT)


def _count_validations(sheet, first_row, last_row):
    """The file is also the import template (reports.tables.target_import): the counts it reads back accept
    whole numbers only, as the import does; rates and the total are recomputed, so they are left alone."""
    from openpyxl.utils import get_column_letter

    if last_row < first_row:
        return
    for number in sorted(LOADED):
        letter = get_column_letter(2 + number)
        add_whole_number_validation(sheet, f"{letter}{first_row}:{letter}{last_row}", maximum=MAX_COUNT,
                                    title=_("Số hộ, số người"),
                                    error=_("Ghi số nguyên từ 0 đến %(max)s.") % {"max": format_number(MAX_COUNT)})


def target_table_xlsx(table):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Chỉ tiêu giao %(year)s") % {"year": table.year}
    write_title(sheet, [table.title, table.subtitle], WIDTH, font=Font(bold=True, size=13), alignment=CENTER)
    sheet.cell(row=2, column=1).font = ITALIC
    _header(sheet, table)
    index = LETTERS_ROW
    for row in table.rows:
        index += 1
        _row(sheet, index, row, table)
    index += 1
    _row(sheet, index, table.total, table, bold=True)
    borders(sheet, LETTERS_ROW + 1, 1, index, WIDTH)
    _count_validations(sheet, LETTERS_ROW + 1, index - 1)
    set_widths(sheet, [5, 22, 10, 10, 10, *[8] * (len(COLUMNS) - 3), 20])
    print_setup(sheet, header_rows=(HEADER_TOP, LETTERS_ROW), freeze=f"C{LETTERS_ROW + 1}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
