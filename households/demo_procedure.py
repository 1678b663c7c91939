"""Demo of the review procedure on the present-day periodic round: the steps half done (issue 13).

`load(stdout, commune)` is called by the present-day demo once the commune's periodic round of this year
exists: the round follows the procedure, its list to review is built, the first half of its villages
have met (one household sent back to review), the posting has not started, and two households'
requests are open, one of them past its 15-day deadline. Idempotent: a round with meetings is skipped.
"""
import datetime

from django.utils import timezone

from households.models import Household, Review, ReviewRequest, ReviewRound, RoundKind, VillageMeeting
from households.services import meeting_record, request_create, round_follow_procedure, round_list_build
from povertyplan.models import Officer, Role

CHAIRS = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Thắng", "Phạm Thị Hoa", "Hoàng Văn Minh", "Vũ Thị Lan"]
PRESENT = 40


def load(stdout, commune):
    today = timezone.localdate()
    officer = Officer.objects.filter(unit=commune, role=Role.COMMUNE).select_related("user").first()
    review_round = ReviewRound.objects.filter(commune=commune, kind=RoundKind.PERIODIC, year=today.year).first()
    if officer is None or review_round is None:
        stdout.write(f"  {commune.full_name}: chưa có cán bộ xã hoặc đợt rà soát định kỳ năm {today.year}, bỏ qua")
        return None
    if VillageMeeting.objects.filter(round=review_round).exists():
        stdout.write(f"  {review_round}: đã có họp dân, bỏ qua")
        return review_round
    actor = officer.user
    round_follow_procedure(actor=actor, round=review_round)
    listed = round_list_build(actor=actor, round=review_round)
    met = _meetings(actor, review_round, today)
    requests = _requests(actor, commune, today)
    stdout.write(f"  {review_round}: {listed} hộ cần rà soát, {met} thôn đã họp dân, chưa niêm yết, "
                 f"{requests} đề nghị của hộ đang chờ (1 quá hạn)")
    return review_round


def _meetings(actor, review_round, today):
    """The first half of the villages with results in the round meet; the last household discussed in
    the first meeting gets under half of the votes and goes back to review."""
    by_village = {}
    for review in (Review.objects.filter(round=review_round).select_related("household__village")
                   .order_by("household__village__code", "household__code")):
        by_village.setdefault(review.household.village, []).append(review.household)
    villages = list(by_village)[: (len(by_village) + 1) // 2]
    for i, village in enumerate(villages):
        households = by_village[village]
        votes = {h: PRESENT - 5 for h in households}
        if i == 0 and len(households) > 1:
            votes[households[-1]] = PRESENT // 2 - 3
        meeting_record(actor=actor, round=review_round, village=village, chair=CHAIRS[i % len(CHAIRS)],
                       held_on=today - datetime.timedelta(days=12 - i % 5), present_count=PRESENT, votes=votes)
    return len(villages)


def _requests(actor, commune, today):
    """Two requests: one received 5 days ago (open), one 20 days ago (overdue)."""
    taken = ReviewRequest.objects.filter(household__commune=commune).values("household")
    households = list(Household.objects.filter(commune=commune).exclude(pk__in=taken).order_by("code")[:2])
    for household, days, kind, channel in zip(households, (5, 20), ("review", "escape"), ("in_person", "online"), strict=False):
        request_create(actor=actor, household=household, kind=kind, channel=channel,
                       received_on=today - datetime.timedelta(days=days))
    return len(households)
