"""Writing .xlsx cells so that text stays text and numbers stay numbers.

Every spreadsheet the app writes puts its values through `cell()` (or `row()`): a string is always a
string cell, even when it starts with "=", "+", "-", "@", a tab or CR, so a household head typed as
=HYPERLINK(…) is shown, never evaluated (it cannot carry neighbouring cells such as CCCD numbers out
of the file). Such cells also get Excel's quote prefix, so editing them in Excel keeps them text.
Control characters that XML cannot hold are dropped instead of failing the whole export.
"""
import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
TEXT_FORMAT = "@"
DATE_FORMAT = "DD/MM/YYYY"  # a real date cell, shown as Vietnamese offices write dates
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def _date_format(value):
    if isinstance(value, datetime.datetime):
        return DATETIME_FORMAT
    return DATE_FORMAT if isinstance(value, datetime.date) else None


def _text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def cell(sheet, value, *, text_format=False, font=None, fill=None, alignment=None, border=None, number_format=None):
    """A write-only cell for `value`: str → string cell; numbers, None unchanged; a date → a date cell
    shown dd/mm/yyyy."""
    number_format = number_format or _date_format(value)
    plain = not (text_format or font or fill or alignment or border or number_format)
    if isinstance(value, str):
        text = _text(value)
        if plain and not text.startswith(FORMULA_STARTS):
            return text  # openpyxl writes such text as a string cell itself: no cell object per value (big exports)
        result = WriteOnlyCell(sheet, value=text)
        result.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        if text.startswith(FORMULA_STARTS):
            result.quotePrefix = True
        if text_format:
            result.number_format = TEXT_FORMAT
    elif plain:
        return value
    else:
        result = WriteOnlyCell(sheet, value=value)
    for name, style in (("font", font), ("fill", fill), ("alignment", alignment), ("border", border),
                        ("number_format", number_format)):
        if style is not None:
            setattr(result, name, style)
    return result


def streamed_workbook():
    """A book for lists of any length (a province's households): rows stream to disk in constant memory,
    much faster than openpyxl; the same rules for strings, numbers and dates (spreadsheet_stream)."""
    from povertyplan.lib.spreadsheet_stream import StreamedWorkbook

    return StreamedWorkbook()


def row(sheet, values):
    """sheet.append() argument for a row of plain values, every string made safe."""
    return [cell(sheet, value) for value in values]


def set_value(target, value):
    """Put `value` in a cell of a normal (not write-only) worksheet with the same rules as `cell()`."""
    if isinstance(value, str):
        text = _text(value)
        target.value = text
        target.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            target.quotePrefix = True
    else:
        target.value = value
        if _date_format(value):
            target.number_format = _date_format(value)
    return target


# Sheets for meetings (normal, not write-only, worksheets: merged cells and print set-up need them).
# Positions are 1-based (row, column) as in openpyxl.

THOUSANDS = "#,##0"       # shown with the reader's separators: 1.500.000 in a Vietnamese Excel
DECIMAL_2 = "#,##0.00"


def put(sheet, row_index, column, value, *, font=None, fill=None, alignment=None, border=None, number_format=None):
    """Write one cell of a normal worksheet through `set_value`, with its styles."""
    target = set_value(sheet.cell(row=row_index, column=column), value)
    for name, style in (("font", font), ("fill", fill), ("alignment", alignment), ("border", border),
                        ("number_format", number_format)):
        if style is not None:
            setattr(target, name, style)
    return target


def merge_header(sheet, top, left, bottom, right, value, *, font=None, fill=None, alignment=None, border=None):
    """A header spanning rows top..bottom and columns left..right: the value in its top-left cell, the
    border on every cell of the range (Excel draws a merged cell's border from its parts)."""
    put(sheet, top, left, value, font=font, fill=fill, alignment=alignment, border=border)
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            if (r, c) != (top, left) and border is not None:
                sheet.cell(row=r, column=c).border = border
    if (top, left) != (bottom, right):
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)


def write_title(sheet, lines, width, *, start_row=1, font=None, alignment=None):
    """Title lines (BÁO CÁO TỔNG HỢP …, the unit, the period) each merged across `width` columns;
    returns the next free row."""
    for offset, line in enumerate(lines):
        merge_header(sheet, start_row + offset, 1, start_row + offset, width, line, font=font, alignment=alignment)
    return start_row + len(lines)


def finish_list(sheet, *, width, rows, title=""):
    """The end of a streamed list sheet (write-only works: these are written when the sheet closes): an
    autofilter over the header and `rows` data rows, A4 landscape one page wide, the header repeated on
    every printed page, `title` in the page header and page numbers in the footer."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{rows + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4 (a write-only sheet lacks the PAPERSIZE_A4 name)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    if title:
        sheet.oddHeader.center.text = _text(title).replace("&", "&&")  # "&" starts a header code in Excel
    sheet.oddFooter.right.text = "&P/&N"


def set_widths(sheet, widths):
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def print_setup(sheet, *, header_rows, freeze):
    """A4 landscape, one page wide (as many pages tall as needed), the header rows repeated on each
    page and frozen on screen at `freeze` (e.g. "C6")."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    sheet.freeze_panes = freeze


# Shared look of the meeting tables (reports): thin borders all round, a rate format that prints
# zero as "-" as the official tables do while the cell stays a number.
RATE_OR_DASH = '#,##0.00;-#,##0.00;"-"'


def thin_border():
    from openpyxl.styles import Border, Side

    side = Side(style="thin")
    return Border(left=side, right=side, top=side, bottom=side)


def borders(sheet, top, left, bottom, right, border=None):
    """Draw `border` (default thin) on every cell of the range, written or empty."""
    border = border or thin_border()
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            sheet.cell(row=r, column=c).border = border


# Dropdowns (data validation) that make an import template work like a form.

def source_range(sheet_title, column, first_row, last_row):
    """An absolute reference to a list of values on another sheet, e.g. 'Hướng dẫn'!$B$5:$B$7."""
    from openpyxl.utils import get_column_letter, quote_sheetname

    letter = get_column_letter(column)
    return f"{quote_sheetname(sheet_title)}!${letter}${first_row}:${letter}${last_row}"


def add_list_validation(sheet, cells, source, *, strict=True, title=None, prompt=None, error=None):
    """A dropdown on `cells` (e.g. "C2:C60001") offering the values of `source` (a source_range()).

    strict: any other value is refused by Excel with `error`; otherwise Excel only warns (for lists that
    are not closed, such as ethnicities). Blank cells stay allowed: optional columns are optional."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorStyle="stop" if strict else "warning",
                                showInputMessage=bool(prompt), promptTitle=title, prompt=prompt,
                                errorTitle=title, error=error)
    validation.add(cells)
    sheet.data_validations.append(validation)  # works on write-only sheets too (no add_data_validation there)
    return validation


def add_whole_number_validation(sheet, cells, *, maximum, minimum=0, title=None, error=None):
    """Excel refuses anything but a whole number from `minimum` to `maximum` in `cells` (e.g. "C8:C33"): the
    count columns of a table that is read back in. Blank cells stay allowed."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="whole", operator="between", formula1=str(minimum), formula2=str(maximum),
                                allow_blank=True, showErrorMessage=True, errorStyle="stop", errorTitle=title,
                                error=error)
    validation.add(cells)
    sheet.data_validations.append(validation)
    return validation
