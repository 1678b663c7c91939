"""Home-page panel of the households app (collected by povertyplan.panels): the households' requests
(giấy đề nghị) still waiting for an answer, each with its 15-day deadline, overdue ones first-marked."""
from django.utils import timezone

from households import selectors
from povertyplan.access import role_of
from povertyplan.models import Role

SHOWN = 8
REQUEST_ROLES = (Role.COMMUNE, Role.LEADER)


def panels(user):
    if role_of(user) not in REQUEST_ROLES:
        return []
    today = timezone.localdate()
    rows = [{"request": r, "deadline": r.deadline, "overdue": today > r.deadline}
            for r in selectors.open_requests(user)]
    overdue = sum(1 for row in rows if row["overdue"])
    return [("households/_home_requests.html", {"rows": rows[:SHOWN], "count": len(rows), "overdue": overdue})]
