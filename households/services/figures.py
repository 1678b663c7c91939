"""Keeping households.models.VillageFigure equal to a fresh count (selectors.poverty_counts_fresh).

`figures_refresh(village_ids)` recounts whole villages — two GROUP BYs over their households and
recognised periodic reviews — so every writer calls the same function with the villages it touched,
inside its own transaction, as its last step. It locks the village rows (in id order) first, so two
transactions recounting one village take turns and the second counts the first's committed change.
"""
from django.db.models import Count, Q

from households.classification import Classification
from households.models import RECOGNISED_STATES, Household, Review, RoundKind
from households.models.figures import VillageFigure
from povertyplan.models import AdministrativeUnit


def figures_refresh(village_ids):
    recount(village_ids, household_model=Household, review_model=Review, figure_model=VillageFigure,
            unit_model=AdministrativeUnit)


def recount(village_ids, *, household_model, review_model, figure_model, unit_model):
    """The recount itself, on the models given (the data migration passes its historical ones)."""
    ids = sorted({pk for pk in village_ids if pk is not None})
    if not ids:
        return
    list(unit_model.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    figure_model.objects.filter(village_id__in=ids).delete()
    rows = [figure_model(village_id=row["village_id"], year=None, households=row["households"])
            for row in household_model.objects.filter(village_id__in=ids).order_by().values("village_id")
            .annotate(households=Count("pk"))]
    rows += [figure_model(village_id=row["household__village_id"], year=row["round__year"], poor=row["poor"],
                          near_poor=row["near_poor"])
             for row in review_model.objects.filter(household__village_id__in=ids, round__kind=RoundKind.PERIODIC,
                                                    state__in=RECOGNISED_STATES).order_by()
             .values("household__village_id", "round__year")
             .annotate(poor=Count("pk", filter=Q(classification=Classification.POOR)),
                       near_poor=Count("pk", filter=Q(classification=Classification.NEAR_POOR)))]
    figure_model.objects.bulk_create(rows, batch_size=5000)
