"""Who may see and change households, members, rounds and reviews.

Commune officers (cán bộ xã) read and write the households and reviews of their commune and
submit the reviews; the commune's leaders (chủ tịch / phó chủ tịch UBND xã) read them and
recognise, return or reopen what was submitted, never their own submission; a supervisor or
administrator reads the subtree of their unit and may return or reopen reviews; no one else sees
households. Outside the scope everything is 404; a read-only user gets PermissionDenied on
writes (the povertyplan.access pattern).

The workflow's rules live here once: services call the `can_*` helpers (and raise), views show
the buttons that `review_actions` / `round_actions` allow.
"""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from households.models import Complaint, Household, Member, Review, ReviewRequest, ReviewRound, ReviewState, VillageMeeting
from povertyplan.access import in_scope, role_of, scope_q
from povertyplan.models import Role

READ_ROLES = (Role.COMMUNE, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR)
WRITE_ROLES = (Role.COMMUNE,)
LEADER_ROLES = (Role.LEADER,)
SUPERVISE_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)


def can_read(user):
    return role_of(user) in READ_ROLES


def is_commune_officer(user):
    return role_of(user) in WRITE_ROLES


def can_write(user, unit):
    """Commune officers write in their own commune (and its villages) only."""
    return role_of(user) in WRITE_ROLES and in_scope(user, unit)


def can_supervise(user, unit):
    """Supervisors of an ancestor unit (or administrators) may return and reopen reviews."""
    return role_of(user) in SUPERVISE_ROLES and in_scope(user, unit)


def can_lead(user, unit):
    """The commune's leaders recognise, return and reopen its reviews (by decision)."""
    return role_of(user) in LEADER_ROLES and in_scope(user, unit)


def can_recognise(user, unit):
    """Only the commune's leader recognises: not the officer who prepares the list, not a supervisor."""
    return can_lead(user, unit)


def can_return(user, unit):
    """A submitted review goes back from the officer (taking it back), the leader or a supervisor."""
    return can_write(user, unit) or can_lead(user, unit) or can_supervise(user, unit)


def can_reopen(user, unit, state):
    """Reopening undoes a decision: the leader or a supervisor; a locked result a supervisor only."""
    if state == ReviewState.LOCKED:
        return can_supervise(user, unit)
    return can_lead(user, unit) or can_supervise(user, unit)


def is_own_submission(user, review):
    return review.submitted_by_id is not None and review.submitted_by_id == user.pk


@dataclass(frozen=True)
class ReviewActions:
    edit: bool
    submit: bool
    recognise: bool
    return_: bool
    reopen: bool
    own_submission: bool


def review_actions(user, review):
    """What `user` may do with `review` now: the buttons of the review page, from the services' rules."""
    village, state = review.household.village, review.state
    editable = can_write(user, village) and review.is_editable
    submitted = state == ReviewState.SUBMITTED
    own = submitted and is_own_submission(user, review)
    return ReviewActions(
        edit=editable, submit=editable,
        recognise=submitted and can_recognise(user, village) and not own,
        return_=submitted and can_return(user, village),
        reopen=review.is_recognised and can_reopen(user, village, state),
        own_submission=own and can_recognise(user, village),
    )


@dataclass(frozen=True)
class RoundActions:
    recognise: bool
    lock: bool
    add_results: bool


def round_actions(user, review_round):
    """What `user` may do with a round: recognise its submitted reviews, lock it, add results to it."""
    commune = review_round.commune
    writer = can_write(user, commune)
    return RoundActions(recognise=can_recognise(user, commune), lock=writer,
                        add_results=writer and review_round.accepts_results())


def can_see_id_numbers(user):
    """Full CCCD numbers are for the commune officers who review and certify households (NĐ 13/2023:
    the least personal data for the purpose); supervisors see them masked."""
    return role_of(user) in WRITE_ROLES


def require_write(user, unit):
    if not can_write(user, unit):
        raise PermissionDenied


def _get(queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def households_in_scope(user):
    if not can_read(user):
        return Household.objects.none()
    return Household.objects.filter(scope_q(user, "village__"))


def get_household_for_user(user, pk, write=False):
    household = _get(households_in_scope(user).select_related("village", "commune", "current_review__round"), pk)
    if write:
        require_write(user, household.village)
    return household


def get_member_for_user(user, pk, write=False):
    queryset = Member.objects.filter(household__in=households_in_scope(user)) if can_read(user) else Member.objects.none()
    member = _get(queryset.select_related("household__village", "household__commune"), pk)
    if write:
        require_write(user, member.household.village)
    return member


def rounds_in_scope(user):
    if not can_read(user):
        return ReviewRound.objects.none()
    return ReviewRound.objects.filter(scope_q(user, "commune__"))


def get_round_for_user(user, pk, write=False):
    review_round = _get(rounds_in_scope(user).select_related("commune", "locked_by"), pk)
    if write:
        require_write(user, review_round.commune)
    return review_round


def get_review_for_user(user, pk, write=False):
    queryset = Review.objects.filter(household__in=households_in_scope(user)) if can_read(user) else Review.objects.none()
    review = _get(queryset.select_related("household__village", "household__commune", "round__commune", "standard"), pk)
    if write:
        require_write(user, review.household.village)
    return review


def requests_in_scope(user):
    if not can_read(user):
        return ReviewRequest.objects.none()
    return ReviewRequest.objects.filter(scope_q(user, "household__village__"))


def get_request_for_user(user, pk, write=False):
    request = _get(requests_in_scope(user).select_related("household__village__parent", "household__commune",
                                                           "round", "refused_by"), pk)
    if write:
        require_write(user, request.household.village)
    return request


def get_meeting_for_user(user, pk):
    queryset = VillageMeeting.objects.filter(scope_q(user, "village__")) if can_read(user) else VillageMeeting.objects.none()
    return _get(queryset.select_related("village__parent", "round__commune"), pk)


def get_complaint_for_user(user, pk, write=False):
    queryset = Complaint.objects.filter(scope_q(user, "household__village__")) if can_read(user) else Complaint.objects.none()
    complaint = _get(queryset.select_related("household__village", "round"), pk)
    if write:
        require_write(user, complaint.household.village)
    return complaint
