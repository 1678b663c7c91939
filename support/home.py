"""The home-page panel of the support app (collected by povertyplan.panels): for a supervisor, commune or
agency officer, the coverage of each policy they see in their scope today (eligible, supported, share),
linked to the eligibility lists.

The panel itself costs the home page nothing: its table is fetched by htmx from support:coverage_panel
once the page is shown, since a province's coverage evaluates every policy's rule over its households
(see bench/support.py) and the home must not wait for it."""
from django.utils import timezone

from povertyplan.access import role_of, scope_unit
from support.access import READ_ROLES


def panels(user):
    unit = scope_unit(user)
    if role_of(user) not in READ_ROLES or unit is None:
        return []
    return [("support/_coverage_panel.html", {"unit": unit, "as_of": timezone.localdate()})]
