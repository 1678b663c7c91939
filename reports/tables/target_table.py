"""Chỉ tiêu giao giảm nghèo: the target table of a plan for one unit, in the layout of the annex of seed 003
(TT, name; households of the previous year, people, households of the year; poor and near-poor of the
previous year and expected, each with its rate; the row of column letters; the total).

`build(plan, parent)` computes the rows once (three queries whatever the number of units); the HTML page,
the .xlsx (reports.tables.target_xlsx) and the PDF draw them, and the import (target_import) reads the
same layout back. Previous-year figures come from the registry's recognised reviews of year − 1 (the
figures kept per village, households.selectors.poverty_counts) unless the registry is incomplete for
the unit; then from the baselines entered or imported in the plan, and the row says so.
"""
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from households.selectors import poverty_counts
from povertyplan.lib.numbers import format_number, rate
from programmes.models import Target
from programmes.text import doc_date

# Indicator codes of the catalogue (fixtures/programmes/indicators.json) the table reads.
HOUSEHOLDS, PEOPLE, POOR, NEAR_POOR = "so_ho_dan_cu", "nhan_khau", "ho_ngheo", "ho_can_ngheo"
CODES = (HOUSEHOLDS, PEOPLE, POOR, NEAR_POOR)

# The 11 numbered columns: (key, kind); rates are computed from the count before them.
COLUMNS = [
    ("households_before", "count"), ("people", "count"), ("households", "count"),
    ("poor_before", "count"), ("poor_before_rate", "rate"), ("poor", "count"), ("poor_rate", "rate"),
    ("near_poor_before", "count"), ("near_poor_before_rate", "rate"), ("near_poor", "count"), ("near_poor_rate", "rate"),
]
KEYS = [key for key, _kind in COLUMNS]


class Source:
    REGISTRY = "registry"  # sổ hộ: recognised results of the previous year's periodic review
    ENTERED = "entered"    # số liệu nhập: the plan's baselines (typed or imported)
    MIXED = "mixed"        # the total, when rows differ


def source_label(source, year):
    return {Source.REGISTRY: _("Sổ hộ (rà soát %(year)s)") % {"year": year},
            Source.ENTERED: _("Số liệu nhập"),
            Source.MIXED: _("Sổ hộ và số liệu nhập")}.get(source, "")


@dataclass
class TargetRow:
    number: str          # TT ("" for the total)
    unit: object         # None for the total
    name: str
    source: str
    values: dict = field(default_factory=dict)  # key → int (counts) or Decimal (rates) or None

    def cells(self):
        """The 11 values in column order (numbers stay numbers, for the .xlsx)."""
        return [self.values.get(key) for key in KEYS]

    def texts(self):
        """As the seed prints them: counts with Vietnamese separators, rates with two decimals, "-" for a zero rate."""
        out = []
        for key, kind in COLUMNS:
            value = self.values.get(key)
            if kind == "rate":
                out.append("-" if not value else format_number(value, 2))
            else:
                out.append("" if value is None else format_number(value))
        return out


@dataclass
class TargetTable:
    plan: object
    parent: object
    year: int             # the plan's first year ("năm 2024")
    title: str
    subtitle: str
    rows: list
    total: TargetRow

    @property
    def previous_year(self):
        return self.year - 1

    @property
    def header_groups(self):
        """Second header level over the rate columns: (label, first column 1-11, last column)."""
        before, year = self.previous_year, self.year
        return [(_("Hộ nghèo %(year)s") % {"year": before}, 4, 5),
                (_("Hộ nghèo dự kiến %(year)s") % {"year": year}, 6, 7),
                (_("Hộ cận nghèo %(year)s") % {"year": before}, 8, 9),
                (_("Hộ cận nghèo dự kiến %(year)s") % {"year": year}, 10, 11)]

    @property
    def household_labels(self):
        return [_("Số hộ năm %(year)s") % {"year": self.previous_year}, _("Nhân khẩu"),
                _("Số hộ năm %(year)s") % {"year": self.year}]

    @property
    def column_codes(self):
        return ["A", "B", *[str(n) for n in range(1, len(COLUMNS) + 1)], "C"]

    def source_text(self, row):
        return source_label(row.source, self.previous_year)

    @property
    def filename(self):
        return f"chi-tieu-giam-ngheo-{self.parent.code}-{self.year}-{self.plan.pk}"


def _whole(number):
    return None if number is None else int(number)


def _uses_registry(registry, entered):
    """The registry counts for a unit when it holds at least the households entered as last year's (or
    none were entered) and has recognised results of that year whenever poor or near-poor were entered:
    otherwise it is still being filled in, and the figures the office entered stand."""
    if not registry or not registry["households"]:
        return False
    if entered.get("households_before") is not None and registry["households"] < entered["households_before"]:
        return False
    recognised = registry["poor"] + registry["near_poor"]
    typed = (entered.get("poor_before") or 0) + (entered.get("near_poor_before") or 0)
    return recognised > 0 or typed == 0


def _with_rates(values):
    values["poor_before_rate"] = _rate(values.get("poor_before"), values.get("households_before"))
    values["near_poor_before_rate"] = _rate(values.get("near_poor_before"), values.get("households_before"))
    values["poor_rate"] = _rate(values.get("poor"), values.get("households"))
    values["near_poor_rate"] = _rate(values.get("near_poor"), values.get("households"))
    return values


def _rate(count, total):
    return None if count is None else rate(count, total)


def _row(number, unit, targets, registry):
    own = targets.get(unit.pk, {})
    entered = {
        "households_before": _whole(own.get(HOUSEHOLDS, (None, None))[1]),
        "poor_before": _whole(own.get(POOR, (None, None))[1]),
        "near_poor_before": _whole(own.get(NEAR_POOR, (None, None))[1]),
    }
    values = {
        "people": _whole(own.get(PEOPLE, (None, None))[1] if own.get(PEOPLE, (None, None))[1] is not None
                         else own.get(PEOPLE, (None, None))[0]),
        "households": _whole(own.get(HOUSEHOLDS, (None, None))[0]),
        "poor": _whole(own.get(POOR, (None, None))[0]),
        "near_poor": _whole(own.get(NEAR_POOR, (None, None))[0]),
    }
    if _uses_registry(registry, entered):
        source = Source.REGISTRY
        values.update(households_before=registry["households"], poor_before=registry["poor"],
                      near_poor_before=registry["near_poor"])
    else:
        source = Source.ENTERED
        values.update(entered)
    return TargetRow(str(number), unit, unit.name, source, _with_rates(values))


def _total(rows):
    values = {}
    for key, kind in COLUMNS:
        if kind == "count":
            present = [r.values[key] for r in rows if r.values.get(key) is not None]
            values[key] = sum(present) if present else None
    sources = {r.source for r in rows}
    source = sources.pop() if len(sources) == 1 else Source.MIXED
    return TargetRow("", None, _("Tổng"), source if rows else "", _with_rates(values))


def build(plan, parent=None):
    """The table of `plan` over the child units of `parent` (default: the issuing unit)."""
    parent = parent or plan.issuing_unit
    children = list(parent.children.order_by("code"))
    targets = {}
    for unit_id, code, value, baseline in (
            Target.objects.filter(plan=plan, indicator__code__in=CODES)
            .filter(Q(unit=parent) | Q(unit__parent=parent)).order_by()
            .values_list("unit_id", "indicator__code", "value", "baseline")):
        targets.setdefault(unit_id, {})[code] = (value, baseline)
    registry = poverty_counts(children, plan.year_from - 1)
    rows = [_row(n, unit, targets, registry.get(unit.pk)) for n, unit in enumerate(children, start=1)]
    title = _("CHỈ TIÊU GIAO GIẢM NGHÈO NĂM %(year)s") % {"year": plan.year_from}
    subtitle = _("(Kèm theo Kế hoạch số: %(number)s ngày %(date)s)") % {
        "number": plan.number_symbol.strip(), "date": doc_date(plan.document_date, plan.year_from).removeprefix("ngày ")}
    return TargetTable(plan, parent, plan.year_from, title, subtitle, rows, _total(rows))
