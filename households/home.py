"""Home-page panels of the households app (collected by povertyplan.panels): a commune officer's (and the
commune leader's) home starts with the round that is open and how far its villages have got, then the
households' requests (giấy đề nghị) still waiting for an answer, each with its 15-day deadline."""
from django.utils import timezone

from households import selectors
from households.access import can_write
from households.models import RoundKind
from povertyplan.access import role_of, scope_unit
from povertyplan.models import Role

HOME_ROLES = (Role.COMMUNE, Role.LEADER)
SHOWN = 8


def panels(user):
    if role_of(user) not in HOME_ROLES:
        return []
    return [_round_panel(user), _requests_panel(user)]


def _round_panel(user):
    commune = scope_unit(user)
    rounds = []
    for review_round in selectors.rounds_taking_results(user):
        rows, total = selectors.round_progress(review_round)
        periodic = review_round.kind == RoundKind.PERIODIC  # a monthly round reviews a few households, not all
        rounds.append({
            "round": review_round, "window": review_round.window(), "total": total, "periodic": periodic,
            "percent": round(100 * total["reviewed"] / total["households"]) if periodic and total["households"] else 0,
            "behind": [row["village"] for row in rows if row["reviewed"] < row["households"]] if periodic else [],
        })
    return ("households/_home_round.html",
            {"rounds": rounds, "can_create": commune is not None and can_write(user, commune)})


def _requests_panel(user):
    today = timezone.localdate()
    rows = [{"request": r, "deadline": r.deadline, "overdue": today > r.deadline}
            for r in selectors.open_requests(user)]
    overdue = sum(1 for row in rows if row["overdue"])
    return ("households/_home_requests.html", {"rows": rows[:SHOWN], "count": len(rows), "overdue": overdue})
