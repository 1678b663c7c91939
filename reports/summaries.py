"""Bảng tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo: the tables an office sends up after the annual
review, for one unit and one periodic-review year. `build()` computes every row once, from the figures
kept per village (households.selectors: review_summary, deprivation_counts, cause_counts); the HTML page
and the .xlsx (reports.summary_xlsx) only draw them. A fixed number of queries whatever the number of
households or units."""
import datetime
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from households.models import FLAG_FIELDS, Household, PovertyCause, PovertyStandard
from households.selectors import ReviewYears, cause_counts, deprivation_counts, review_summary
from households.selectors_procedure import village_steps
from povertyplan.lib.numbers import rate


@dataclass
class ResultRow:
    name: str
    households: int
    poor: int
    near_poor: int
    poor_members: int
    near_poor_members: int
    number: str = ""

    @property
    def poor_rate(self):
        return rate(self.poor, self.households)

    @property
    def near_poor_rate(self):
        return rate(self.near_poor, self.households)


@dataclass
class MovementRow:
    """Diễn biến trong năm: start − out + in = end. For near-poor households the registry records only
    the exits (thoát cận nghèo); their entries are derived (end − start + out) and not checked."""
    label: str
    start: int
    out: int
    into: int
    end: int
    derived_in: bool = False

    @property
    def balanced(self):
        return self.start - self.out + self.into == self.end


@dataclass
class ShareRow:
    """A count among poor and among near-poor households, with its share (%) of each."""
    label: str
    poor: int
    near_poor: int
    poor_total: int
    near_poor_total: int
    code: str = ""

    @property
    def poor_share(self):
        return rate(self.poor, self.poor_total)

    @property
    def near_poor_share(self):
        return rate(self.near_poor, self.near_poor_total)


@dataclass
class Summary:
    unit: object
    year: int
    years: list
    open_rounds: list
    results: list = field(default_factory=list)
    total: ResultRow = None
    movement: list = field(default_factory=list)
    deprivations: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    causes: list = field(default_factory=list)
    steps: list = field(default_factory=list)  # households.selectors_procedure.VillageSteps

    @property
    def unbalanced(self):
        return [row for row in self.movement if not row.derived_in and not row.balanced]

    @property
    def filename(self):
        return f"tong-hop-ra-soat-{self.unit.code}-{self.year}"


def _result(name, figures, number=""):
    return ResultRow(name, figures["households"], figures["poor"], figures["near_poor"], figures["poor_members"],
                     figures["near_poor_members"], number)


def _indicators(year):
    """The indicators of the standard the periodic review of `year` applied (that of 1 January of year + 1)."""
    standard = PovertyStandard.objects.in_force(datetime.date(year + 1, 1, 1)).first()
    return list(standard.indicators.order_by("order", "pk")) if standard else []


def years_of(unit):
    """The picker's years and the default one (complete in every commune under the unit)."""
    return ReviewYears([unit])


def build(unit, year=None, *, review_years=None):
    """The summary of `unit` for `year` (default: the latest year complete in every commune under it)."""
    review_years = review_years or years_of(unit)
    year = year or review_years.complete_year
    summary = Summary(unit=unit, year=year, years=review_years.years, open_rounds=review_years.open_rounds)
    if year is None:
        return summary
    children = list(unit.children.order_by("code"))
    figures = review_summary([*children, unit], year)
    here = figures[unit.pk]
    summary.results = [_result(c.name, figures[c.pk], str(n)) for n, c in enumerate(children, start=1)]
    summary.total = _result(_("Tổng cộng"), here)
    before = review_summary([unit], year - 1)[unit.pk]
    poor_in = here["newly_poor"] + here["re_poor"]
    summary.movement = [
        MovementRow(_("Hộ nghèo"), before["poor"], here["escaped_poverty"], poor_in, here["poor"]),
        MovementRow(_("Hộ cận nghèo"), before["near_poor"], here["escaped_near_poverty"],
                    here["near_poor"] - before["near_poor"] + here["escaped_near_poverty"], here["near_poor"],
                    derived_in=True),
    ]
    totals = {"poor_total": here["poor"], "near_poor_total": here["near_poor"]}
    deprived = deprivation_counts([unit], year)[unit.pk]
    summary.deprivations = [
        ShareRow(indicator.name, deprived.get(indicator.code, {}).get("poor", 0),
                 deprived.get(indicator.code, {}).get("near_poor", 0), code=indicator.code, **totals)
        for indicator in _indicators(year)]
    labels = {f.name: capfirst(f.verbose_name) for f in Household._meta.fields if f.name in FLAG_FIELDS}
    summary.groups = [ShareRow(str(labels[flag]), here[f"poor_{flag}"], here[f"near_poor_{flag}"], **totals)
                      for flag in FLAG_FIELDS]
    causes = cause_counts([unit], year)[unit.pk]
    summary.causes = [ShareRow(str(cause.label), causes.get(cause.value, {}).get("poor", 0),
                               causes.get(cause.value, {}).get("near_poor", 0), **totals)
                      for cause in PovertyCause]
    # QĐ 24 step dates per village, for the year's rounds that follow the procedure (none: no query)
    summary.steps = village_steps([r for r in review_years.rounds if r.year == year and r.follows_procedure])
    return summary
