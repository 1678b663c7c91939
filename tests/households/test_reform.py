"""Issue 10, must show: a household carried across the 2025 reform keeps its history and is in xã Tân
Yên's 2026 round; a 2024 figure re-aggregated on xã Tân Yên equals the sum of its predecessors'; a closed
unit refuses a new round; routing picks the district before and the province after 1 July 2025."""
import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from households import selectors
from households.models import Household
from households.services import households_carry, review_create, round_create
from povertyplan.models import OfficeKind
from povertyplan.routing import office_name, supervisor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(make_household, recognised_review):
    """A poor household of tổ dân phố Hoà Sơn (thị trấn Cao Thượng) and a near-poor one of thôn Cao Thượng
    (xã Cao Xá), recognised in 2022, 2023 and 2024, and a non-poor one in the town in 2024."""
    town = make_household("HS-001")
    village = make_household("HS-001", village="07336-01", head_name="Trần Thị Bích")
    other = make_household("HS-002", head_name="Lê Văn Cường")
    for year in (2022, 2023, 2024):
        recognised_review(town, year=year, income=1_200_000, codes=("1", "4", "7"))
        recognised_review(village, year=year, income=1_200_000, codes=("1",))
    recognised_review(other, year=2024, income=9_000_000, codes=())
    return town, village, other


def _carry(units):
    tan_yen = units["07339@2025"]
    households_carry(actor=None, old_commune=units["07339"], new_commune=tan_yen)
    households_carry(actor=None, old_commune=units["07336"], new_commune=tan_yen, code_prefix="CX-")
    return tan_yen


def test_carried_household_keeps_its_history_and_is_in_the_2026_round(units, users, history):
    town = history[0]
    tan_yen = _carry(units)
    town.refresh_from_db()
    assert (town.commune, town.village.parent, town.village.code) == (tan_yen, tan_yen, "07339-01")
    reviews = list(selectors.household_reviews(town).order_by("round__year"))
    assert [(r.round.year, r.round.commune.code, r.round.commune.valid_to) for r in reviews] == [
        (2022, "07339", datetime.date(2025, 6, 30)), (2023, "07339", datetime.date(2025, 6, 30)),
        (2024, "07339", datetime.date(2025, 6, 30))]
    # xã Cao Xá's HS-001 would clash with the town's: it came over as CX-HS-001
    assert Household.objects.get(code="CX-HS-001").commune == tan_yen
    review_round = round_create(actor=users["xatanyen"], commune=tan_yen, year=2026)
    review = review_create(actor=users["xatanyen"], household=town, round=review_round, income_per_capita=1_500_000)
    assert review.round.commune == tan_yen
    _rows, total = selectors.round_progress(review_round)
    assert total["households"] == 3


def test_carry_refuses_clashing_codes_whole(units, history):
    tan_yen = units["07339@2025"]
    households_carry(actor=None, old_commune=units["07339"], new_commune=tan_yen)
    with pytest.raises(ValidationError) as refused:
        households_carry(actor=None, old_commune=units["07336"], new_commune=tan_yen)
    assert "Xã Tân Yên đã có hộ mang mã HS-001" in str(refused.value)
    assert Household.objects.get(code="HS-001", commune=units["07336"]).village == units["07336-01"]


def test_2024_figure_of_xa_tan_yen_is_the_sum_of_its_predecessors(units, history):
    before = selectors.poverty_counts([units["07339"], units["07336"]], 2024)
    tan_yen = _carry(units)
    years, territory = selectors.poverty_trend_across([tan_yen])[tan_yen.pk]
    assert before[units["07339"].pk]["poor"] == 1 and before[units["07336"].pk]["near_poor"] == 1
    assert years[2024]["poor"] == before[units["07339"].pk]["poor"] + before[units["07336"].pk]["poor"]
    assert years[2024]["near_poor"] == (before[units["07339"].pk]["near_poor"]
                                        + before[units["07336"].pk]["near_poor"])
    assert years[2024]["households"] == 3  # today's registry of xã Tân Yên
    assert sorted(years) == [2022, 2023, 2024]
    # the old units keep their figures after the carry; the new one holds none of before its time
    assert selectors.poverty_counts([units["07339"]], 2024)[units["07339"].pk]["poor"] == 1
    assert selectors.poverty_counts([tan_yen], 2024)[tan_yen.pk]["poor"] == 0
    assert units["07339"] in territory.parts and units["07336"] in territory.parts


def test_dashboard_says_the_earlier_figure_was_re_aggregated(units, users, history, client_for):
    tan_yen = _carry(units)
    response = client_for(users["bacninh"]).get(f"/reports/dashboard/{tan_yen.pk}/?year=2024")
    page = response.content.decode()
    assert 'id="reaggregated"' in page
    assert "Số liệu năm 2022, 2023, 2024 được tổng hợp lại trên địa bàn của Xã Tân Yên" in page
    assert "Xã Cao Xá, Thị trấn Cao Thượng." in page
    # the deprivations of 2024 are the predecessors' too: indicator 1 for both poor and near-poor
    board = response.context["board"]
    assert board.deprivations[0][0].startswith("1. ") and board.deprivations[0][1:] == (1, 1)


def test_routing_picks_the_district_before_and_the_province_after_the_reform(units):
    before, after = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    for commune in (units["07339"], units["07339@2025"]):
        assert supervisor_of(commune, before) == units["216"]
        assert supervisor_of(commune, after) == units["24@2025"]
    assert office_name(units["216"], OfficeKind.LABOUR, before) == \
        "Phòng Lao động - Thương binh và Xã hội huyện Tân Yên"
    assert office_name(units["24@2025"], OfficeKind.LABOUR, after) == "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh"
    assert office_name(units["216"], OfficeKind.LABOUR, after) == ""


def test_closed_town_issues_no_2026_plan_and_xa_tan_yen_names_its_committee(units, users):
    from programmes.models import Programme
    from programmes.services.plans import plan_create

    qd90, programme_2026 = Programme.objects.get(start_year=2021), Programme.objects.get(start_year=2026)
    with pytest.raises(ValidationError) as refused:
        plan_create(actor=users["caothuong"], programme=programme_2026, issuing_unit=units["07339"], year_from=2026,
                    title="Kế hoạch giảm nghèo năm 2026")
    assert "Thị trấn Cao Thượng đã hết hiệu lực từ sau ngày 30/06/2025: không tạo kế hoạch mới" in str(refused.value)
    plan = plan_create(actor=users["xatanyen"], programme=qd90, issuing_unit=units["07339@2025"],
                       year_from=2025, title="Kế hoạch giảm nghèo 6 tháng cuối năm 2025")
    assert plan.issuing_body == "ỦY BAN NHÂN DÂN XÃ TÂN YÊN"  # the committee recorded on the unit from 01/07/2025


def test_carry_history_names_the_units_by_id_not_by_their_reused_code(units, users, history, client_for):
    """Thị trấn Cao Thượng and xã Tân Yên share 07339: the carry events store ids and the names of the time, and
    the household's history tells the two apart; an event written before (bare codes) still shows."""
    from django.urls import reverse

    from povertyplan.models import AuditEvent

    town = history[0]
    old_village = town.village
    tan_yen = _carry(units)
    town.refresh_from_db()
    moved = AuditEvent.objects.get(action="household.carry", object_id=str(town.pk))
    assert (moved.before["commune"]["id"], moved.after["commune"]["id"]) == (units["07339"].pk, tan_yen.pk)
    assert (moved.before["village"]["id"], moved.after["village"]["id"]) == (old_village.pk, town.village_id)
    carried = AuditEvent.objects.get(action="unit.carry", after__from__id=units["07339"].pk)
    assert carried.after["to"] == {"id": tan_yen.pk, "label": "Xã Tân Yên (07339)"}
    assert town.village_id in {v["id"] for v in carried.after["villages"]}
    assert carried.object_id == str(tan_yen.pk)
    AuditEvent.objects.create(action="household.carry", object_type="households.household", object_id=str(town.pk),
                              object_repr=str(town), unit=tan_yen, before={"commune": "07339", "village": "07339-01"},
                              after={"commune": "07339", "village": "07339-01", "code": "HS-001"})

    page = client_for(users["xatanyen"]).get(reverse("households:household_detail", args=[town.pk])).content.decode()
    page = " ".join(re.sub(r"<[^>]+>", "", page).split())  # the text, as read
    assert "Xã, phường: Thị trấn Cao Thượng (07339) → Xã Tân Yên (07339)" in page
    assert "Thôn, tổ dân phố: Tổ dân phố" not in page  # same name, other unit: no "X → X" line
    assert "Xã, phường: 07339 → 07339" not in page  # the old row: nothing changed that reads as a change…
    assert page.count("Chuyển hộ sang đơn vị kế thừa") == 2  # …but it is listed
