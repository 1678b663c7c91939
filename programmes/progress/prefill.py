"""The figures the household registry (sổ hộ) knows for a reporting commune and period, for pre-filling
a progress report: each with the text that says where it came from.

The list in force during a period is the latest periodic review recognised by the period's last day
(the 2023 review, recognised in December 2023, is the poor list of 2024 until the 2024 one is).
"""
from decimal import Decimal

from django.utils.translation import gettext as _

from households.selectors import latest_recognised_periodic_year, period_changes, poverty_counts
from povertyplan.lib.numbers import rate

# Registry indicators every commune report carries, whatever the plan targets.
BASE_CODES = ("so_ho_dan_cu", "ho_ngheo", "ho_can_ngheo", "ho_ngheo_phat_sinh", "ho_thoat_ngheo", "ho_thoat_can_ngheo",
              "ho_moi_thoat_ngheo", "ra_soat_thuong_xuyen")


def registry_figures(unit, period):
    """{indicator code: (value or None, source text)} of what the registry can say for `unit` in `period`."""
    figures = _changes(unit, period)
    year = latest_recognised_periodic_year(unit, year=period.year, on_date=period.end)
    if year is None:
        return _as_decimals(figures)
    now = poverty_counts([unit], year)[unit.pk]
    source = _("Sổ hộ: kết quả rà soát định kỳ đã công nhận năm %(year)s") % {"year": year}
    figures |= {
        "so_ho_dan_cu": (now["households"], _("Sổ hộ: số hộ trong sổ theo dõi")),
        "ho_ngheo": (now["poor"], source),
        "ho_can_ngheo": (now["near_poor"], source),
        "ty_le_ho_ngheo": (rate(now["poor"], now["households"]), source),
        "ty_le_ho_can_ngheo": (rate(now["near_poor"], now["households"]), source),
    }
    if latest_recognised_periodic_year(unit, year=year - 1, on_date=period.end) == year - 1:
        before = poverty_counts([unit], year - 1)[unit.pk]
        change = _("Sổ hộ: hộ nghèo năm %(before)s trừ hộ nghèo năm %(year)s (kết quả rà soát đã công nhận)") % {
            "before": year - 1, "year": year}
        decrease = before["poor"] - now["poor"]
        figures["giam_ho_ngheo"] = (decrease if decrease >= 0 else None, change)
        old_rate, new_rate = rate(before["poor"], before["households"]), rate(now["poor"], now["households"])
        if old_rate is not None and new_rate is not None and old_rate >= new_rate:
            figures["giam_ty_le_ho_ngheo"] = (old_rate - new_rate, change)
    return _as_decimals(figures)


def _as_decimals(figures):
    return {code: (None if value is None else Decimal(value), text) for code, (value, text) in figures.items()}


def _changes(unit, period):
    """The period's movements: results recognised (by decision date) within it, and the newly escaped at its end."""
    changes = period_changes(unit, period.start, period.end)
    within = _("Sổ hộ: kết quả được công nhận từ %(start)s đến %(end)s") % {
        "start": period.start.strftime("%d/%m/%Y"), "end": period.end.strftime("%d/%m/%Y")}
    return {
        "ho_ngheo_phat_sinh": (changes["newly_poor"], within),
        "ho_thoat_ngheo": (changes["escaped_poverty"], within),
        "ho_thoat_can_ngheo": (changes["escaped_near_poverty"], within),
        "ra_soat_thuong_xuyen": (changes["regular"], within),
        "ho_moi_thoat_ngheo": (changes["newly_escaped"], _("Sổ hộ: hộ mới thoát nghèo ngày %(end)s") % {
            "end": period.end.strftime("%d/%m/%Y")}),
    }


# Registry stocks an allocation's "Kỳ trước" column can start from: indicator code → poverty_counts key.
STOCKS = {"so_ho_dan_cu": "households", "ho_ngheo": "poor", "ho_can_ngheo": "near_poor"}


def registry_baselines(indicator, parent, units, year):
    """({unit pk: Decimal}, source text) of `indicator` for `units` at the end of `year` (the period before the
    plan's), from the periodic review recognised by 31/12 of that year; ({}, "") when the registry cannot say."""
    import datetime

    key = STOCKS.get(indicator.code)
    if key is None:
        return {}, ""
    list_year = latest_recognised_periodic_year(parent, year=year, on_date=datetime.date(year, 12, 31))
    if list_year is None:
        return {}, ""
    counts = poverty_counts(units, list_year)
    source = _("Cột “Kỳ trước” điền sẵn từ sổ hộ: kết quả rà soát định kỳ năm %(year)s đã công nhận. "
               "Kiểm tra trước khi lưu.") % {"year": list_year}
    return {pk: Decimal(row[key]) for pk, row in counts.items()}, source


def _hooks():
    """The `<app>/report_prefill.py` modules of the apps built on programmes (programmes must not import them,
    so, as povertyplan.panels does, it asks each app for the optional module)."""
    import importlib

    from povertyplan.figures import APPS

    for label in APPS:
        try:
            yield importlib.import_module(f"{label}.report_prefill")
        except ModuleNotFoundError as exc:
            if exc.name != f"{label}.report_prefill":
                raise


def support_figures(report, projects):
    """{project pk: (supported, amount in đồng, source text)} of the support the report's agency recorded in its
    period under the policies of `projects` (or their sub-projects), from each app's
    `report_prefill.figures(agency=, projects=, start=, end=)`."""
    figures = {}
    if report.agency_id is None or not projects:
        return figures
    period = report.period
    for module in _hooks():
        figures.update(module.figures(agency=report.agency, projects=projects, start=period.start, end=period.end))
    return figures


def coverage_figures(indicators, unit, as_of):
    """{indicator code: (rate, supported, eligible, source text)} of the `indicators` a support policy measures
    (e.g. ty_le_bhyt by the BHYT cards given): coverage in `unit` on `as_of`, from each app's optional
    `report_prefill.indicator_figures(indicators=, unit=, as_of=)`. A constant number of queries."""
    figures = {}
    indicators = list(indicators)
    if not indicators or unit is None:
        return figures
    for module in _hooks():
        if hasattr(module, "indicator_figures"):
            figures.update(module.indicator_figures(indicators=indicators, unit=unit, as_of=as_of))
    return figures


def report_coverage(report, indicators):
    """coverage_figures for a report: its commune (or its agency's unit), at the end of its period or today
    while the period runs, as {code: (value, source)} like registry_figures."""
    from django.utils import timezone

    unit = report.unit if report.unit_id else report.agency.unit if report.agency_id else None
    as_of = min(report.period.end, timezone.localdate())
    return {code: (value, source) for code, (value, _s, _e, source) in coverage_figures(indicators, unit, as_of).items()}
