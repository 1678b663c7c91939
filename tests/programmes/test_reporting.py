import datetime

import pytest
from django.core.exceptions import ValidationError

from programmes.models import Frequency, Period, ReportingRule, Timing


def rule(frequency, day, month_offset=0, timing=Timing.BEFORE):
    return ReportingRule(frequency=frequency, day=day, month_offset=month_offset, timing=timing)


def test_monthly_on_the_25th_of_the_same_month():
    monthly = rule(Frequency.MONTHLY, 25, timing=Timing.ON)  # seed 003: "vào ngày 25 hàng tháng"
    assert monthly.deadline(Period(Frequency.MONTHLY, 2024, 2)) == datetime.date(2024, 2, 25)
    assert monthly.deadline(Period(Frequency.MONTHLY, 2024, 12)) == datetime.date(2024, 12, 25)
    assert monthly.describe() == "vào ngày 25 hằng tháng"


def test_quarterly_before_the_first_of_the_quarters_last_month():
    quarterly = rule(Frequency.QUARTERLY, 1, month_offset=2)  # seed 000: "trước ngày 01 của tháng cuối quý"
    assert quarterly.named_date(Period(Frequency.QUARTERLY, 2023, 2)) == datetime.date(2023, 6, 1)
    assert quarterly.deadline(Period(Frequency.QUARTERLY, 2023, 2)) == datetime.date(2023, 5, 31)
    assert quarterly.deadline(Period(Frequency.QUARTERLY, 2023, 1)) == datetime.date(2023, 2, 28)
    assert quarterly.deadline(Period(Frequency.QUARTERLY, 2024, 1)) == datetime.date(2024, 2, 29)  # leap year
    assert quarterly.describe() == "trước ngày 01 của tháng cuối quý"


def test_annual_before_the_first_of_december():
    annual = rule(Frequency.ANNUAL, 1, month_offset=11)  # seed 000: "trước ngày 01 tháng 12"
    assert annual.deadline(Period(Frequency.ANNUAL, 2023)) == datetime.date(2023, 11, 30)
    assert annual.describe() == "trước ngày 01 tháng 12 hằng năm"


def test_monthly_on_the_fifth_of_the_next_month_crosses_the_year():
    next_month = rule(Frequency.MONTHLY, 5, month_offset=1, timing=Timing.ON)  # QĐ 24 Art. 7
    assert next_month.deadline(Period(Frequency.MONTHLY, 2024, 12)) == datetime.date(2025, 1, 5)
    assert next_month.describe() == "vào ngày 05 tháng sau"


def test_semiannual_and_day_31_clamped_to_the_months_length():
    half = rule(Frequency.SEMIANNUAL, 31, month_offset=1, timing=Timing.ON)
    assert half.deadline(Period(Frequency.SEMIANNUAL, 2024, 1)) == datetime.date(2024, 2, 29)
    assert half.deadline(Period(Frequency.SEMIANNUAL, 2024, 2)) == datetime.date(2024, 8, 31)
    assert half.describe() == "vào ngày 31 tháng 02 và tháng 8"


def test_periods_have_official_labels_and_bounds():
    q2 = Period(Frequency.QUARTERLY, 2024, 2)
    assert (q2.start, q2.end, q2.label) == (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30), "Quý II/2024")
    assert Period.containing(Frequency.MONTHLY, datetime.date(2024, 2, 10)).label == "Tháng 02/2024"
    assert len(Period.in_years(Frequency.QUARTERLY, 2024, 2025)) == 8
    with pytest.raises(ValueError):
        Period(Frequency.QUARTERLY, 2024, 5)


def test_a_month_outside_the_period_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as error:
        rule(Frequency.QUARTERLY, 1, month_offset=7).clean()
    assert "Kỳ hằng quý chỉ có 3 tháng" in error.value.message_dict["month_offset"][0]
