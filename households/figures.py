"""Household figures on the unit tables (home and unit pages): households, poor and near-poor
counts and rates from the latest periodic review recognised in the user's scope."""
from django.db.models import Max
from django.utils.translation import gettext as _

from households.access import can_read, rounds_in_scope
from households.models import RECOGNISED_STATES, RoundKind
from households.selectors import poverty_counts
from povertyplan.figures import UnitColumn
from povertyplan.lib.numbers import rate


def latest_recognised_year(user):
    return (rounds_in_scope(user).filter(kind=RoundKind.PERIODIC, reviews__state__in=RECOGNISED_STATES)
            .aggregate(year=Max("year"))["year"])


def unit_columns(user, units):
    if not can_read(user) or not units:
        return []
    year = latest_recognised_year(user)
    if year is None:
        return []
    counts = poverty_counts(units, year)
    households = {pk: c["households"] for pk, c in counts.items()}
    poor = {pk: c["poor"] for pk, c in counts.items()}
    near_poor = {pk: c["near_poor"] for pk, c in counts.items()}
    return [
        UnitColumn(_("Số hộ"), households),
        UnitColumn(_("Hộ nghèo %(year)s") % {"year": year}, poor),
        UnitColumn(_("Tỷ lệ (%)"), {pk: rate(poor[pk], households[pk]) for pk in counts}, places=2),
        UnitColumn(_("Hộ cận nghèo %(year)s") % {"year": year}, near_poor),
        UnitColumn(_("Tỷ lệ (%)"), {pk: rate(near_poor[pk], households[pk]) for pk in counts}, places=2),
    ]
