"""Writing styled sheets: bold shaded header, column widths, frozen header row, text columns.

Every value goes through povertyplan.lib.spreadsheet, so text never becomes a formula.
"""
import datetime
from decimal import Decimal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from povertyplan.lib.spreadsheet import cell

COVER_SHEET = "Thông tin"  # the export's first sheet (households.excel.export)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")


def add_sheet(workbook, title, columns):
    """A write-only sheet with the header row written; returns (sheet, row writer)."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([cell(sheet, column.header, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT)
                  for column in columns])

    def write(values):
        sheet.append([cell(sheet, value) if isinstance(value, datetime.date) else cell(
                          sheet, str(value) if column.text and value not in (None, "") else value,
                          text_format=column.text and value not in (None, ""),
                          number_format=column.number_format if isinstance(value, (int, float, Decimal)) else None)
                      for column, value in zip(columns, values, strict=True)])

    return sheet, write
