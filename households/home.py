"""Home-page panel of the households app (collected by povertyplan.panels): a commune officer's (and the
commune leader's) home starts with the round that is open and how far its villages have got."""
from households import selectors
from households.access import can_write
from households.models import RoundKind
from povertyplan.access import role_of, scope_unit
from povertyplan.models import Role

HOME_ROLES = (Role.COMMUNE, Role.LEADER)


def panels(user):
    if role_of(user) not in HOME_ROLES:
        return []
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
    return [("households/_home_round.html",
             {"rounds": rounds, "can_create": commune is not None and can_write(user, commune)})]
