"""The dashboard on the home page (collected by povertyplan.panels): a supervisor's and a commune's home
shows the dashboard summary of their scope for the default year — headline, child units, trend — with a
link to the full page (year picker, drill-down, completeness). A panel rather than a redirect of the home:
povertyplan must not know reports, and the home keeps the other apps' panels (overdue reports) and its
unit table."""
from households.access import can_read
from povertyplan.access import role_of, scope_unit
from povertyplan.models import Role
from reports import dashboard
from reports.forms import YearForm

HOME_ROLES = (Role.SUPERVISOR, Role.COMMUNE, Role.LEADER)


def panels(user):
    if role_of(user) not in HOME_ROLES or not can_read(user):
        return []
    unit = scope_unit(user)
    if unit is None:
        return []
    year = dashboard.default_year(user)
    if year is None:
        return []  # nothing recognised yet: the home's unit table says as much
    source = dashboard.load(unit)
    return [("reports/_home_dashboard.html", {"board": dashboard.build(source, year),
                                              "form": YearForm(years=source.years)})]
