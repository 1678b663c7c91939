"""The demo reproduces the 2023 recognised counts of seed 003 per residential group, consistently with classify()."""
import io

from django.db.models import Count, Q

from households import demo
from households.classification import classify
from households.models import Household, Member, Review
from povertyplan.models import AuditEvent

# Seed 003 (Kế hoạch giảm nghèo 2024 of thị trấn Cao Thượng), columns "Số hộ Năm 2023", "Nhân khẩu",
# "Hộ nghèo 2023 – Số hộ", "Hộ cận nghèo 2023 – Số hộ".
SEED_2023 = {
    "Hoà Sơn": (217, 818, 8, 10), "Chám": (95, 378, 2, 4), "Trong CT": (118, 520, 3, 4), "Đình": (134, 448, 4, 5),
    "Bậu": (88, 316, 2, 4), "Bùi": (122, 450, 3, 5), "Hợp Tiên": (120, 450, 4, 7), "Tân Lập": (235, 964, 6, 5),
    "Chùa": (110, 423, 3, 7), "Tân Tiến": (180, 596, 4, 9), "Trong Hạ": (181, 710, 6, 5), "Ngoài Hạ": (215, 827, 4, 8),
    "Phố Bùi": (143, 576, 2, 5), "Đầu": (137, 476, 4, 5), "Thiểm": (90, 315, 3, 7), "Nguồn": (114, 511, 3, 5),
    "Đình Giã": (208, 846, 2, 4), "Vườn Đình": (158, 666, 5, 2), "H. Hoa Thám": (169, 630, 0, 3),
    "Đồi Đỏ": (150, 563, 4, 3), "Phố Mới": (320, 1243, 3, 0), "Đông": (150, 590, 3, 7), "Chợ": (136, 547, 3, 4),
    "Đồng Mới": (104, 420, 3, 7), "Ngô Xá": (128, 469, 3, 3), "Ngò": (76, 280, 3, 7),
}


def town_counts():
    # the town's households live in xã Tân Yên now (same code 07339), in its tổ dân phố 07339-01…26
    households = dict(Household.objects.filter(village__code__startswith="07339-").values("village__name")
                      .annotate(n=Count("pk")).values_list("village__name", "n"))
    members = dict(Member.objects.filter(household__village__code__startswith="07339-", is_active=True)
                   .values("household__village__name").annotate(n=Count("pk")).values_list("household__village__name", "n"))
    results = Review.objects.filter(round__commune__code="07339", round__year=2023, state="locked").values(
        "household__village__name").annotate(poor=Count("pk", filter=Q(classification="poor")),
                                              near=Count("pk", filter=Q(classification="near_poor")))
    return {r["household__village__name"]: (households[r["household__village__name"]],
                                            members[r["household__village__name"]], r["poor"], r["near"])
            for r in results}


def test_demo_matches_the_seed_table_per_group_and_is_idempotent(units):
    demo.load(io.StringIO())
    counts = town_counts()
    assert counts == SEED_2023
    totals = [sum(values[i] for values in counts.values()) for i in range(4)]
    assert totals == [3898, 15032, 90, 135]
    # every household has its current (2023) result, and Cao Xá has its own registry
    assert not Household.objects.filter(current_review__isnull=True).exists()
    assert Household.objects.filter(village__code__startswith="07336-").count() == 360
    events = AuditEvent.objects.count()
    out = io.StringIO()
    demo.load(out)
    assert town_counts() == SEED_2023 and AuditEvent.objects.count() == events
    assert "đã có sổ hộ, bỏ qua" in out.getvalue()


def test_demo_results_are_consistent_with_classify_and_the_history(units):
    demo.load(io.StringIO())
    reviews = list(Review.objects.filter(round__year__lte=2023).select_related("household__village", "round", "standard")
                   .annotate(n=Count("deprivations")).order_by("pk"))[::7]
    assert len(reviews) == 1217  # every 7th of 4,258 results of 2022 and 4,258 of 2023
    for review in reviews:
        assert review.n == review.deprivation_count
        assert classify(income_per_capita=review.income_per_capita, deprivation_count=review.n,
                        area=review.household.village.area, on_date=review.round.standard_date()) == review.classification
    changes = dict(Review.objects.filter(round__year=2023).values("change").annotate(n=Count("pk"))
                   .values_list("change", "n"))
    assert changes == {"": 4060, "escaped_near_poverty": 88, "escaped_poverty": 85, "newly_poor": 25}
    # 2022 is every household's first result: poor ones are phát sinh, no other change
    changes = dict(Review.objects.filter(round__year=2022).values("change").annotate(n=Count("pk"))
                   .values_list("change", "n"))
    assert changes == {"": 4096, "newly_poor": 162}
    assert Review.objects.filter(round__year=2022, classification="poor").count() == 162
    heads = Member.objects.filter(relation="head", is_active=True).values("household").annotate(n=Count("pk"))
    assert {h["n"] for h in heads} == {1} and heads.count() == Household.objects.count()
    assert Member.objects.exclude(id_number="").values("id_number").distinct().count() == 13918
    assert Member.objects.exclude(id_number="").count() == 13918


def test_poverty_counts_selector_gives_the_seed_figures_per_group_and_for_the_town(units, django_assert_num_queries):
    from households.selectors import poverty_counts
    from povertyplan.models import AdministrativeUnit

    demo.load(io.StringIO())
    groups = list(AdministrativeUnit.objects.filter(parent=units["07339"]))
    with django_assert_num_queries(1):
        counts = poverty_counts([*groups, units["07339"]], 2023)
    # the 2023 results stay on the town's groups; the households moved to xã Tân Yên and are still counted on the
    # closed town they were carried from, so its past rates keep their denominator
    by_name = {g.name: (counts[g.pk]["poor"], counts[g.pk]["near_poor"]) for g in groups}
    assert by_name == {name: (p, n) for name, (_h, _members, p, n) in SEED_2023.items()}
    assert counts[units["07339"].pk] == {"households": 3898, "poor": 90, "near_poor": 135}
    tan_yen = units["07339@2025"]
    assert poverty_counts([tan_yen], 2023)[tan_yen.pk] == {"households": 3898 + 360, "poor": 0, "near_poor": 0}
    assert poverty_counts([units["216"]], 2023)[units["216"].pk]["poor"] == 90 + 12
