"""Input rules of the registry, written once for the forms, the Excel import and the services.

Each function takes already-parsed values and returns {field: message}; callers put the messages
on a form field, a file cell or a ValidationError.
"""
from django.utils import timezone
from django.utils.translation import gettext as _

from households.models.reviews import ROUND_YEAR_MIN
from povertyplan.lib.parsing import ParseError, parse_money

# Income per person per month above this is no Vietnamese household's: a typing or unit slip.
INCOME_MAX = 1_000_000_000
BIRTH_YEAR_MIN = 1900


def review_year_max():
    """A review result can be for this year at the latest (the periodic review runs Sep–Dec)."""
    return timezone.localdate().year


def parse_income(value):
    """Thu nhập bình quân đồng/người/tháng → povertyplan.lib.parsing.Number; raises ParseError."""
    return parse_money(value, maximum=INCOME_MAX)


def birth_errors(birth_date, birth_year):
    """Ngày sinh / năm sinh: at least one, not in the future, not before 1900, and consistent."""
    today = timezone.localdate()
    errors = {}
    if birth_date is not None:
        if birth_date > today:
            errors["birth_date"] = _("Ngày sinh không được sau hôm nay.")
        elif birth_date.year < BIRTH_YEAR_MIN:
            errors["birth_date"] = _("Ngày sinh phải từ năm %(min)s.") % {"min": BIRTH_YEAR_MIN}
    if birth_year is not None and not BIRTH_YEAR_MIN <= birth_year <= today.year:
        errors["birth_year"] = _("Năm sinh phải từ %(min)s đến %(max)s.") % {"min": BIRTH_YEAR_MIN, "max": today.year}
    elif birth_date is not None and birth_year is not None and birth_date.year != birth_year:
        errors["birth_year"] = _("Năm sinh không khớp với ngày sinh.")
    if birth_date is None and birth_year is None:
        errors["birth_year"] = _("Cần ghi ngày sinh hoặc năm sinh.")
    return errors


def decision_errors(number, date):
    """Số và ngày quyết định công nhận go together; the date is not in the future."""
    errors = {}
    if number and date is None:
        errors["decision_date"] = _("Có số quyết định thì cần ghi ngày quyết định.")
    if date is not None and not number:
        errors["decision_number"] = _("Có ngày quyết định thì cần ghi số quyết định.")
    if date is not None and date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    return errors


__all__ = ["INCOME_MAX", "BIRTH_YEAR_MIN", "ROUND_YEAR_MIN", "ParseError", "birth_errors", "decision_errors",
           "parse_income", "review_year_max"]
