"""The one parser of numbers, years and dates: what a person means, or a refusal — never an exception."""
import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from households.models.registry import household_code_validator, id_number_validator
from povertyplan.lib.numbers import format_number
from povertyplan.lib.parsing import ParseError, parse_date, parse_money, parse_whole_number, parse_year
from povertyplan.lib.tabular import NumericCell, clean_cell

MAX = 1_000_000_000
amounts = st.integers(min_value=0, max_value=MAX)


@pytest.mark.parametrize("text, value", [
    ("1.500.000", 1_500_000), ("1500000", 1_500_000), ("1 500 000", 1_500_000), ("1\u00a0500\u00a0000", 1_500_000),
    ("1,500,000", 1_500_000), ("1.500", 1_500), (" 2.000.000đ ", 2_000_000), ("0", 0), ("2.000.000 VNĐ", 2_000_000),
])
def test_amounts_as_typed(text, value):
    assert parse_money(text, maximum=MAX).value == value


@pytest.mark.parametrize("text", ["1500000.5", "1,5", "1.500.000,50", "1.50.000", "15.00000", "1.500,000", "1.5e6",
                                  "một triệu", "+1500000", "١٥٠٠", "", "  ", "0x10", "1_500_000"])
def test_text_that_is_not_a_whole_grouped_number_is_refused(text):
    with pytest.raises(ParseError):
        parse_money(text, maximum=MAX)


@given(amounts)
def test_any_amount_written_with_vietnamese_separators_reads_back(value):
    assert parse_money(format_number(value), maximum=MAX).value == value
    assert parse_money(str(value), maximum=MAX).value == value
    assert parse_money(format_number(value).replace(".", " "), maximum=MAX).value == value


@given(st.decimals(min_value=0, max_value=MAX, places=2, allow_nan=False))
def test_a_fractional_cell_is_rounded_half_up_and_flagged(value):
    number = parse_money(NumericCell(str(value), float(value)), maximum=MAX)
    exact = Decimal(repr(float(value)))
    assert number.value == int(exact.to_integral_value(rounding=ROUND_HALF_UP))
    assert (number.rounded_from is not None) == (exact != exact.to_integral_value())


@given(st.integers(min_value=0, max_value=MAX), st.integers(min_value=1, max_value=99).filter(lambda d: d % 10))
def test_text_with_a_decimal_part_is_refused_not_multiplied(whole, fraction):
    for text in (f"{whole}.{fraction}", f"{whole},{fraction}", f"{format_number(whole)},{fraction}"):
        with pytest.raises(ParseError):
            parse_money(text, maximum=MAX)


@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.decimals(), st.booleans(), st.none()))
@example("9" * 5000)
@example(float("nan"))
@example(2 ** 63)
@example(Decimal("30863333333333333333332978.833"))  # beyond Decimal's 28 digits when formatted
def test_anything_parses_or_is_refused(value):
    for parse in (lambda v: parse_money(v, maximum=MAX),
                  lambda v: parse_whole_number(v, minimum=0, maximum=100),
                  lambda v: parse_year(v, minimum=2021, maximum=2026),
                  parse_date):
        try:
            result = parse(value)
        except ParseError as exc:
            assert exc.message
        else:
            assert result is not None


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.decimals(allow_nan=False)))
def test_any_cell_parses_or_is_refused_as_a_money_cell(value):
    try:
        number = parse_money(clean_cell(value), maximum=MAX)
    except ParseError:
        return
    assert 0 <= number.value <= MAX


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_any_date_reads_back_from_its_typed_and_cell_forms(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(clean_cell(datetime.datetime(day.year, day.month, day.day))) == day


@pytest.mark.parametrize("text", ["31/02/2024", "29/02/2023", "2024-13-01", "1/1/24", "hôm qua"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ParseError):
        parse_date(text)


@given(st.integers(min_value=2021, max_value=2026))
def test_years_read_back_but_not_with_separators(year):
    assert parse_year(str(year), minimum=2021, maximum=2026) == year
    assert parse_year(NumericCell(str(year), float(year)), minimum=2021, maximum=2026) == year
    with pytest.raises(ParseError):
        parse_year(format_number(year), minimum=2021, maximum=2026)  # "2.024" is no year


@given(st.text(max_size=20))
@example("024070001234")
def test_cccd_is_twelve_ascii_digits_or_refused(text):
    try:
        id_number_validator(text)
    except ValidationError:
        assert not (len(text) == 12 and all(c in "0123456789" for c in text))
    else:
        assert len(text) == 12 and all(c in "0123456789" for c in text)


@given(st.text(max_size=40))
@example("HS-0001")
def test_household_codes_are_plain_letters_digits_and_separators_or_refused(text):
    try:
        household_code_validator(text)
    except ValidationError:
        return
    assert text[0].isascii() and text[0].isalnum()
    assert all(c.isascii() and (c.isalnum() or c in "._/-") for c in text)
