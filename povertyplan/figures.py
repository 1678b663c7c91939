"""Figures other apps add to the unit tables of the home and unit pages.

povertyplan must not import the apps built on it, so it asks each one for an optional
`<app>/figures.py` with `unit_columns(user, units) -> list[UnitColumn]` (as load_demo does with
demo.py). The households app adds the poor and near-poor counts of the latest recognised review.
"""
import importlib
from dataclasses import dataclass, field

from povertyplan.lib.numbers import format_number

APPS = ["households", "programmes", "reports", "support"]


@dataclass
class UnitColumn:
    title: str
    values: dict = field(default_factory=dict)  # unit pk → number (None shows "-")
    places: int = 0

    def display(self, unit_pk):
        value = self.values.get(unit_pk)
        return "-" if value is None or (self.places and value == 0) else format_number(value, self.places)


def unit_columns(user, units):
    columns = []
    for label in APPS:
        try:
            module = importlib.import_module(f"{label}.figures")
        except ModuleNotFoundError as exc:
            if exc.name != f"{label}.figures":
                raise
            continue
        columns.extend(module.unit_columns(user, units))
    return columns


def attach(units, columns):
    """Give each unit a `figures` list, one display value per column, for the templates."""
    for unit in units:
        unit.figures = [column.display(unit.pk) for column in columns]
    return units
