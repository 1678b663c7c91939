"""Writing .xlsx cells so that text stays text and numbers stay numbers.

Every spreadsheet the app writes puts its values through `cell()` (or `row()`): a string is always a
string cell, even when it starts with "=", "+", "-", "@", a tab or CR, so a household head typed as
=HYPERLINK(…) is shown, never evaluated (it cannot carry neighbouring cells such as CCCD numbers out
of the file). Such cells also get Excel's quote prefix, so editing them in Excel keeps them text.
Control characters that XML cannot hold are dropped instead of failing the whole export.
"""
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
TEXT_FORMAT = "@"


def _text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def cell(sheet, value, *, text_format=False, font=None, fill=None, alignment=None, border=None, number_format=None):
    """A write-only cell for `value`: str → string cell; numbers, dates, None unchanged."""
    if isinstance(value, str):
        text = _text(value)
        result = WriteOnlyCell(sheet, value=text)
        result.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        if text.startswith(FORMULA_STARTS):
            result.quotePrefix = True
        if text_format:
            result.number_format = TEXT_FORMAT
    else:
        result = WriteOnlyCell(sheet, value=value)
    for name, style in (("font", font), ("fill", fill), ("alignment", alignment), ("border", border),
                        ("number_format", number_format)):
        if style is not None:
            setattr(result, name, style)
    return result


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
    return target
