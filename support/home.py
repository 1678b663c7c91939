"""The home-page panel of the support app (collected by povertyplan.panels): for a supervisor, commune or
agency officer, the coverage of each policy they see in their scope today (eligible, supported, share),
linked to the eligibility lists. One query for the policies and one per policy."""
from django.utils import timezone

from povertyplan.access import role_of, scope_unit
from support.access import READ_ROLES, policies_for_user
from support.selectors import coverage


def panels(user):
    unit = scope_unit(user)
    if role_of(user) not in READ_ROLES or unit is None:
        return []
    rows = coverage(policies_for_user(user), unit, timezone.localdate())
    if not rows:
        return []
    return [("support/_coverage_panel.html", {"rows": rows, "unit": unit, "as_of": timezone.localdate()})]
