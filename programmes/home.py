"""Home-page panels of the programmes app (collected by povertyplan.panels): the reviewer's overdue
reports in their scope, what a reporter owes next and by when, and the agency officer's plans with what
each assigns their agency (chủ trì or phối hợp) — the agency officer's landing page."""
from povertyplan.access import role_of
from povertyplan.models import Role
from programmes.progress.completeness import overdue, owed, visible_dues
from programmes.selectors import agency_plans

SHOWN = 5
OVERDUE_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.COMMUNE, Role.LEADER)
REPORTER_ROLES = (Role.AGENCY, Role.COMMUNE)


def panels(user):
    role = role_of(user)
    result = []
    if role not in REPORTER_ROLES and role not in OVERDUE_ROLES:
        return result
    if role == Role.AGENCY:
        plans, more = agency_plans(user)
        result.append(("programmes/_home_plans.html", {"plans": plans, "more": more}))
    dues = visible_dues(user)  # once for both panels
    if role in REPORTER_ROLES:
        rows = owed(user, dues=dues)
        result.append(("programmes/_home_owed.html", {"rows": rows[:SHOWN], "count": len(rows)}))
    if role in OVERDUE_ROLES:
        rows = overdue(user, dues=dues)
        result.append(("programmes/_home_overdue.html", {"rows": rows[:SHOWN], "count": len(rows)}))
    return result
