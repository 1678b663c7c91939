"""Panels other apps add to the home page (what is overdue, what a reporter owes next …) and to the
household page (the support a household received).

povertyplan must not import the apps built on it, so, as with figures.py, it asks each app for an
optional `<app>/home.py` with `panels(user) -> list[(template name, context dict)]`, and an optional
`<app>/household_panels.py` with `panels(user, household)` (households must not import the apps
built on it either: support shows its panel on the household page this way).
"""
import importlib

from povertyplan.figures import APPS


def home_panels(user):
    panels = []
    for label in APPS:
        try:
            module = importlib.import_module(f"{label}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"{label}.home":
                raise
            continue
        panels.extend(module.panels(user))
    return panels


def household_panels(user, household):
    """Panels of the apps built on households for a household the user may already see."""
    panels = []
    for label in APPS:
        try:
            module = importlib.import_module(f"{label}.household_panels")
        except ModuleNotFoundError as exc:
            if exc.name != f"{label}.household_panels":
                raise
            continue
        panels.extend(module.panels(user, household))
    return panels
