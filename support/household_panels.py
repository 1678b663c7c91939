"""The household page's support panel (collected by povertyplan.panels): the support the household and its
members received, and the policies they qualify for today without support in the period."""
from django.utils import timezone

from povertyplan.access import role_of
from support.access import READ_ROLES
from support.selectors import household_support


def panels(user, household):
    if role_of(user) not in READ_ROLES:
        return []
    records, missing = household_support(household, timezone.localdate())
    return [("support/_household_panel.html", {"records": records, "missing": missing})]
