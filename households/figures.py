"""Household figures on the unit tables (home and unit pages): households, poor and near-poor
counts and rates of the latest periodic review complete in every commune of the user's scope
(households.selectors.complete_year)."""
from django.db.models import Max
from django.utils.translation import gettext as _

from households.access import can_read
from households.models import VillageFigure
from households.selectors import complete_year, poverty_counts
from povertyplan.access import scope_q
from povertyplan.figures import UnitColumn
from povertyplan.lib.numbers import rate


def latest_recognised_year(user):
    """The latest periodic-review year with a recognised result in the scope, from the kept figures (a year
    row exists for a village once one of its results of that year is recognised). Not what pages show:
    they use complete_year, which a single recognised result of a new round does not move."""
    if not can_read(user):
        return None
    return (VillageFigure.objects.filter(scope_q(user, "village__"), year__isnull=False)
            .aggregate(year=Max("year"))["year"])


def unit_columns(user, units):
    if not can_read(user) or not units:
        return []
    year = complete_year(user)  # not the latest with any result: one commune's new round moves nothing
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
