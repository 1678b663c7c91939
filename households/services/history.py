"""Keeping the derived status fields in step with the recognised reviews (households.status)."""
from django.db.models import OuterRef, Subquery

from households.models import RECOGNISED_STATES, Household, Review
from households.services.figures import figures_refresh
from households.status import Result, history, recognised_ordering


def recognised_order(queryset):
    return queryset.filter(state__in=RECOGNISED_STATES).order_by(*recognised_ordering())


def refresh_history(household):
    """Recompute Review.change for the household's reviews and its current_review.

    Called by every service that recognises or reopens a review, inside its transaction.
    """
    reviews = list(recognised_order(household.reviews.all()).only("id", "classification", "decision_date", "change"))
    entries = history(Result(r.classification, r.decision_date, r.pk) for r in reviews)
    stale = []
    for review, entry in zip(reviews, entries, strict=True):
        if review.change != entry.change:
            review.change = entry.change
            stale.append(review)
    Review.objects.bulk_update(stale, ["change"])
    household.reviews.exclude(state__in=RECOGNISED_STATES).exclude(change="").update(change="")
    current = entries[-1].key if entries else None
    if household.current_review_id != current:
        Household.objects.filter(pk=household.pk).update(current_review=current)
        household.current_review_id = current
    figures_refresh([household.village_id])
    return entries


def refresh_current_reviews(households):
    """Set current_review for many households in one UPDATE (bulk imports and generators)."""
    latest = recognised_order(Review.objects.filter(household=OuterRef("pk"))).reverse().values("pk")[:1]
    return households.update(current_review=Subquery(latest))


def refresh_histories(household_ids):
    """refresh_history for many households with a fixed number of queries (imports, generators)."""
    household_ids = list(household_ids)
    if not household_ids:
        return
    by_household = {}
    for review in recognised_order(Review.objects.filter(household_id__in=household_ids)).only(
            "id", "household_id", "classification", "decision_date", "change"):
        by_household.setdefault(review.household_id, []).append(review)
    stale = []
    for reviews in by_household.values():
        entries = history(Result(r.classification, r.decision_date, r.pk) for r in reviews)
        for review, entry in zip(reviews, entries, strict=True):
            if review.change != entry.change:
                review.change = entry.change
                stale.append(review)
    Review.objects.bulk_update(stale, ["change"], batch_size=2000)
    refresh_current_reviews(Household.objects.filter(pk__in=household_ids))
    figures_refresh(Household.objects.filter(pk__in=household_ids).values_list("village_id", flat=True).distinct())
