"""Reads of the procedure's step dates (QĐ 24/2021 Art. 4; issue 13 item 6): the round page's history
and the review summary's block per village. Both read the dates where the steps keep them: the list's
build in the audit trail (the list entries carry no date), meetings, the posting, complaints, the
decisions recorded on the reviews and the certificates. A fixed number of queries for any number of rounds."""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from households.models import RECOGNISED_STATES, Certificate, Complaint, Posting, Review, VillageMeeting
from povertyplan.models import AdministrativeUnit, AuditEvent

LIST_BUILD = "round.list_build"


def list_built_dates(rounds):
    """{round pk: [local dates the list was built or updated]} from the audit trail, oldest first."""
    dates = defaultdict(list)
    events = (AuditEvent.objects.filter(action=LIST_BUILD, object_type="households.reviewround",
                                        object_id__in=[str(r.pk) for r in rounds])
              .order_by("at", "pk").values_list("object_id", "at"))
    for object_id, at in events:
        dates[int(object_id)].append(timezone.localtime(at).date())
    return dates


@dataclass
class VillageSteps:
    """The step dates of one village in a round following the procedure (None: not done yet)."""
    round: object
    village: object
    list_built_on: datetime.date = None
    meetings: list = field(default_factory=list)
    posting_starts_on: datetime.date = None
    posting_ends_on: datetime.date = None
    complaints: int = 0
    complaints_open: int = 0
    last_resolved_on: datetime.date = None
    decisions: list = field(default_factory=list)  # [(number, date)], oldest first
    certificates: int = 0
    certificates_on: datetime.date = None

    @property
    def first_meeting(self):
        return self.meetings[0] if self.meetings else None

    @property
    def last_meeting(self):
        return self.meetings[-1] if self.meetings else None

    @property
    def decision_numbers(self):
        return ", ".join(number for number, _day in self.decisions)

    @property
    def decision_date(self):
        """The latest decision's date (a village recognised in two decisions shows both numbers)."""
        return self.decisions[-1][1] if self.decisions else None


def village_steps(rounds):
    """[VillageSteps] for every village of each round's commune, by commune and village code. Seven queries."""
    rounds = {r.pk: r for r in rounds}
    if not rounds:
        return []
    built = list_built_dates(rounds.values())
    postings = {p.round_id: p for p in Posting.objects.filter(round__in=rounds)}
    steps = {}
    villages = AdministrativeUnit.objects.filter(parent__in={r.commune_id for r in rounds.values()}).order_by("code")
    by_commune = defaultdict(list)
    for village in villages:
        by_commune[village.parent_id].append(village)
    for review_round in sorted(rounds.values(), key=lambda r: r.commune.code):
        posting = postings.get(review_round.pk)
        for village in by_commune[review_round.commune_id]:
            steps[review_round.pk, village.pk] = VillageSteps(
                review_round, village, list_built_on=(built.get(review_round.pk) or [None])[0],
                posting_starts_on=posting and posting.starts_on, posting_ends_on=posting and posting.ends_on)
    for round_id, village_id, held_on in (VillageMeeting.objects.filter(round__in=rounds).order_by("held_on", "pk")
                                          .values_list("round_id", "village_id", "held_on")):
        if (round_id, village_id) in steps:
            steps[round_id, village_id].meetings.append(held_on)
    complaints = (Complaint.objects.filter(round__in=rounds).order_by().values("round_id", "household__village_id")
                  .annotate(n=Count("pk"), resolved=Count("resolved_on"), last=Max("resolved_on")))
    for row in complaints:
        if (key := (row["round_id"], row["household__village_id"])) in steps:
            steps[key].complaints, steps[key].last_resolved_on = row["n"], row["last"]
            steps[key].complaints_open = row["n"] - row["resolved"]
    decisions = (Review.objects.filter(round__in=rounds, state__in=RECOGNISED_STATES).order_by()
                 .values_list("round_id", "household__village_id", "decision_number", "decision_date").distinct())
    for round_id, village_id, number, day in sorted(decisions, key=lambda d: (d[3], d[2])):
        if (round_id, village_id) in steps:
            steps[round_id, village_id].decisions.append((number, day))
    certificates = (Certificate.objects.filter(review__round__in=rounds).order_by()
                    .values("review__round_id", "review__household__village_id")
                    .annotate(n=Count("pk"), last=Max("issued_on")))
    for row in certificates:
        if (key := (row["review__round_id"], row["review__household__village_id"])) in steps:
            steps[key].certificates, steps[key].certificates_on = row["n"], row["last"]
    return list(steps.values())


@dataclass
class HistoryEntry:
    day: datetime.date
    text: str
    village: str = ""


def round_history(review_round):
    """The round's steps in date order, for its page: list built, each meeting, posting start and end,
    each complaint received and resolved, each decision, certificates issued per day. Six queries."""
    entries = [HistoryEntry(day, _("Lập (cập nhật) danh sách hộ cần rà soát"))
               for day in list_built_dates([review_round]).get(review_round.pk, [])]
    for meeting in VillageMeeting.objects.filter(round=review_round).select_related("village").annotate(
            n=Count("votes")).order_by("held_on", "pk"):
        entries.append(HistoryEntry(meeting.held_on, _("Họp dân: %(present)s người dự, %(n)s hộ bình xét")
                                    % {"present": meeting.present_count, "n": meeting.n}, meeting.village.name))
    posting = Posting.objects.filter(round=review_round).first()
    if posting:
        entries += [HistoryEntry(posting.starts_on, _("Bắt đầu niêm yết công khai")),
                    HistoryEntry(posting.ends_on, _("Kết thúc niêm yết công khai"))]
    for complaint in Complaint.objects.filter(round=review_round).select_related("household__village"):
        village = complaint.household.village.name
        entries.append(HistoryEntry(complaint.received_on, _("Nhận khiếu nại của %(who)s về hộ %(code)s")
                                    % {"who": complaint.complainant, "code": complaint.household.code}, village))
        if complaint.resolved_on:
            entries.append(HistoryEntry(complaint.resolved_on, _("Giải quyết khiếu nại về hộ %(code)s")
                                        % {"code": complaint.household.code}, village))
    for row in (review_round.reviews.filter(state__in=RECOGNISED_STATES).order_by()
                .values("decision_number", "decision_date").annotate(n=Count("pk"))):
        entries.append(HistoryEntry(row["decision_date"], _("Quyết định công nhận số %(number)s: %(n)s hộ")
                                    % {"number": row["decision_number"], "n": row["n"]}))
    for row in (Certificate.objects.filter(review__round=review_round).order_by().values("issued_on")
                .annotate(n=Count("pk"))):
        entries.append(HistoryEntry(row["issued_on"], _("Cấp %(n)s giấy chứng nhận hộ nghèo, hộ cận nghèo")
                                    % {"n": row["n"]}))
    # stable: same-day steps keep the procedure's order (list, meetings, posting, complaints, decision)
    return sorted(entries, key=lambda e: e.day)
