"""The demo after 2023: the 2024 round of seed 003's plan, xã Tân Yên's 2025 round, and its 2026 round half way
through the procedure of QĐ 24 (issue 10 item 6, issue 13's last must-show)."""
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from households import demo, selectors
from households.classification import classify
from households.home import panels
from households.models import Household, Posting, Review, ReviewRound, ReviewState, VillageMeeting
from households.services import missing_steps, round_recognise
from households.services.history import refresh_histories
from reports import dashboard

pytestmark = pytest.mark.usefixtures("on_26_11_2026")  # the requests' deadlines are written against that day

# Seed 003's annex, columns "Hộ nghèo dự kiến 2024 – Số hộ" and "CN dự kiến 2024 – Số hộ", per tổ dân phố.
SEED_2024 = {
    "Hoà Sơn": (4, 6), "Chám": (2, 4), "Trong CT": (2, 4), "Đình": (2, 4), "Bậu": (2, 4), "Bùi": (2, 4),
    "Hợp Tiên": (2, 5), "Tân Lập": (3, 5), "Chùa": (2, 5), "Tân Tiến": (2, 5), "Trong Hạ": (2, 5), "Ngoài Hạ": (2, 5),
    "Phố Bùi": (2, 5), "Đầu": (2, 5), "Thiểm": (2, 5), "Nguồn": (2, 5), "Đình Giã": (1, 4), "Vườn Đình": (3, 2),
    "H. Hoa Thám": (0, 3), "Đồi Đỏ": (3, 3), "Phố Mới": (2, 0), "Đông": (2, 5), "Chợ": (2, 4), "Đồng Mới": (2, 5),
    "Ngô Xá": (2, 3), "Ngò": (2, 5),
}


def _counts(**filters):
    return {row["household__village__name"]: (row["poor"], row["near"]) for row in
            Review.objects.filter(**filters).values("household__village__name").annotate(
                poor=Count("pk", filter=Q(classification="poor")), near=Count("pk", filter=Q(classification="near_poor")))}


def test_the_demo_holds_2024_as_the_seed_plan_expected_and_2025_in_xa_tan_yen(units):
    demo.load(io.StringIO())
    town, cao_xa, tan_yen = units["07339"], units["07336"], units["07339@2025"]

    # 2024: the town's round (closed unit), locked, one result per household, the seed's expected counts
    town_2024 = ReviewRound.objects.get(commune=town, year=2024, kind="periodic")
    assert town_2024.locked_at is not None
    assert _counts(round=town_2024) == SEED_2024
    assert town_2024.reviews.count() == 3898 and town_2024.reviews.exclude(state=ReviewState.LOCKED).count() == 0
    # xã Cao Xá's villages keep their 2023 counts (5/7, 3/6, 4/3)
    assert _counts(round__commune=cao_xa, round__year=2024) == _counts(round__commune=cao_xa, round__year=2023) == {
        "Thôn Cao Thượng": (5, 7), "Thôn Cao Xá": (3, 6), "Thôn Ngọc Yên": (4, 3)}

    # 2025: xã Tân Yên's round (after the reform), on every carried household: the 2026 plan's baselines
    round_2025 = ReviewRound.objects.get(year=2025, kind="periodic")
    assert round_2025.commune == tan_yen and round_2025.locked_at is not None
    reviews = round_2025.reviews
    assert reviews.count() == 4258 == reviews.values("household").distinct().count()
    assert set(reviews.values_list("decision_date", flat=True)) == {datetime.date(2025, 12, 15)}
    assert (reviews.filter(classification="poor").count(), reviews.filter(classification="near_poor").count()) == (66, 126)
    assert not reviews.exclude(household__village__parent=tan_yen).exists()
    # every household's current result is its 2025 one, and 2024 → 2025 has both escapes and newcomers
    assert not Review.objects.filter(household__current_review__round__year__lt=2025).exists()
    changes = dict(reviews.values_list("change").annotate(n=Count("pk")))
    assert changes.get("escaped_poverty", 0) > 0 and changes.get("newly_poor", 0) + changes.get("re_poor", 0) > 0
    # the changes written in bulk are those of the history rule over each household's results
    written = dict(Review.objects.values_list("pk", "change"))
    refresh_histories(Household.objects.values_list("pk", flat=True))
    assert dict(Review.objects.values_list("pk", "change")) == written
    for review in list(reviews.filter(classification__in=["poor", "near_poor"]).select_related(
            "household__village", "round").annotate(n=Count("deprivations")))[::9]:
        assert review.n == review.deprivation_count
        assert classify(income_per_capita=review.income_per_capita, deprivation_count=review.n,
                        area=review.household.village.area, on_date=review.round.standard_date()) == review.classification

    # xã Tân Yên's dashboard: 2024 re-aggregated on the old communes (54 + 12 poor, 110 + 16 near-poor), 2025 its own
    source = dashboard.load(tan_yen)
    added, _territory = source.across[tan_yen.pk]
    assert 2024 in added and 2025 not in added
    assert {y: (f["poor"], f["near_poor"]) for y, f in source.own.items() if y >= 2024} == {
        2024: (66, 126), 2025: (66, 126)}


def test_the_demo_2026_round_has_the_procedure_half_done(units, users):
    out = io.StringIO()
    demo.load(out)
    tan_yen = units["07339@2025"]
    review_round = ReviewRound.objects.get(commune=tan_yen, year=2026, kind="periodic")
    assert review_round.follows_procedure
    # results entered in four villages, two of which met; one household sent back by its meeting
    villages = set(review_round.reviews.values_list("household__village__code", flat=True))
    met = set(VillageMeeting.objects.filter(round=review_round).values_list("village__code", flat=True))
    assert len(villages) == 4 and met < villages and len(met) == 2
    states = dict(review_round.reviews.values_list("state").annotate(n=Count("pk")))
    assert states == {"submitted": 32, "draft": 15, "returned": 1}
    assert not Posting.objects.filter(round=review_round).exists()
    assert review_round.list_entries.count() == 192  # the 2025 poor and near-poor households
    # two requests open, one overdue, on the leader's home
    [panel] = [p for t, p in panels(users["xatanyen_ld"]) if t == "households/_home_requests.html"]
    assert (panel["count"], panel["overdue"]) == (2, 1)
    assert len(selectors.open_requests(users["xatanyen_ld"])) == 2
    # nothing can be recognised before the posting: the leader is told what is missing
    missing = missing_steps(review_round)
    assert missing[0].startswith("Chưa họp dân ở: ") and "Chưa niêm yết công khai kết quả." in missing
    with pytest.raises(ValidationError, match="Chưa niêm yết"):
        round_recognise(actor=users["xatanyen_ld"], round=review_round, decision_number="130/QĐ-UBND",
                        decision_date=datetime.date(2026, 11, 25))
    assert not review_round.reviews.filter(state__in=["recognised", "locked"]).exists()
    # what xã Tân Yên recognised in 2026: its monthly regular reviews
    assert Review.objects.filter(round__commune=tan_yen, round__year=2026, round__kind="regular",
                                 state="recognised").count() == 6
    # loading again adds nothing
    meetings, reviews = VillageMeeting.objects.count(), Review.objects.count()
    demo.load(io.StringIO())
    assert (VillageMeeting.objects.count(), Review.objects.count()) == (meetings, reviews)
