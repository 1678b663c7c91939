import datetime

import pytest
from django.core.exceptions import ValidationError

from households.classification import Classification, classify
from households.models import PovertyStandard
from households.standards import load_standards
from povertyplan.models import Area

POOR, NEAR, AVG, ABOVE = (Classification.POOR, Classification.NEAR_POOR, Classification.AVERAGE,
                          Classification.ABOVE_AVERAGE)

# (a date in the period, area, poverty line, average-living-standard line), written out from domain.md
PERIODS = [
    (datetime.date(2022, 1, 1), Area.RURAL, 1_500_000, 2_250_000),
    (datetime.date(2025, 12, 31), Area.URBAN, 2_000_000, 3_000_000),
    (datetime.date(2023, 6, 15), Area.RURAL, 1_500_000, 2_250_000),
    (datetime.date(2024, 6, 15), Area.URBAN, 2_000_000, 3_000_000),
    (datetime.date(2026, 1, 1), Area.RURAL, 1_500_000, 2_250_000),
    (datetime.date(2026, 12, 31), Area.URBAN, 2_000_000, 3_000_000),
    (datetime.date(2027, 1, 1), Area.RURAL, 2_200_000, 3_300_000),
    (datetime.date(2030, 12, 31), Area.URBAN, 2_800_000, 4_200_000),
]


@pytest.mark.parametrize(("on_date", "area", "line", "average"), PERIODS)
@pytest.mark.parametrize(("deprivations", "results"), [
    # incomes: line − 1, line, line + 1, average − 1, average, average + 1
    (0, [NEAR, NEAR, AVG, AVG, AVG, ABOVE]),
    (2, [NEAR, NEAR, AVG, AVG, AVG, ABOVE]),
    (3, [POOR, POOR, AVG, AVG, AVG, ABOVE]),
    (12, [POOR, POOR, AVG, AVG, AVG, ABOVE]),
])
def test_boundaries_at_below_and_above_each_line(standards, on_date, area, line, average, deprivations, results):
    incomes = [line - 1, line, line + 1, average - 1, average, average + 1]
    got = [classify(income_per_capita=i, deprivation_count=deprivations, area=area, on_date=on_date) for i in incomes]
    assert got == results


@pytest.mark.parametrize(("on_date", "area", "income", "deprivations", "result"), [
    # 2022–2025, rural line 1.500.000
    ("2023-10-01", "rural", 1_500_000, 3, POOR),
    ("2023-10-01", "rural", 1_500_000, 2, NEAR),
    ("2023-10-01", "rural", 1_499_999, 3, POOR),
    ("2023-10-01", "rural", 1_500_001, 3, AVG),
    ("2023-10-01", "rural", 2_250_000, 0, AVG),
    ("2023-10-01", "rural", 2_250_001, 0, ABOVE),
    # 2022–2025, urban line 2.000.000: a rural-poor income is only near-poor… and urban-poor at 2.000.000
    ("2023-10-01", "urban", 2_000_000, 3, POOR),
    ("2023-10-01", "urban", 2_000_001, 5, AVG),
    ("2023-10-01", "urban", 1_999_999, 2, NEAR),
    ("2023-10-01", "urban", 3_000_000, 0, AVG),
    ("2023-10-01", "urban", 3_000_001, 0, ABOVE),
    # 2026 keeps the values
    ("2026-06-30", "rural", 1_500_000, 3, POOR),
    ("2026-06-30", "rural", 1_500_001, 3, AVG),
    ("2026-06-30", "urban", 2_000_000, 2, NEAR),
    ("2026-06-30", "urban", 3_000_001, 0, ABOVE),
    # 2027–2030: 2.200.000 rural, 2.800.000 urban
    ("2027-01-01", "rural", 2_200_000, 3, POOR),
    ("2027-01-01", "rural", 2_200_001, 3, AVG),
    ("2027-01-01", "rural", 1_600_000, 2, NEAR),
    ("2027-01-01", "urban", 2_800_000, 3, POOR),
    ("2027-01-01", "urban", 2_800_001, 3, AVG),
    ("2030-12-31", "urban", 2_799_999, 2, NEAR),
    # the same income on either side of the change of standard
    ("2026-12-31", "urban", 2_500_000, 4, AVG),
    ("2027-01-01", "urban", 2_500_000, 4, POOR),
])
def test_decree_examples(standards, on_date, area, income, deprivations, result):
    on = datetime.date.fromisoformat(on_date)
    assert classify(income_per_capita=income, deprivation_count=deprivations, area=area, on_date=on) == result


def test_enum_values_are_the_stable_codes():
    assert [c.value for c in Classification] == ["poor", "near_poor", "average", "above_average"]
    assert Classification.POOR.label == "Hộ nghèo"
    assert Classification.NEAR_POOR.label == "Hộ cận nghèo"


def test_no_standard_for_the_date_is_a_clear_error(standards):
    with pytest.raises(ValidationError) as info:
        classify(income_per_capita=1, deprivation_count=0, area=Area.RURAL, on_date=datetime.date(2021, 12, 31))
    assert "Chưa có chuẩn nghèo áp dụng cho ngày 31/12/2021" in info.value.messages[0]


def test_bad_arguments_are_refused(standards):
    on = datetime.date(2023, 1, 1)
    with pytest.raises(ValueError):
        classify(income_per_capita=-1, deprivation_count=0, area=Area.RURAL, on_date=on)
    with pytest.raises(ValueError):
        classify(income_per_capita=1, deprivation_count=0, area="", on_date=on)


def test_thresholds_are_data_not_constants(standards):
    on = datetime.date(2024, 3, 1)
    assert classify(income_per_capita=1_700_000, deprivation_count=3, area=Area.RURAL, on_date=on) == AVG
    PovertyStandard.objects.filter(code="2022-2025").update(poor_line_rural=1_800_000)
    assert classify(income_per_capita=1_700_000, deprivation_count=3, area=Area.RURAL, on_date=on) == POOR


def test_standards_and_their_twelve_indicators_are_loaded_idempotently(standards):
    load_standards()
    assert list(PovertyStandard.objects.values_list("code", flat=True)) == ["2022-2025", "2026", "2027-2030"]
    for standard in PovertyStandard.objects.all():
        indicators = list(standard.indicators.values_list("code", "service", "name"))
        assert len(indicators) == 12
        assert indicators[0] == ("1", "Việc làm", "Việc làm")
        assert indicators[3] == ("4", "Y tế", "Bảo hiểm y tế")
        assert indicators[11] == ("12", "Thông tin", "Phương tiện phục vụ tiếp cận thông tin")
    # exactly one standard in force on each day of 2022–2030
    day = datetime.date(2022, 1, 1)
    while day <= datetime.date(2030, 12, 31):
        assert PovertyStandard.objects.in_force(day).count() == 1, day
        day += datetime.timedelta(days=90)


@pytest.mark.django_db(transaction=True)
def test_standards_survive_a_flush_through_the_loader():
    PovertyStandard.objects.all().delete()
    load_standards()
    assert classify(income_per_capita=2_000_000, deprivation_count=3, area=Area.URBAN,
                    on_date=datetime.date(2025, 1, 1)) == POOR
