"""Keeping the kept figures (households.models.figures) equal to a fresh count (the selectors' `_fresh` twins).

`figures_refresh(village_ids)` recounts whole villages — a few GROUP BYs over their households and
recognised periodic reviews, no loop over households — so every writer calls the same function with
the villages it touched, inside its own transaction, as its last step. It locks the village rows (in id
order) first, so two transactions recounting one village take turns and the second counts the first's
committed change.

`round_figures_refresh(village_ids, round_ids)` recounts the kept counts of rounds (RoundFigure: every
review by round, village, state, result and change) for changes that move no yearly figure (a review
created, edited, submitted, returned, locked); figures_refresh recounts them too (all the villages'
rounds, or `round_ids`), since whatever moves a yearly figure (a recognition, a reopening, a household
moved or carried, an import) moves a round's counts as well.
"""
from django.db.models import Count, Q
from django.dispatch import Signal

from households.classification import Classification
from households.models import (
    FLAG_FIELDS,
    RECOGNISED_STATES,
    Household,
    Review,
    RoundFigure,
    RoundKind,
    StatusChange,
    VillageCauseFigure,
    VillageDeprivationFigure,
    VillageFigure,
)
from povertyplan.models import AdministrativeUnit

POOR = Q(classification=Classification.POOR)
NEAR_POOR = Q(classification=Classification.NEAR_POOR)
KEY = ("household__village_id", "round__year")


# Sent with the villages recounted, in the same transaction: apps built on households that keep figures
# of their own (support's coverage) recount them too; households must not import them.
figures_changed = Signal()


def figures_refresh(village_ids, *, round_ids=None):
    """The villages' yearly figures and the counts of their rounds (all, or `round_ids`)."""
    village_ids = list(village_ids)
    ids = recount(village_ids, household_model=Household, review_model=Review, figure_model=VillageFigure,
                  unit_model=AdministrativeUnit, deprivation_model=VillageDeprivationFigure,
                  cause_model=VillageCauseFigure)
    round_recount(ids, round_ids)
    figures_changed.send(sender=None, village_ids=list(village_ids))


def round_figures_refresh(village_ids, round_ids):
    """The counts of `round_ids` in the villages (the villages of the reviews that changed)."""
    ids = lock_villages(village_ids, AdministrativeUnit)[0]
    round_recount(ids, round_ids)


ROUND_KEY = ("round_id", "household__village_id", "state", "classification", "change")


def round_recount(village_ids, round_ids=None):
    """RoundFigure of the villages (and rounds) from their reviews: one GROUP BY; the villages are locked."""
    if not village_ids:
        return
    reviews = Review.objects.filter(household__village_id__in=village_ids)
    figures = RoundFigure.objects.filter(village_id__in=village_ids)
    if round_ids is not None:
        round_ids = sorted(set(round_ids))
        reviews, figures = reviews.filter(round_id__in=round_ids), figures.filter(round_id__in=round_ids)
    figures.delete()
    RoundFigure.objects.bulk_create(
        [RoundFigure(round_id=r, village_id=v, state=state, classification=c, change=change, reviews=n)
         for r, v, state, c, change, n in reviews.order_by().values_list(*ROUND_KEY).annotate(n=Count("pk"))],
        batch_size=5000)


def _by_class(prefix=""):
    """Count(poor), Count(near_poor) of grouped review rows, named "<prefix>poor"/"<prefix>near_poor"."""
    return {f"poor{prefix}": Count("pk", filter=POOR), f"near_poor{prefix}": Count("pk", filter=NEAR_POOR)}


def year_counts(reviews):
    """The per-(village, year) counts of VillageFigure, grouped from recognised periodic `reviews`:
    classes, changes and flags in one GROUP BY (joins to one row per review), people in another (joins
    to one row per active member)."""
    counts = {**_by_class(), **{change: Count("pk", filter=Q(change=change)) for change in StatusChange.values}}
    for flag in FLAG_FIELDS:
        counts[f"poor_{flag}"] = Count("pk", filter=POOR & Q(**{f"household__{flag}": True}))
        counts[f"near_poor_{flag}"] = Count("pk", filter=NEAR_POOR & Q(**{f"household__{flag}": True}))
    rows = {(r[KEY[0]], r[KEY[1]]): {**r, "poor_members": 0, "near_poor_members": 0}  # a year of no poor member
            for r in reviews.order_by().values(*KEY).annotate(**counts)}
    people = (reviews.filter(household__members__is_active=True).filter(POOR | NEAR_POOR).order_by().values(*KEY)
              .annotate(poor_members=Count("pk", filter=POOR), near_poor_members=Count("pk", filter=NEAR_POOR)))
    for row in people:
        rows[(row[KEY[0]], row[KEY[1]])].update(poor_members=row["poor_members"],
                                                near_poor_members=row["near_poor_members"])
    return rows


def deprivation_rows(reviews):
    return (reviews.filter(POOR | NEAR_POOR, deprivations__isnull=False).order_by()
            .values(*KEY, "deprivations__code").annotate(**_by_class()))


def cause_rows(reviews):
    return (reviews.filter(POOR | NEAR_POOR, causes__isnull=False).order_by()
            .values(*KEY, "causes__cause").annotate(**_by_class()))


def _village_of_year(ids, unit_model):
    """The villages to recount with `ids` (their predecessors and successors: a carried household's
    reviews count on both sides of the reform), and a function (village id, year) → the village whose
    figure it is: the year's village, i.e. the predecessor for a year before the village existed
    (the 2023 results of a household of xã Tân Yên's tổ dân phố Hoà Sơn belong to thị trấn Cao Thượng's)."""
    field = unit_model._meta.get_field("successors")
    # the through model's own names; the historical models of early migrations have the auto-created ones
    old, new = field.remote_field.through_fields or ("from_administrativeunit", "to_administrativeunit")
    through = field.remote_field.through
    pairs = list(through.objects.filter(Q(**{f"{old}_id__in": ids}) | Q(**{f"{new}_id__in": ids}))
                 .values_list(f"{old}_id", f"{new}_id"))
    earlier = {successor: predecessor for predecessor, successor in sorted(pairs)}
    starts = dict(unit_model.objects.filter(pk__in=earlier).values_list("pk", "valid_from"))

    def village_of_year(village_id, year):
        start = starts.get(village_id)
        return earlier[village_id] if start is not None and year is not None and year < start.year else village_id

    return sorted(set(ids) | {pk for pair in pairs for pk in pair}), village_of_year


def _merged(rows, key_fields):
    """Rows that landed on the same key after re-keying, summed."""
    merged = {}
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        if key in merged:
            for name, value in row.items():
                if name not in key_fields:
                    merged[key][name] += value
        else:
            merged[key] = dict(row)
    return merged.values()


def lock_villages(village_ids, unit_model):
    """The villages to recount (with their predecessors and successors, see _village_of_year), locked in id
    order: every writer locks the same set for a village, in the same order, so two never deadlock."""
    ids = sorted({pk for pk in village_ids if pk is not None})
    if not ids:
        return [], None
    ids, village_of_year = _village_of_year(ids, unit_model)
    list(unit_model.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    return ids, village_of_year


def recount(village_ids, *, household_model, review_model, figure_model, unit_model, deprivation_model, cause_model):
    """The recount itself, on the models given (the data migration passes its historical ones)."""
    ids, village_of_year = lock_villages(village_ids, unit_model)
    if not ids:
        return ids
    for model in (figure_model, deprivation_model, cause_model):
        model.objects.filter(village_id__in=ids).delete()
    reviews = review_model.objects.filter(household__village_id__in=ids, round__kind=RoundKind.PERIODIC,
                                          state__in=RECOGNISED_STATES)
    registry = {}
    for row in household_model.objects.filter(village_id__in=ids).order_by().values("village_id").annotate(
            households=Count("pk")):
        registry[row["village_id"]] = registry.get(row["village_id"], 0) + row["households"]
        # a closed village counts the households carried from it (its territory's registry now), so its
        # past years keep their rates
        former = village_of_year(row["village_id"], 0)
        if former != row["village_id"]:
            registry[former] = registry.get(former, 0) + row["households"]
    rows = [figure_model(village_id=pk, year=None, households=n) for pk, n in registry.items()]
    year_rows = []
    for (village_id, year), row in year_counts(reviews).items():
        del row[KEY[0]], row[KEY[1]]
        year_rows.append({**row, "village_id": village_of_year(village_id, year), "year": year})
    rows += [figure_model(**row) for row in _merged(year_rows, ("village_id", "year"))]
    figure_model.objects.bulk_create(rows, batch_size=5000)

    def rekeyed(rows, name):
        return _merged([{"village_id": village_of_year(r[KEY[0]], r[KEY[1]]), "year": r[KEY[1]], name: r[name],
                         "poor": r["poor"], "near_poor": r["near_poor"]} for r in rows], ("village_id", "year", name))

    deprivation_model.objects.bulk_create(
        [deprivation_model(village_id=r["village_id"], year=r["year"], code=r["deprivations__code"], poor=r["poor"],
                           near_poor=r["near_poor"]) for r in rekeyed(deprivation_rows(reviews), "deprivations__code")],
        batch_size=5000)
    cause_model.objects.bulk_create(
        [cause_model(village_id=r["village_id"], year=r["year"], cause=r["causes__cause"], poor=r["poor"],
                     near_poor=r["near_poor"]) for r in rekeyed(cause_rows(reviews), "causes__cause")], batch_size=5000)
    return ids
