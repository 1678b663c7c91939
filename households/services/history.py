"""Keeping the derived status fields in step with the recognised reviews (households.status)."""
from django.db.models import Case, DateField, Exists, OuterRef, Subquery, Value, When

from households.models import RECOGNISED_STATES, Household, Review
from households.services.figures import figures_refresh
from households.status import Classification, Result, StatusChange, current_escape, history, recognised_ordering


def recognised_order(queryset):
    return queryset.filter(state__in=RECOGNISED_STATES).order_by(*recognised_ordering())


def refresh_history(household):
    """Recompute Review.change for the household's reviews, its current_review and escaped_on.

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
    escaped_on = current_escape(entries)
    if household.current_review_id != current or household.escaped_on != escaped_on:
        Household.objects.filter(pk=household.pk).update(current_review=current, escaped_on=escaped_on)
        household.current_review_id, household.escaped_on = current, escaped_on
    figures_refresh([household.village_id])
    return entries


def refresh_current_reviews(households):
    """Set current_review and escaped_on (households.status.current_escape) for many households in two
    UPDATEs (bulk imports and generators); Review.change must already be right."""
    reviews = recognised_order(Review.objects.filter(household=OuterRef("pk")))
    updated = households.update(current_review=Subquery(reviews.reverse().values("pk")[:1]))
    escape = reviews.filter(change=StatusChange.ESCAPED_POVERTY).reverse().values("decision_date")[:1]
    current_poor = Review.objects.filter(pk=OuterRef("current_review_id"), classification=Classification.POOR)
    households.update(escaped_on=Case(When(Exists(current_poor), then=Value(None)),
                                      default=Subquery(escape), output_field=DateField()))
    return updated


def refresh_histories(household_ids, refresh_figures=True):
    """refresh_history for many households with a fixed number of queries (imports, generators). A caller
    working in chunks passes refresh_figures=False and refreshes the kept figures once at the end."""
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
    if refresh_figures:
        figures_refresh(Household.objects.filter(pk__in=household_ids).values_list("village_id", flat=True).distinct())
