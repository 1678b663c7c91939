"""Writing styled sheets: bold shaded header, column widths, frozen header row, text columns."""
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
TEXT_FORMAT = "@"


def add_sheet(workbook, title, columns):
    """A write-only sheet with the header row written; returns (sheet, row writer)."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        header.append(cell)
    sheet.append(header)

    def write(values):
        row = []
        for column, value in zip(columns, values, strict=True):
            if column.text and value not in (None, ""):
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.number_format = TEXT_FORMAT
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)

    return sheet, write
