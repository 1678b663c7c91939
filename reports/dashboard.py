"""Bảng điều hành: the dashboard of a unit's subtree for one periodic-review year, built once here and drawn
by the page (reports/dashboard/) and the home panel (reports/home.py).

Reads only kept figures and small tables, so the number of queries does not grow with households, units or
years: `load` reads the child units (1) and the trend of every year for the unit and its children (1,
poverty_trend); `build` the plan targets (1) and, on the page, the overdue reports (completeness).

The default year is the latest complete in every commune of the scope (households.selectors.complete_year);
the transitions and deprivations of the year come from the kept figures (review_summary, deprivation_counts).
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from households import selectors as household_selectors
from households.selectors import poverty_trend
from households.standards import review_year_standard
from households.statuses import StatusChange
from povertyplan.lib.numbers import rate
from povertyplan.models import AdministrativeUnit
from programmes.models import PlanStatus, Target
from reports import charts

# Indicators compared with the figures: code → (figure, is a rate).
TARGET_INDICATORS = {
    "ho_ngheo": ("poor", False),
    "ty_le_ho_ngheo": ("poor", True),
    "ho_can_ngheo": ("near_poor", False),
    "ty_le_ho_can_ngheo": ("near_poor", True),
}


@dataclass
class Figures:
    households: int = 0
    poor: int = 0
    near_poor: int = 0

    @property
    def poor_rate(self):
        return rate(self.poor, self.households)

    @property
    def near_poor_rate(self):
        return rate(self.near_poor, self.households)

    def add(self, other):
        self.households += other.households
        self.poor += other.poor
        self.near_poor += other.near_poor


@dataclass
class Change:
    """From `since` (the latest year held before the dashboard's) to the year: counts and percentage points."""
    since: int
    poor: int
    near_poor: int
    poor_points: object
    near_poor_points: object


@dataclass
class TargetRow:
    name: str
    unit_of_measure: str
    target: object
    actual: object
    plan: object

    @property
    def gap(self):
        return None if self.actual is None else self.actual - self.target

    @property
    def met(self):
        """A poverty target is a ceiling: met when the figure is at or below it."""
        return self.actual is not None and self.actual <= self.target


@dataclass
class ChildRow:
    unit: object
    figures: Figures


@dataclass
class Dashboard:
    unit: object                      # None: national scope (an administrator)
    year: object                      # None: no recognised result in the scope yet
    years: list                       # every year held, oldest first
    headline: Figures
    previous: Figures = None
    change: Change = None
    targets: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    trend: list = field(default_factory=list)   # [(year, Figures)], oldest first
    overdue: object = None            # overdue reports of the year in the subtree; None: not computed
    reaggregated: list = field(default_factory=list)  # years of the unit re-aggregated on its predecessors
    territory: object = None          # povertyplan.selectors.Territory of those years
    transitions: object = None
    deprivations: object = None
    standard: object = None           # the standard the year's review classified with (its notice when not law)

    @property
    def title(self):
        return self.unit.full_name if self.unit is not None else _("Toàn quốc")

    def trend_chart(self):
        return charts.trend_chart([(year, f.poor_rate, f.near_poor_rate) for year, f in self.trend],
                                  title=_("Tỷ lệ hộ nghèo, cận nghèo qua các năm"), prefix="chart-trend")

    def units_chart(self):
        return charts.unit_bars([(row.unit.name, row.figures.poor_rate, row.figures.near_poor_rate)
                                 for row in self.rows],
                                title=_("Tỷ lệ hộ nghèo, cận nghèo năm %(year)s theo đơn vị") % {"year": self.year},
                                prefix="chart-units")


def default_year(user):
    """The year shown when none is picked: the latest year complete in every commune of the scope (a round
    begun in one commune changes nothing until all have recognised it)."""
    return household_selectors.complete_year(user)


def child_units(unit):
    queryset = (unit.children.all() if unit is not None
                else AdministrativeUnit.objects.filter(parent__isnull=True))
    return list(queryset.order_by("code"))


@dataclass
class Source:
    """What every year of a unit's dashboard is drawn from (two queries): the year picker needs its years
    before the year is chosen, so the page loads this once and builds the chosen year from it."""
    unit: object
    children: list
    trends: dict      # unit pk → {year: counts} for the unit and each child
    own: dict         # year → counts of the unit (national: summed over the provinces)
    # unit pk → (years re-aggregated on the predecessors' territory, Territory): the unit and its children
    across: dict = field(default_factory=dict)

    @property
    def years(self):
        return list(self.own)


def load(unit):
    """The Source of `unit` (already checked to be in the user's scope; None = national)."""
    children = child_units(unit)
    trends = poverty_trend(children + ([unit] if unit is not None else []))
    # Units made on 1 July 2025 show the years before on their predecessors' territory (tổng hợp lại).
    across = {}
    for pk, (years, territory) in household_selectors.poverty_trend_across(
            children + ([unit] if unit is not None else [])).items():
        held = trends[pk]
        added = [y for y in years if y not in held]
        trends[pk] = dict(sorted({**{y: years[y] for y in added}, **held}.items()))
        across[pk] = (added, territory)
    if unit is not None:
        own = trends[unit.pk]
    else:  # national: the sum of the provinces
        summed = {}
        for child in children:
            for y, counts in trends[child.pk].items():
                summed.setdefault(y, Figures()).add(Figures(**counts))
        own = {y: vars(f) for y, f in sorted(summed.items())}
    return Source(unit=unit, children=children, trends=trends, own=own, across=across)


def build(source, year, *, overdue=None):
    """The dashboard of the source's unit for `year` (None: no year held yet)."""
    unit, own, trends = source.unit, source.own, source.trends
    years = source.years
    trend = [(y, Figures(**own[y])) for y in years]
    headline = (Figures(**own[year]) if year in own
                else Figures(households=_registry_households(unit, source.children, trends)))
    dashboard = Dashboard(unit=unit, year=year, years=years, headline=headline, trend=trend, overdue=overdue,
                          standard=review_year_standard(year) if year is not None else None)
    if unit is not None and unit.pk in source.across:
        dashboard.reaggregated, dashboard.territory = source.across[unit.pk]
    earlier = [y for y in years if year is not None and y < year]
    if earlier:
        dashboard.previous = Figures(**own[earlier[-1]])
        dashboard.change = _change(earlier[-1], dashboard.previous, headline)
    dashboard.rows = [ChildRow(child, Figures(**trends[child.pk][year]) if year in trends[child.pk]
                               else Figures(households=_registry_of(trends[child.pk])))
                      for child in source.children]
    if unit is not None and year is not None:
        dashboard.targets = plan_targets(unit, year, headline)
        # a year before the unit existed: its predecessors' territory, as the headline
        units = dashboard.territory.parts if year in dashboard.reaggregated else [unit]
        dashboard.transitions = _transitions(units, year)
        dashboard.deprivations = _deprivations(units, year, dashboard.standard)
    return dashboard


def _registry_of(years):
    return next(iter(years.values()))["households"] if years else 0


def _registry_households(unit, children, trends):
    """Households now, for a unit whose subtree holds no result yet (every year row carries it otherwise)."""
    if unit is not None and trends[unit.pk]:
        return _registry_of(trends[unit.pk])
    return sum(_registry_of(trends[c.pk]) for c in children)


def _change(since, before, now):
    def points(new, old):
        return None if new is None or old is None else new - old

    return Change(since=since, poor=now.poor - before.poor, near_poor=now.near_poor - before.near_poor,
                  poor_points=points(now.poor_rate or 0, before.poor_rate or 0),
                  near_poor_points=points(now.near_poor_rate or 0, before.near_poor_rate or 0))


def plan_targets(unit, year, figures):
    """The unit's poverty targets due in `year` (issued plans ending that year; of several, the plan with the
    shortest period, then the unit's own plan), each with the year's figure. One query."""
    targets = (Target.objects.filter(unit=unit, value__isnull=False, indicator__code__in=TARGET_INDICATORS,
                                     plan__status=PlanStatus.ISSUED, plan__year_to=year)
               .select_related("indicator", "plan__issuing_unit"))
    chosen = {}
    for target in sorted(targets, key=lambda t: (t.plan.year_to - t.plan.year_from, t.plan.issuing_unit_id != unit.pk,
                                                 -t.plan.pk)):
        chosen.setdefault(target.indicator.code, target)
    rows = []
    for code in TARGET_INDICATORS:
        target = chosen.get(code)
        if target is None:
            continue
        figure, is_rate = TARGET_INDICATORS[code]
        actual = getattr(figures, f"{figure}_rate") if is_rate else getattr(figures, figure)
        rows.append(TargetRow(name=target.indicator.name, unit_of_measure=target.indicator.unit_of_measure,
                              target=target.value, actual=actual, plan=target.plan))
    return rows


def _transitions(units, year):
    """Biến động of the year over the units: (label, households) for newly poor, re-poor, escaped poverty
    and near-poverty."""
    summaries = household_selectors.review_summary(units, year).values()
    return [(change.label, sum(s[change.value] for s in summaries)) for change in StatusChange]


def _deprivations(units, year, standard):
    """The deprivations of the year's poor and near-poor households over the units, most common among the
    poor first: (indicator, poor, near-poor); `standard`: the one the year's review applied."""
    counts = {}
    for per_unit in household_selectors.deprivation_counts(units, year).values():
        for code, pair in per_unit.items():
            total = counts.setdefault(code, {"poor": 0, "near_poor": 0})
            total["poor"] += pair.get("poor", 0)
            total["near_poor"] += pair.get("near_poor", 0)
    rows = [(f"{i.code}. {i.name}", counts.get(i.code, {}).get("poor", 0), counts.get(i.code, {}).get("near_poor", 0))
            for i in (standard.indicators.order_by("order", "pk") if standard else [])]
    return sorted(rows, key=lambda row: (-row[1], -row[2]))


def overdue_count(user, unit, year):
    """Reports of `year`'s periods not sent after their deadline, by reporters in the unit's subtree."""
    from programmes.progress.completeness import overdue

    rows = overdue(user)
    return sum(1 for row in rows if row.due.period.year == year
               and (unit is None or unit.contains(row.reporter_unit)))
