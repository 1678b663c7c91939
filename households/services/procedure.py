"""Writes of the review procedure (QĐ 24/2021 Art. 4–5): requests, village meetings, posting, complaints,
and the steps a round that follows the procedure must have before recognition. Atomic and audited."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from households.access import can_recognise, require_write
from households.models import (
    MEETING_AGREE_SHARE,
    OPEN_STATES,
    RECOGNISED_STATES,
    Certificate,
    Complaint,
    DocumentCounter,
    DocumentSeries,
    Household,
    ListSource,
    MeetingVote,
    Posting,
    RequestChannel,
    RequestKind,
    Review,
    ReviewRequest,
    ReviewRound,
    ReviewState,
    RoundKind,
    RoundListEntry,
    VillageMeeting,
)
from households.statuses import Classification
from povertyplan.audit import record


def regular_round_month(day):
    """(year, month) of the regular review whose window (15th to the 14th after) holds `day`."""
    if day.day >= 15:
        return day.year, day.month
    previous = day.replace(day=1) - datetime.timedelta(days=1)
    return previous.year, previous.month


def _regular_round(actor, commune, day):
    from households.services.reviews import closed_round_message, round_create

    year, month = regular_round_month(day)
    existing = ReviewRound.objects.filter(commune=commune, kind=RoundKind.REGULAR, year=year, month=month).first()
    # QĐ 24 Art. 5: the regular review applies steps 2–4 of Art. 4 (review, village meeting, posting)
    review_round = existing or round_create(actor=actor, commune=commune, year=year, kind=RoundKind.REGULAR,
                                            month=month, follows_procedure=True)
    if not review_round.accepts_results():
        raise ValidationError({"received_on": closed_round_message()})
    return review_round


@transaction.atomic
def request_create(*, actor, household, kind, channel, received_on, notes=""):
    """Ghi giấy đề nghị của hộ (Mẫu 01 / Mẫu 04): it opens the regular review of the month received."""
    require_write(actor, household.village)
    errors = {}
    if kind not in RequestKind.values:
        errors["kind"] = _("Loại đề nghị không hợp lệ.")
    if channel not in RequestChannel.values:
        errors["channel"] = _("Hình thức nộp không hợp lệ.")
    if received_on is None:
        errors["received_on"] = _("Cần ghi ngày nhận đơn.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("Ngày nhận đơn không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    request = ReviewRequest(household=household, round=_regular_round(actor, household.commune, received_on),
                            kind=kind, channel=channel, received_on=received_on, notes=notes.strip(),
                            created_by=actor)
    request.full_clean()
    request.save()
    record(actor=actor, action="request.create", obj=request, unit=household.village,
           after={"kind": kind, "channel": channel, "received_on": received_on.strftime("%d/%m/%Y"),
                  "round": str(request.round)})
    return request


def request_answered(request):
    """Refused, or the household's review in the request's round recognised."""
    if request.refused_on is not None:
        return True
    return Review.objects.filter(household_id=request.household_id, round_id=request.round_id,
                                 state__in=(ReviewState.RECOGNISED, ReviewState.LOCKED)).exists()


@transaction.atomic
def request_refuse(*, actor, request, reason, refused_on):
    """Chủ tịch UBND xã từ chối bằng văn bản, nêu rõ lý do (QĐ 24 Art. 5)."""
    current = ReviewRequest.objects.select_for_update().select_related("household__village").get(pk=request.pk)
    if not can_recognise(actor, current.household.village):
        raise PermissionDenied
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Cần ghi rõ lý do từ chối.")
    if refused_on is None:
        errors["refused_on"] = _("Cần ghi ngày trả lời.")
    elif refused_on > timezone.localdate() or refused_on < current.received_on:
        errors["refused_on"] = _("Ngày trả lời phải từ ngày nhận đơn đến hôm nay.")
    if errors:
        raise ValidationError(errors)
    if request_answered(current):
        raise ValidationError(_("Đề nghị này đã được trả lời."))
    current.refusal_reason, current.refused_on, current.refused_by = reason.strip(), refused_on, actor
    current.full_clean()
    current.save()
    record(actor=actor, action="request.refuse", obj=current, unit=current.household.village,
           after={"refused_on": refused_on.strftime("%d/%m/%Y")}, reason=current.refusal_reason)
    return current


@transaction.atomic
def meeting_record(*, actor, round, village, held_on, chair, present_count, votes, notes=""):  # noqa: A002
    """Ghi cuộc họp dân: `votes` maps each household discussed to the number who agreed with its result.

    A household with less than half of those present agreeing goes back to review (QĐ 24 Art. 4.3):
    its open review returns to the officer with the meeting as the reason.
    """
    require_write(actor, village)
    errors = {}
    if village.parent_id != round.commune_id:
        errors["village"] = _("Thôn, tổ dân phố không thuộc xã của đợt rà soát.")
    if held_on is None:
        errors["held_on"] = _("Cần ghi ngày họp.")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("Ngày họp không được sau hôm nay.")
    if not (chair or "").strip():
        errors["chair"] = _("Cần ghi người chủ trì.")
    if not present_count or present_count < 1:
        errors["present_count"] = _("Số người dự phải lớn hơn 0.")
    if not votes:
        errors["votes"] = _("Cần ít nhất một hộ được đưa ra bình xét.")
    for household, agreed in votes.items():
        if household.village_id != village.pk:
            errors.setdefault("votes", _("Hộ %(code)s không thuộc thôn này.") % {"code": household.code})
        elif agreed is None or agreed < 0 or (present_count and agreed > present_count):
            errors.setdefault("votes", _("Hộ %(code)s: số người đồng ý phải từ 0 đến số người dự.")
                              % {"code": household.code})
    if errors:
        raise ValidationError(errors)
    if not round.accepts_results():
        from households.services.reviews import closed_round_message

        raise ValidationError({"held_on": closed_round_message()})
    meeting = VillageMeeting(round=round, village=village, held_on=held_on, chair=chair.strip(),
                             present_count=present_count, notes=notes.strip())
    meeting.full_clean()
    meeting.save()
    MeetingVote.objects.bulk_create([MeetingVote(meeting=meeting, household=h, agreed_count=n) for h, n in votes.items()])
    record(actor=actor, action="meeting.create", obj=meeting, unit=village,
           after={"held_on": held_on.strftime("%d/%m/%Y"), "present": present_count,
                  "votes": {h.code: n for h, n in votes.items()}})
    _send_back(actor, meeting, [h for h, n in votes.items() if n / present_count < MEETING_AGREE_SHARE])
    return meeting


def _send_back(actor, meeting, households):
    from households.services.reviews import _transition

    reason = _("Họp dân ngày %(date)s: dưới 50%% người dự đồng ý, rà soát lại (QĐ 24/2021 Điều 4 khoản 3).") % {
        "date": meeting.held_on.strftime("%d/%m/%Y")}
    reviews = Review.objects.select_for_update().select_related("household__village").filter(
        round=meeting.round, household__in=households, state__in=OPEN_STATES)
    for review in reviews:
        _transition(actor, review, "review.return", ReviewState.RETURNED, reason=reason, return_reason=reason)


@transaction.atomic
def posting_set(*, actor, round, starts_on, ends_on):  # noqa: A002
    """Ghi thời gian niêm yết công khai kết quả rà soát."""
    require_write(actor, round.commune)
    if starts_on is None or ends_on is None:
        raise ValidationError({"starts_on": _("Cần ghi ngày bắt đầu và kết thúc niêm yết.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc niêm yết không được trước ngày bắt đầu.")})
    posting, _created = Posting.objects.update_or_create(round=round, defaults={"starts_on": starts_on,
                                                                              "ends_on": ends_on})
    posting.full_clean()
    record(actor=actor, action="posting.set", obj=posting, unit=round.commune,
           after={"starts_on": starts_on.strftime("%d/%m/%Y"), "ends_on": ends_on.strftime("%d/%m/%Y")})
    return posting


@transaction.atomic
def complaint_create(*, actor, round, household, complainant, received_on, content):  # noqa: A002
    """Ghi khiếu nại, kiến nghị nhận được trong thời gian niêm yết."""
    require_write(actor, household.village)
    errors = {}
    if household.commune_id != round.commune_id:
        errors["household"] = _("Hộ không thuộc xã của đợt rà soát.")
    if not (complainant or "").strip():
        errors["complainant"] = _("Cần ghi người khiếu nại.")
    if not (content or "").strip():
        errors["content"] = _("Cần ghi nội dung khiếu nại.")
    if received_on is None:
        errors["received_on"] = _("Cần ghi ngày nhận.")
    if errors:
        raise ValidationError(errors)
    complaint = Complaint(round=round, household=household, complainant=complainant.strip(),
                          received_on=received_on, content=content.strip())
    complaint.full_clean()
    complaint.save()
    record(actor=actor, action="complaint.create", obj=complaint, unit=household.village,
           after={"complainant": complaint.complainant, "content": complaint.content})
    return complaint


@transaction.atomic
def complaint_resolve(*, actor, complaint, resolution, resolved_on):
    """Ghi kết quả giải quyết khiếu nại (after a re-check, the officer corrects the review itself)."""
    current = Complaint.objects.select_for_update().select_related("household__village").get(pk=complaint.pk)
    require_write(actor, current.household.village)
    if not (resolution or "").strip():
        raise ValidationError({"resolution": _("Cần ghi kết quả giải quyết.")})
    if resolved_on is None or resolved_on < current.received_on:
        raise ValidationError({"resolved_on": _("Ngày giải quyết phải từ ngày nhận khiếu nại trở đi.")})
    current.resolution, current.resolved_on = resolution.strip(), resolved_on
    current.full_clean()
    current.save()
    record(actor=actor, action="complaint.resolve", obj=current, unit=current.household.village,
           after={"resolution": current.resolution, "resolved_on": resolved_on.strftime("%d/%m/%Y")})
    return current


@transaction.atomic
def round_follow_procedure(*, actor, round):  # noqa: A002
    """Opt a round into the procedure (meetings, posting before recognition) while nothing is recognised."""
    require_write(actor, round.commune)
    current = ReviewRound.objects.select_for_update().get(pk=round.pk)
    if current.follows_procedure:
        return current
    if current.reviews.filter(state__in=RECOGNISED_STATES).exists():
        raise ValidationError(_("Đợt đã có kết quả được công nhận: không chuyển sang quy trình được nữa."))
    current.follows_procedure = True
    current.save(update_fields=["follows_procedure"])
    record(actor=actor, action="round.follow_procedure", obj=current, unit=current.commune,
           before={"follows_procedure": False}, after={"follows_procedure": True})
    round.follows_procedure = True
    return current


@transaction.atomic
def round_list_build(*, actor, round):  # noqa: A002
    """Lập danh sách hộ cần rà soát (QĐ 24 Art. 4.1): the households on the commune's current poor and
    near-poor lists and those whose request for review was received in the round's year. Run again, it
    adds what is new and keeps what is there (officers' additions included)."""
    require_write(actor, round.commune)
    if round.kind != RoundKind.PERIODIC:
        raise ValidationError(_("Danh sách hộ cần rà soát chỉ lập cho đợt rà soát định kỳ."))
    in_commune = Household.objects.filter(commune=round.commune)
    current = in_commune.filter(current_review__classification__in=(Classification.POOR, Classification.NEAR_POOR),
                                current_review__state__in=RECOGNISED_STATES)
    requested = in_commune.filter(requests__received_on__year=round.year, requests__kind="review")
    taken = set(round.list_entries.values_list("household_id", flat=True))
    entries = {}
    for source, queryset in ((ListSource.CURRENT, current), (ListSource.REQUEST, requested)):
        for pk in queryset.values_list("pk", flat=True):
            if pk not in taken and pk not in entries:
                entries[pk] = RoundListEntry(round=round, household_id=pk, source=source)
    RoundListEntry.objects.bulk_create(entries.values(), ignore_conflicts=True)
    record(actor=actor, action="round.list_build", obj=round, unit=round.commune,
           after={"added": len(entries), "total": len(taken) + len(entries)})
    return len(entries)


@transaction.atomic
def round_list_add(*, actor, round, household, reason):  # noqa: A002
    """Bổ sung một hộ vào danh sách cần rà soát, kèm lý do."""
    require_write(actor, household.village)
    if household.commune_id != round.commune_id:
        raise ValidationError({"household": _("Hộ không thuộc xã của đợt rà soát.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Cần ghi lý do bổ sung hộ vào danh sách.")})
    if RoundListEntry.objects.filter(round=round, household=household).exists():
        raise ValidationError({"household": _("Hộ %(code)s đã có trong danh sách.") % {"code": household.code}})
    entry = RoundListEntry(round=round, household=household, source=ListSource.ADDED, reason=reason.strip())
    entry.full_clean()
    entry.save()
    record(actor=actor, action="round.list_add", obj=round, unit=household.village,
           after={"household": household.code}, reason=entry.reason)
    return entry


def missing_steps(review_round, today=None):
    """What a round following the procedure still lacks before recognition (messages; empty when ready):
    a meeting in every village with results, a posting that has ended, no complaint left open."""
    if not review_round.follows_procedure:
        return []
    today = today or timezone.localdate()
    missing = []
    villages = dict(Review.objects.filter(round=review_round).values_list("household__village__code",
                                                                          "household__village__name"))
    villages.update(RoundListEntry.objects.filter(round=review_round).values_list("household__village__code",
                                                                                   "household__village__name"))
    met = set(VillageMeeting.objects.filter(round=review_round).values_list("village__code", flat=True))
    without = [villages[code] for code in sorted(villages) if code not in met]
    if without:
        missing.append(_("Chưa họp dân ở: %(villages)s.") % {"villages": ", ".join(without)})
    posting = Posting.objects.filter(round=review_round).first()
    if posting is None:
        missing.append(_("Chưa niêm yết công khai kết quả."))
    elif posting.ends_on >= today:
        missing.append(_("Thời gian niêm yết chưa kết thúc (đến hết ngày %(date)s).")
                       % {"date": posting.ends_on.strftime("%d/%m/%Y")})
    open_complaints = Complaint.objects.filter(round=review_round, resolved_on__isnull=True).count()
    if open_complaints:
        missing.append(_("Còn %(count)s khiếu nại chưa giải quyết.") % {"count": open_complaints})
    return missing


def require_steps_done(review_round):
    missing = missing_steps(review_round)
    if missing:
        raise ValidationError(_("Chưa công nhận được: %(missing)s") % {"missing": " ".join(missing)})


def number_take(*, unit, year, series):
    """The next number of a series (1, 2, …) for `unit` in `year`, in the caller's transaction: the counter
    row stays locked until it commits, so concurrent callers wait and get the following numbers."""
    DocumentCounter.objects.get_or_create(unit=unit, year=year, series=series)
    counter = DocumentCounter.objects.select_for_update().get(unit=unit, year=year, series=series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def decision_number_take(commune, decision_date):
    return f"{number_take(unit=commune, year=decision_date.year, series=DocumentSeries.DECISION)}/{DocumentSeries.DECISION}"


@transaction.atomic
def certificates_issue(*, actor, round, issued_on, village=None):  # noqa: A002
    """Cấp giấy chứng nhận to every recognised poor or near-poor household of the round without one
    (of one village if given), numbered in the order of villages and household codes."""
    if not can_recognise(actor, round.commune):
        raise PermissionDenied
    if issued_on is None or issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày cấp không được để trống hoặc sau hôm nay.")})
    reviews = (Review.objects.filter(round=round, state__in=RECOGNISED_STATES, certificate__isnull=True,
                                     classification__in=(Classification.POOR, Classification.NEAR_POOR))
               .select_related("household__village").order_by("household__village__code", "household__code"))
    if village is not None:
        reviews = reviews.filter(household__village=village)
    issued = []
    for review in reviews:
        if review.decision_date and issued_on < review.decision_date:
            raise ValidationError({"issued_on": _("Ngày cấp không được trước ngày quyết định công nhận (%(date)s).")
                                   % {"date": review.decision_date.strftime("%d/%m/%Y")}})
        number = number_take(unit=round.commune, year=issued_on.year, series=DocumentSeries.CERTIFICATE)
        certificate = Certificate(review=review, commune=round.commune, year=issued_on.year, number=number,
                                  issued_on=issued_on)
        certificate.full_clean()
        certificate.save()
        issued.append(certificate)
        record(actor=actor, action="certificate.issue", obj=certificate, unit=review.household.village,
               after={"number": certificate.number_text, "issued_on": issued_on.strftime("%d/%m/%Y")})
    return issued
