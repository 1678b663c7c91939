"""Panels other apps add to the home page (what is overdue, what a reporter owes next …).

povertyplan must not import the apps built on it, so, as with figures.py, it asks each app for an
optional `<app>/home.py` with `panels(user) -> list[(template name, context dict)]`.
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
