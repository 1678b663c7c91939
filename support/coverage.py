"""Kept coverage (support.models.CoverageFigure): per policy and village, the eligible and supported today.

Eligibility moves with the registry (a recognition, a member added or edited, a household moved), with the
support records, with a policy's rule, and with the calendar (ages, the newly-escaped window, the period). So:

- `coverage_refresh(village_ids)` recounts whole villages for every active policy, by the same query the
  lists use (selectors.eligible_in), and is called in the transaction of every change: support records here,
  registry changes through households' `figures_changed` signal (households must not import support);
- a row is stamped with its day and its policy's `rule_key`: a row of another day or of an edited rule is
  not used, and each night `support_coverage_refresh` recounts every village for the new day;
- `kept_coverage` sums a unit's villages' rows only when every village of the unit has a usable row; the
  caller counts afresh otherwise. So kept counts are either right or not used.
"""
import hashlib
import json

from django.db.models import Count, IntegerField, Q, Subquery, Sum, Value
from django.utils import timezone

from povertyplan.models import AdministrativeUnit, UnitKind
from support.models import CoverageFigure, Policy

# the kinds of the units above villages (povertyplan.models.kind_tier): every other kind is a village's
_ABOVE_VILLAGE = [UnitKind.TINH, UnitKind.THANH_PHO, UnitKind.HUYEN, UnitKind.QUAN, UnitKind.THI_XA, UnitKind.XA,
                  UnitKind.PHUONG, UnitKind.THI_TRAN, UnitKind.DAC_KHU]
VILLAGES = ~Q(kind__in=_ABOVE_VILLAGE)


def rule_key(policy):
    """What the counts depend on besides the data and the day: the rule, who receives, how often."""
    text = json.dumps([policy.rule, policy.beneficiary, policy.period], sort_keys=True, ensure_ascii=True)
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _by_province(village_ids):
    """[(a village, the ids of its province's villages)]: a rule may read its province's own poor line."""
    groups = {}
    for village in AdministrativeUnit.objects.filter(pk__in=village_ids).only("pk", "path", "parent_id"):
        groups.setdefault(village.path.split("/")[1], []).append(village)  # the root of the path: the province
    return [(villages[0], [v.pk for v in villages]) for villages in groups.values()]


def fresh_counts(policies, village_ids, as_of):
    """{(policy pk, village pk): (eligible, supported)} counted from the registry: one UNION ALL query."""
    from support.selectors import eligible_in

    village = {True: "household__village_id", False: "village_id"}
    parts = [eligible_in(p, {"village_id__in": ids}, as_of, unit).order_by()
             .annotate(policy_id=Value(p.pk)).values("policy_id", village[p.is_personal])
             .annotate(n=Count("pk"), done=Count("pk", filter=Q(supported=True)))
             .values_list("policy_id", village[p.is_personal], "n", "done")
             for unit, ids in _by_province(village_ids) for p in policies]
    if not parts:
        return {}
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {(policy, village): (n, done) for policy, village, n, done in query}


def coverage_refresh(village_ids, *, policies=None, as_of=None, only_kept=True):
    """Recount `village_ids` for `policies` (every active one) on `as_of` (today). With `only_kept`, villages
    that have no kept row yet are left to the nightly count (a write then costs one query, not a recount)."""
    ids = sorted({pk for pk in village_ids if pk is not None})
    if not ids:
        return
    if only_kept:
        ids = list(CoverageFigure.objects.filter(village_id__in=ids).order_by("village_id")
                   .values_list("village_id", flat=True).distinct())
        if not ids:
            return
    # two writers recounting a village take turns (as households' figures_refresh does): no lost row, no clash
    list(AdministrativeUnit.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    as_of = as_of or timezone.localdate()
    policies = list(Policy.objects.filter(is_active=True) if policies is None else policies)
    counts = fresh_counts(policies, ids, as_of)
    CoverageFigure.objects.filter(village_id__in=ids, policy__in=policies).delete()
    CoverageFigure.objects.bulk_create(
        [CoverageFigure(policy=p, village_id=v, as_of=as_of, rule_key=rule_key(p),
                        eligible=counts.get((p.pk, v), (0, 0))[0], supported=counts.get((p.pk, v), (0, 0))[1])
         for p in policies for v in ids], batch_size=5000)


def coverage_refresh_all(*, as_of=None, unit=None, batch=50):
    """The nightly count: every village (of `unit`), a batch of villages per query."""
    villages = AdministrativeUnit.objects.filter(VILLAGES)
    if unit is not None:
        villages = villages.filter(path__startswith=unit.path)
    ids = list(villages.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        coverage_refresh(ids[start:start + batch], as_of=as_of, only_kept=False)
    return len(ids)


def kept_coverage(policies, unit, as_of):
    """{policy pk: (eligible, supported)} from the kept rows, for the policies whose rows cover every village
    of `unit` on `as_of` with the current rule; the others are missing. One query."""
    villages = (AdministrativeUnit.objects.filter(VILLAGES, path__startswith=unit.path).order_by()
                .annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n"))
    keys = {p.pk: rule_key(p) for p in policies}
    rows = (CoverageFigure.objects.filter(village__path__startswith=unit.path, as_of=as_of, policy__in=keys)
            .order_by().values("policy_id", "rule_key")
            .annotate(villages=Count("pk"), eligible=Sum("eligible"), supported=Sum("supported"),
                      of=Subquery(villages, output_field=IntegerField())))
    return {row["policy_id"]: (row["eligible"], row["supported"]) for row in rows
            if row["villages"] == row["of"] and row["rule_key"] == keys[row["policy_id"]]}
