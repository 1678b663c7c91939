"""Writes of the annual review: rounds, reviews and their workflow. Each is atomic and audited.

    draft ──submit──▶ submitted ──recognise──▶ recognised ──lock round──▶ locked
      ▲                  │ return (reason)          │ reopen (reason)       │ reopen (supervisor)
      └── returned ◀─────┘         draft ◀──────────┴───────────────────────┘

Commune officers write and submit the reviews of their commune; the commune's leader (chủ tịch /
phó chủ tịch UBND xã) recognises them by decision (number and date), never a review they
submitted themselves (QĐ 24/2021: the officer prepares the list, the chairman recognises it). A
submitted review goes back with a reason, by the commune or by a supervisor of an ancestor unit.
Recognised reviews are read-only; reopening one undoes a decision, so it is the leader's or a
supervisor's audited act with a reason, and a locked one a supervisor's only. Who may do what is
decided in households.access; a closed round (ReviewRound.objects.open_for_results) takes no new
results.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from households.access import can_recognise, can_reopen, can_return, is_own_submission, require_write
from households.classification import classify
from households.models import (
    EDITABLE_STATES,
    ROUND_YEAR_MAX,
    ROUND_YEAR_MIN,
    PovertyCause,
    Review,
    ReviewCause,
    ReviewRound,
    ReviewState,
    RoundKind,
)
from households.models.reviews import round_year_message
from households.services.conflicts import check_version
from households.services.figures import round_figures_refresh
from households.services.history import refresh_histories, refresh_history
from households.services.procedure import decision_number_take, require_steps_done
from households.standards import standard_in_force
from povertyplan.audit import event as audit_event
from povertyplan.audit import record, record_many
from povertyplan.lib.db import full_clean_on, save_or_clash
from povertyplan.models import AuditEvent, Tier
from povertyplan.routing import require_open

REVIEW_AUDIT_FIELDS = ["income_per_capita", "deprivation_count", "classification", "state", "notes",
                       "decision_number", "decision_date", "return_reason", "version"]


def review_snapshot(review, deprivation_codes=None, causes=None):
    data = {name: getattr(review, name) for name in REVIEW_AUDIT_FIELDS}
    data["decision_date"] = review.decision_date.strftime("%d/%m/%Y") if review.decision_date else None
    if deprivation_codes is not None:
        data["deprivations"] = ", ".join(deprivation_codes)
    if causes is not None:
        data["causes"] = ", ".join(sorted(causes))
    return data


def _codes(indicators):
    return [i.code for i in sorted(indicators, key=lambda i: i.order)]


@transaction.atomic
def round_create(*, actor, commune, year, kind=RoundKind.PERIODIC, month=None, follows_procedure=False):
    """Mở đợt rà soát của xã; `follows_procedure`: recognised only after meetings and posting (QĐ 24 Art. 4)."""
    if commune.tier != Tier.COMMUNE:
        raise ValidationError({"commune": _("Đợt rà soát thuộc một xã, phường, thị trấn.")})
    require_write(actor, commune)
    if year is None or not ROUND_YEAR_MIN <= year <= ROUND_YEAR_MAX:
        raise ValidationError({"year": round_year_message()})
    review_round = ReviewRound(commune=commune, year=year, kind=kind, month=month if kind == RoundKind.REGULAR else None,
                               follows_procedure=follows_procedure)
    full_clean_on(review_round, "year")
    _require_commune_open(commune, review_round)
    _require_standard(review_round)
    save_or_clash(review_round, lambda: _round_taken(review_round))
    record(actor=actor, action="round.create", obj=review_round, unit=commune,
           after={"year": year, "kind": kind, "month": review_round.month, "follows_procedure": follows_procedure})
    return review_round


def _require_commune_open(commune, review_round):
    """A commune closed before the round's period (thị trấn Cao Thượng after 30/06/2025: no 2026 round) takes no
    round and no result in it; one that opens within the period (xã Tân Yên, 01/07/2025) takes that year's."""
    on_date = review_round.first_day()
    if commune.valid_from and on_date < commune.valid_from <= review_round.last_day():
        on_date = commune.valid_from
    try:
        require_open(commune, on_date, _("đợt rà soát"))
    except ValidationError as error:
        raise ValidationError({"commune": error.messages}) from None


def _round_taken(review_round):
    """The message of the round's own unique constraint, for a clash the database found first."""
    if review_round.kind == RoundKind.PERIODIC:
        return ValidationError({"year": _("Xã đã có đợt rà soát định kỳ năm này.")})
    return ValidationError({"year": _("Xã đã có đợt rà soát thường xuyên tháng này.")})


def _require_standard(review_round):
    """A round is opened only when a poverty standard applies to it: every review needs one."""
    try:
        standard_in_force(review_round.standard_date())
    except ValidationError:
        raise ValidationError({"year": _("Chưa có chuẩn nghèo áp dụng cho %(round)s (chuẩn áp dụng từ ngày "
                                         "%(date)s): kiểm tra lại năm rà soát.")
                               % {"round": review_round, "date": review_round.standard_date().strftime("%d/%m/%Y")}}
                              ) from None


def _indicators(standard, deprivations):
    """The chosen indicators, which must belong to the standard that applies to the round."""
    chosen = list(deprivations)
    foreign = [i for i in chosen if i.standard_id != standard.pk]
    if foreign:
        raise ValidationError({"deprivations": _("Chỉ số thiếu hụt không thuộc %(standard)s.") % {"standard": standard}})
    return chosen


def _causes(causes):
    values = sorted(set(causes))
    wrong = [c for c in values if c not in PovertyCause.values]
    if wrong:
        raise ValidationError({"causes": _("Nguyên nhân nghèo không hợp lệ: %(v)s.") % {"v": ", ".join(wrong)}})
    return values


def _classify(review, household, indicators):
    review.deprivation_count = len(indicators)
    review.classification = classify(income_per_capita=review.income_per_capita, deprivation_count=len(indicators),
                                     area=household.village.area, on_date=review.round.standard_date(),
                                     standard=review.standard)


@transaction.atomic
def review_create(*, actor, household, round, income_per_capita, deprivations=(), causes=(), notes=""):  # noqa: A002
    """Ghi kết quả rà soát của hộ trong một đợt (bản nháp); the classification is computed."""
    require_write(actor, household.village)
    if round.commune_id != household.commune_id:
        raise ValidationError({"round": _("Đợt rà soát không phải của xã có hộ này.")})
    if Review.objects.filter(household=household, round=round).exists():
        raise ValidationError({"round": _("Hộ đã có kết quả rà soát trong đợt này.")})
    if not round.accepts_results():
        raise ValidationError({"round": closed_round_message()})
    _require_commune_open(round.commune, round)
    standard = standard_in_force(round.standard_date())
    indicators = _indicators(standard, deprivations)
    cause_values = _causes(causes)
    review = Review(household=household, round=round, standard=standard, income_per_capita=income_per_capita,
                    notes=notes.strip())
    _classify(review, household, indicators)
    full_clean_on(review, "round")
    save_or_clash(review, lambda: ValidationError({"round": _("Hộ đã có kết quả rà soát trong đợt này.")}))
    review.deprivations.set(indicators)
    ReviewCause.objects.bulk_create([ReviewCause(review=review, cause=c) for c in cause_values])
    round_figures_refresh([household.village_id], [round.pk])
    record(actor=actor, action="review.create", obj=review, unit=household.village,
           after=review_snapshot(review, _codes(indicators), cause_values))
    return review


def closed_round_message():
    return _("Đợt rà soát này đã khóa sổ hoặc đã có danh sách năm sau được công nhận: không ghi thêm kết quả; "
             "hãy ghi trong một đợt rà soát thường xuyên.")


def _locked_review(review):
    return Review.objects.select_for_update().select_related("household__village", "round", "standard").get(pk=review.pk)


def _require_state(review, *states, message):
    if review.state not in states:
        raise ValidationError(message)


@transaction.atomic
def review_update(*, actor, review, version, income_per_capita, deprivations=(), causes=(), notes=""):
    """Sửa kết quả rà soát (chỉ khi đang nhập hoặc bị trả lại); a stale version raises VersionConflict."""
    current = _locked_review(review)
    require_write(actor, current.household.village)
    _require_state(current, *EDITABLE_STATES, message=_("Kết quả rà soát ở trạng thái “%(state)s” không sửa được.")
                   % {"state": current.get_state_display()})
    check_version(current, version)
    indicators = _indicators(current.standard, deprivations)
    cause_values = _causes(causes)
    old_codes = _codes(current.deprivations.all())
    old_causes = sorted(current.causes.values_list("cause", flat=True))
    notes = notes.strip()
    if (current.income_per_capita, old_codes, old_causes, current.notes) == (
            income_per_capita, _codes(indicators), cause_values, notes):
        return current
    before = review_snapshot(current, old_codes, old_causes)
    current.income_per_capita = income_per_capita
    current.notes = notes
    _classify(current, current.household, indicators)
    current.version += 1
    current.full_clean()
    current.save()
    current.deprivations.set(indicators)
    current.causes.all().delete()
    ReviewCause.objects.bulk_create([ReviewCause(review=current, cause=c) for c in cause_values])
    round_figures_refresh([current.household.village_id], [current.round_id])  # its classification may change
    record(actor=actor, action="review.update", obj=current, unit=current.household.village, before=before,
           after=review_snapshot(current, _codes(indicators), cause_values))
    return current


def _transition(actor, review, action, state, reason="", **fields):
    before = review_snapshot(review)
    review.state = state
    for name, value in fields.items():
        setattr(review, name, value)
    review.version += 1
    review.full_clean()
    review.save()
    round_figures_refresh([review.household.village_id], [review.round_id])
    record(actor=actor, action=action, obj=review, unit=review.household.village, before=before,
           after=review_snapshot(review), reason=reason)
    return review


@transaction.atomic
def review_submit(*, actor, review):
    """Gửi kết quả rà soát để công nhận."""
    current = _locked_review(review)
    require_write(actor, current.household.village)
    _require_state(current, *EDITABLE_STATES, message=_("Kết quả rà soát đã được gửi hoặc đã công nhận."))
    return _transition(actor, current, "review.submit", ReviewState.SUBMITTED, submitted_at=timezone.now(),
                       submitted_by=actor, return_reason="")


@transaction.atomic
def review_return(*, actor, review, reason):
    """Trả lại kết quả đã gửi, kèm lý do (cán bộ xã, lãnh đạo UBND xã hoặc cán bộ giám sát cấp trên)."""
    current = _locked_review(review)
    if not can_return(actor, current.household.village):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Cần ghi lý do trả lại.")})
    _require_state(current, ReviewState.SUBMITTED, message=_("Chỉ trả lại được kết quả đã gửi."))
    return _transition(actor, current, "review.return", ReviewState.RETURNED, reason=reason.strip(),
                       return_reason=reason.strip())


@transaction.atomic
def review_recognise(*, actor, review, decision_number, decision_date):
    """Lãnh đạo UBND xã công nhận kết quả đã gửi theo quyết định (số, ngày); never their own submission."""
    current = _locked_review(review)
    if not can_recognise(actor, current.household.village):
        raise PermissionDenied
    _require_state(current, ReviewState.SUBMITTED, message=_("Chỉ công nhận được kết quả đã gửi."))
    if is_own_submission(actor, current):
        raise ValidationError(_("Không được công nhận kết quả rà soát do chính mình gửi (hộ %(code)s).")
                              % {"code": current.household.code})
    _check_decision(decision_number, decision_date)
    require_steps_done(current.round)
    _transition(actor, current, "review.recognise", ReviewState.RECOGNISED, decision_number=decision_number.strip(),
                decision_date=decision_date, recognised_at=timezone.now())
    refresh_history(current.household)
    return current


def _check_decision(decision_number, decision_date):
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Cần ghi số quyết định công nhận.")
    if decision_date is None:
        errors["decision_date"] = _("Cần ghi ngày quyết định.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_reopen(*, actor, review, reason):
    """Mở lại kết quả đã công nhận để sửa: an audited act with a reason; locked ones by a supervisor."""
    current = _locked_review(review)
    if not can_reopen(actor, current.household.village, current.state):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Cần ghi lý do mở lại.")})
    _require_state(current, ReviewState.RECOGNISED, ReviewState.LOCKED,
                   message=_("Chỉ mở lại được kết quả đã công nhận."))
    _transition(actor, current, "review.reopen", ReviewState.DRAFT, reason=reason.strip(), decision_number="",
                decision_date=None, recognised_at=None, submitted_at=None, submitted_by=None)
    refresh_history(current.household)
    return current


@transaction.atomic
def round_recognise(*, actor, round, decision_number, decision_date):  # noqa: A002
    """Công nhận mọi kết quả đã gửi của đợt theo một quyết định của lãnh đạo UBND xã (all or none).

    The rules of review_recognise, checked for every review before any is written; then one UPDATE, one
    audit event per review (a few INSERTs), the histories of the households and the kept figures of their
    villages refreshed once: a commune's round holds up to 10,000 reviews, so nothing runs per review.
    """
    if not can_recognise(actor, round.commune):
        raise PermissionDenied
    # locked in id order, so two writers that lock several reviews never deadlock
    reviews = list(round.reviews.filter(state=ReviewState.SUBMITTED).select_for_update(of=("self",))
                   .select_related("household__village").order_by("pk"))
    if round.follows_procedure and not (decision_number or "").strip() and decision_date is not None:
        # the app numbers the decisions of rounds that follow the procedure: no gap, no repeat
        require_steps_done(round)
        if not reviews:
            raise ValidationError(_("Đợt không có kết quả nào đã gửi để công nhận."))
        decision_number = decision_number_take(round.commune, decision_date)
    _check_decision(decision_number, decision_date)
    require_steps_done(round)
    _require_recognisable(actor, reviews)
    _recognise_all(actor, round, reviews, decision_number.strip(), decision_date)
    return len(reviews)


def _require_recognisable(actor, reviews):
    """review_recognise's checks, for all the reviews: the leader's scope over each village, not their own."""
    villages = {review.household.village_id: review.household.village for review in reviews}
    if not all(can_recognise(actor, village) for village in villages.values()):
        raise PermissionDenied
    own = [review.household.code for review in reviews if is_own_submission(actor, review)]
    if own:  # the first ten named: a round holds thousands
        codes = ", ".join(own[:10]) + (", …" if len(own) > 10 else "")
        raise ValidationError(_("Không được công nhận kết quả rà soát do chính mình gửi (hộ %(code)s).")
                              % {"code": codes})


UNCHANGED_KEYS = ["household", "round", "standard", "submitted_by"]
UPDATE_CHUNK = 2000  # ids per UPDATE, as record_many's INSERTs: well under SQLite's 32,766 parameters


def _recognise_all(actor, review_round, reviews, decision_number, decision_date):
    now = timezone.now()
    fields = {"state": ReviewState.RECOGNISED, "decision_number": decision_number, "decision_date": decision_date,
              "recognised_at": now}
    events = []
    for review in reviews:
        before = review_snapshot(review)
        for name, value in fields.items():
            setattr(review, name, value)
        review.version += 1
        # the rules of the fields written: the foreign keys (unchanged), the unique and check constraints would
        # cost queries per review, and the database enforces them in the UPDATE below anyway
        review.full_clean(exclude=UNCHANGED_KEYS, validate_unique=False, validate_constraints=False)
        events.append(audit_event(actor=actor, action="review.recognise", obj=review, unit=review.household.village,
                                  before=before, after=review_snapshot(review)))
    ids = [review.pk for review in reviews]
    for start in range(0, len(ids), UPDATE_CHUNK):  # the locked reviews only: one submitted since waits
        Review.objects.filter(pk__in=ids[start:start + UPDATE_CHUNK]).update(**fields, version=F("version") + 1,
                                                                              updated_at=now)
    record_many(events)
    refresh_histories([review.household_id for review in reviews])


@transaction.atomic
def round_lock(*, actor, round, leave_open=()):  # noqa: A002
    """Khóa sổ đợt rà soát: every recognised review becomes locked and the round takes no new results.

    The reviews still open (draft, returned, submitted) stay as they are; the officer must have seen
    them: `leave_open` holds the ids the lock page listed, and a review opened since refuses the lock.
    Each locked review's version goes up in the same UPDATE (so an edit begun before the lock
    conflicts) and gets its own audit event beside the round's.
    """
    require_write(actor, round.commune)
    current = ReviewRound.objects.select_for_update().get(pk=round.pk)
    open_ids = set(current.open_reviews().values_list("pk", flat=True))
    unseen = open_ids - {int(pk) for pk in leave_open}
    if unseen:
        raise ValidationError({"leave_open": _("Đợt còn %(count)s kết quả chưa công nhận chưa được xác nhận để lại; "
                                               "hãy xem lại danh sách rồi khóa sổ.") % {"count": len(unseen)}})
    recognised = current.reviews.filter(state=ReviewState.RECOGNISED)
    rows = list(recognised.select_for_update(of=("self",)).values_list("pk", "version", "household__village_id",
                                                                        "household__code"))
    recognised.update(state=ReviewState.LOCKED, version=F("version") + 1, updated_at=timezone.now())
    round_figures_refresh({village_id for _pk, _version, village_id, _code in rows}, [current.pk])
    was_locked = current.locked_at is not None
    if not was_locked:
        current.locked_at, current.locked_by = timezone.now(), actor
        current.save(update_fields=["locked_at", "locked_by"])
    user = actor if actor.is_authenticated else None
    name = str(current)  # the round's name, formatted once rather than once per review
    AuditEvent.objects.bulk_create([
        AuditEvent(actor=user, action="review.lock", object_type="households.review", object_id=str(pk),
                   object_repr=f"{code} – {name}"[:255], unit_id=village_id,
                   before={"state": ReviewState.RECOGNISED, "version": version},
                   after={"state": ReviewState.LOCKED, "version": version + 1})
        for pk, version, village_id, code in rows])  # one INSERT: a round holds up to 10,000 reviews
    record(actor=actor, action="round.lock", obj=current, unit=current.commune,
           after={"locked": len(rows), "left_open": sorted(open_ids), "already_locked": was_locked})
    round.locked_at, round.locked_by = current.locked_at, current.locked_by
    return len(rows)
