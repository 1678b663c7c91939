"""Who may see and change households, members, rounds and reviews.

Commune officers (cán bộ xã) read and write the households and reviews of their commune; a
supervisor or administrator reads the subtree of their unit and may return or reopen reviews; no
one else sees households. Outside the scope everything is 404; a read-only user gets
PermissionDenied on writes (the povertyplan.access pattern).
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from households.models import Household, Member, Review, ReviewRound
from povertyplan.access import in_scope, role_of, scope_q
from povertyplan.models import Role

READ_ROLES = (Role.COMMUNE, Role.SUPERVISOR, Role.ADMINISTRATOR)
WRITE_ROLES = (Role.COMMUNE,)
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
    review_round = _get(rounds_in_scope(user).select_related("commune"), pk)
    if write:
        require_write(user, review_round.commune)
    return review_round


def get_review_for_user(user, pk, write=False):
    queryset = Review.objects.filter(household__in=households_in_scope(user)) if can_read(user) else Review.objects.none()
    review = _get(queryset.select_related("household__village", "household__commune", "round__commune", "standard"), pk)
    if write:
        require_write(user, review.household.village)
    return review
