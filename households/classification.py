"""Phân loại hộ: the one place where income and deprivations become poor / near-poor / … .

Every screen, import and generator classifies through `classify`, with the standard in force on
the date (Nghị định 07/2021 Art. 3 and its successors, stored as data). Lines are inclusive:
income ≤ the poverty line is under it; income ≤ the average line is in the average band.
"""
from households.statuses import Classification  # noqa: F401  (defined with the other status enums)
from povertyplan.models import Area


def classify(*, income_per_capita, deprivation_count, area, on_date, standard=None):
    """Classification of a household with this monthly income per person (VND) and deprivations.

    `area` is Area.URBAN / Area.RURAL (or "urban" / "rural"); `standard` may be passed by callers
    that classify many households with the standard already fetched.
    """
    from households.standards import standard_in_force

    if area not in (Area.URBAN, Area.RURAL):
        raise ValueError(f"area must be urban or rural, not {area!r}")
    if income_per_capita is None or income_per_capita < 0 or deprivation_count is None or deprivation_count < 0:
        raise ValueError("income and deprivation count must be non-negative")
    if standard is None:
        standard = standard_in_force(on_date)
    if income_per_capita <= standard.poor_line(area):
        if deprivation_count >= standard.min_deprivations:
            return Classification.POOR
        return Classification.NEAR_POOR
    if income_per_capita <= standard.average_line(area):
        return Classification.AVERAGE
    return Classification.ABOVE_AVERAGE
