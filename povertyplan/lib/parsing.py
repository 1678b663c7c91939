"""Numbers and dates as Vietnamese officials type them: the one parser behind forms and imports.

"1.500.000", "1 500 000", "1500000" and a numeric Excel cell all mean 1,500,000. A dot or comma is
only ever a thousands separator: text with anything else after one ("1500000.5", "1,5") is refused
rather than guessed, since reading a decimal point as a grouping once multiplied incomes by 100.
A numeric cell with a fraction (an average computed in Excel) is rounded half up and flagged, so
the import can say so. Every function either returns what a person means or raises ParseError
with a Vietnamese message; nothing else escapes.
"""
import datetime
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from povertyplan.lib.numbers import format_number

MAX_NUMBER_TEXT = 40  # characters; longer text is no number anyone typed
_SPACES = "\u00a0\u202f\u2009 "  # what Excel and browsers put between thousands
_SUFFIX = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)
_PLAIN = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:(?P<sep>[.,\u00a0\u202f\u2009 ])[0-9]{3})(?:(?P=sep)[0-9]{3})*$")


class ParseError(ValueError):
    """A value that cannot be read; `message` is for the user (Vietnamese)."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Number:
    value: int
    rounded_from: Decimal | None = None  # the cell's value when a fraction was rounded away

    @property
    def note(self):
        if self.rounded_from is None:
            return ""
        return _("đã làm tròn %(before)s thành %(after)s.") % {
            "before": format_number(self.rounded_from, places=_places(self.rounded_from)),
            "after": format_number(self.value)}


def _places(value):
    return max(0, min(6, -value.as_tuple().exponent))


def _from_text(text):
    text = _SUFFIX.sub("", text.strip()).strip(_SPACES)
    if len(text) > MAX_NUMBER_TEXT:
        raise ParseError(_("quá dài để là một số."))
    if _PLAIN.match(text):
        return int(text)
    if _GROUPED.match(text):
        return int(re.sub(r"[^0-9]", "", text))
    if text.startswith("-") and (_PLAIN.match(text[1:]) or _GROUPED.match(text[1:])):
        return -int(re.sub(r"[^0-9]", "", text))
    if re.match(r"^[0-9][0-9.,\u00a0\u202f\u2009 ]*$", text):
        raise ParseError(_("“%(text)s” có phần lẻ hoặc dấu phân cách sai: ghi số nguyên, dấu chấm chỉ để tách hàng "
                           "nghìn (ví dụ 1.500.000).") % {"text": text})
    raise ParseError(_("“%(text)s” không phải là số (ghi ví dụ 1.500.000).") % {"text": text[:MAX_NUMBER_TEXT]})


def _finite(number):
    return math.isfinite(number) if isinstance(number, float) else not isinstance(number, Decimal) or number.is_finite()


def _from_cell(number, allow_fraction):
    """A number as Excel stored it: int, float or Decimal."""
    if isinstance(number, float) and not math.isfinite(number):
        raise ParseError(_("không phải là số."))
    exact = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not exact.is_finite():
        raise ParseError(_("không phải là số hợp lệ."))
    if abs(exact) >= 10 ** 18:  # beyond any count or amount here, and beyond a 64-bit column
        raise ParseError(_("số quá lớn."))
    whole = exact.to_integral_value(rounding=ROUND_HALF_UP)
    if whole == exact:
        return Number(int(whole))
    if not allow_fraction:
        raise ParseError(_("%(value)s phải là số nguyên.") % {"value": format_number(exact, places=_places(exact))})
    return Number(int(whole), rounded_from=exact)


def parse_whole_number(value, *, minimum=0, maximum, allow_fraction=False):
    """A whole number from typed text, an Excel cell (see povertyplan.lib.tabular.NumericCell) or a number.

    Returns Number; raises ParseError (also for empty input: callers decide what blank means).
    """
    if isinstance(value, bool):
        raise ParseError(_("không phải là số."))
    cell = getattr(value, "number", value if isinstance(value, (int, float, Decimal)) else None)
    if cell is not None:
        if _finite(cell) and cell > maximum + 1:  # said as the limit before any rounding or formatting of it
            raise ParseError(_("không được lớn hơn %(max)s.") % {"max": format_number(maximum)})
        number = _from_cell(cell, allow_fraction)
    else:
        text = str(value if value is not None else "").strip()
        if not text:
            raise ParseError(_("chưa ghi số."))
        number = Number(_from_text(text))
    if number.value < minimum:
        raise ParseError(_("không được nhỏ hơn %(min)s.") % {"min": format_number(minimum)} if minimum
                         else _("không được là số âm."))
    if number.value > maximum:
        raise ParseError(_("không được lớn hơn %(max)s.") % {"max": format_number(maximum)})
    return number


def parse_money(value, *, maximum):
    """Whole đồng ≥ 0; a fractional Excel cell is rounded half up (see Number.note)."""
    return parse_whole_number(value, minimum=0, maximum=maximum, allow_fraction=True)


def parse_year(value, *, minimum, maximum):
    """A year written as 2025 (never with a thousands separator: "2.025" is not a year)."""
    number = getattr(value, "number", value)
    if isinstance(number, (int, float, Decimal)) and not isinstance(number, bool):
        text = str(_from_cell(number, allow_fraction=False).value)
    else:
        text = str(value if value is not None else "").strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ParseError(_("“%(text)s” không phải là năm (ghi 4 chữ số, ví dụ %(example)s).")
                         % {"text": text[:MAX_NUMBER_TEXT], "example": maximum})
    year = int(text)
    if not minimum <= year <= maximum:
        raise ParseError(_("năm phải từ %(min)s đến %(max)s.") % {"min": minimum, "max": maximum})
    return year


_DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00)?$"), "ymd"),  # an Excel date cell read back as text
]


def parse_date(value):
    """dd/mm/yyyy as typed (also dd-mm-yyyy, dd.mm.yyyy), or an Excel date cell; raises ParseError."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            a, b, c = (int(x) for x in match.groups())
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise ParseError(_("ngày “%(text)s” không có trên lịch.") % {"text": text}) from None
    raise ParseError(_("“%(text)s” không đúng dạng ngày dd/mm/yyyy.") % {"text": text[:MAX_NUMBER_TEXT]})
