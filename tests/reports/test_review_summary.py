# ruff: noqa: F811  (the households fixtures are imported below and taken as arguments)
"""Summary tables of the annual review (issue 9, item 5), against hand-counted households of thị trấn
Cao Thượng: results by village, movement over the year, the 12 deprivations, the groups, the causes;
the page, its year picker and its .xlsx; 404 outside the scope; queries that do not grow."""
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from households.services import review_create, review_recognise, review_submit, round_create
from povertyplan.models import AdministrativeUnit
from reports import summaries
from tests.households.conftest import (  # noqa: F401  (fixtures)
    add_member,
    indicators,
    leader,
    make_household,
    make_round,
    officer,
    standards,
)


@pytest.fixture
def recognise(make_round, indicators, users):
    """recognise(household, year, income, codes, causes): submitted by the officer, recognised on 20/12."""
    from households.models import ReviewRound

    def make(household, year, income, codes=(), causes=()):
        town = household.commune.code == "07339"
        actor = users["caothuong" if town else "caoxa"]
        review_round = ReviewRound.objects.filter(commune=household.commune, year=year).first() \
            or make_round(year, commune=household.commune.code)
        review = review_create(actor=actor, household=household, round=review_round, income_per_capita=income,
                               deprivations=indicators(year, *codes), causes=list(causes))
        review = review_submit(actor=actor, review=review)
        return review_recognise(actor=users["caothuong_ld" if town else "caoxa_ld"], review=review,
                                decision_number=f"{year}/QĐ-UBND", decision_date=datetime.date(year, 12, 20))

    return make


POOR, NEAR, ABOVE = 1_200_000, 1_200_000, 5_000_000


@pytest.fixture
def town(make_household, recognise, add_member, units):
    """Five households (hand-counted figures in the tests below):
    A Hoà Sơn, ethnic minority, 2 people: poor 2024 and 2025 (1, 4, 7; cause no_land)
    B Hoà Sơn, 1 person: near-poor 2024, poor 2025 (1, 2, 4; no_land, illness) → newly poor
    C Chám, người có công, 3 people: poor 2024, above average 2025 → escaped poverty
    D Trong CT, bảo trợ xã hội and no working capacity, 1 person: near-poor 2025 only (4, 9)
    E Trong CT: near-poor 2024, above average 2025 → escaped near-poverty
    """
    a = make_household("A", is_ethnic_minority=True)
    b = make_household("B")
    c = make_household("C", village="07339-02", is_meritorious=True)
    d = make_household("D", village="07339-03", is_social_protection=True, no_working_capacity=True)
    e = make_household("E", village="07339-03")
    recognise(a, 2024, POOR, ("1", "4", "7"), ["no_land"])
    recognise(b, 2024, NEAR, ("4",))
    recognise(c, 2024, POOR, ("1", "4", "7"), ["no_capital"])
    recognise(e, 2024, NEAR, ("4",))
    recognise(a, 2025, POOR, ("1", "4", "7"), ["no_land"])
    recognise(b, 2025, POOR, ("1", "2", "4"), ["no_land", "illness"])
    recognise(c, 2025, ABOVE)
    recognise(d, 2025, NEAR, ("4", "9"))
    recognise(e, 2025, ABOVE)
    add_member(a, "A một")
    add_member(a, "A hai", relation="spouse")
    add_member(b, "B một")
    for n, relation in enumerate(["head", "spouse", "child"]):
        add_member(c, f"C {n}", relation=relation)
    add_member(d, "D một")
    return units["07339"]


def _shares(rows):
    return {row.label: (row.poor, row.poor_share, row.near_poor, row.near_poor_share)
            for row in rows if row.poor or row.near_poor}


def test_summary_numbers_are_the_hand_counted_ones(town):
    from decimal import Decimal as D

    summary = summaries.build(town)
    assert summary.year == 2025 and summary.years == [2025, 2024]
    assert [(r.name, r.households, r.poor, r.poor_rate, r.near_poor, r.near_poor_rate, r.poor_members,
             r.near_poor_members) for r in summary.results[:3]] == [
        ("Hoà Sơn", 2, 2, D("100.00"), 0, D("0.00"), 3, 0),
        ("Chám", 1, 0, D("0.00"), 0, D("0.00"), 0, 0),
        ("Trong CT", 2, 0, D("0.00"), 1, D("50.00"), 0, 1)]
    total = summary.total
    assert (total.households, total.poor, total.poor_rate, total.near_poor, total.near_poor_rate) == (
        5, 2, D("40.00"), 1, D("20.00"))
    poor, near = summary.movement
    assert (poor.start, poor.out, poor.into, poor.end, poor.balanced) == (2, 1, 1, 2, True)
    assert (near.start, near.out, near.into, near.end, near.derived_in) == (2, 1, 0, 1, True)
    assert summary.unbalanced == []
    assert len(summary.deprivations) == 12
    assert {r.code: (r.poor, r.near_poor) for r in summary.deprivations if r.poor or r.near_poor} == {
        "1": (2, 0), "2": (1, 0), "4": (2, 1), "7": (1, 0), "9": (0, 1)}
    assert [(r.poor, r.poor_share, r.near_poor, r.near_poor_share) for r in summary.groups] == [
        (1, D("50.00"), 0, D("0.00")), (0, D("0.00"), 0, D("0.00")), (0, D("0.00"), 1, D("100.00")),
        (0, D("0.00"), 1, D("100.00"))]
    assert _shares(summary.causes) == {"Không có đất sản xuất": (2, D("100.00"), 0, D("0.00")),
                                       "Có người ốm đau, bệnh nặng, tai nạn": (1, D("50.00"), 0, D("0.00"))}
    previous = summaries.build(town, 2024)
    assert (previous.total.poor, previous.total.near_poor, previous.movement[0].start) == (2, 2, 0)
    assert _shares(previous.causes) == {"Không có đất sản xuất": (1, D("50.00"), 0, D("0.00")),
                                        "Không có vốn sản xuất, kinh doanh": (1, D("50.00"), 0, D("0.00"))}


def test_a_poor_household_not_reviewed_this_year_unbalances_the_movement(make_household, recognise, client_for,
                                                                         users, units):
    g, h = make_household("G"), make_household("H")
    recognise(g, 2024, POOR, ("1", "4", "7"))
    recognise(h, 2024, POOR, ("1", "4", "7"))
    recognise(h, 2025, POOR, ("1", "4", "7"))  # G has no 2025 result: it leaves the list unexplained
    town = units["07339"]
    summary = summaries.build(town)
    poor = summary.movement[0]
    assert (poor.start, poor.out, poor.into, poor.end, poor.balanced) == (2, 0, 0, 1, False)
    assert summary.unbalanced == [poor]
    html = client_for(users["caothuong"]).get(reverse("reports:review_summary", args=[town.pk])).content.decode()
    assert "đầu năm 2 − giảm 0 + tăng 0 khác cuối năm 1" in html


def test_page_shows_the_tables_with_vietnamese_numbers_and_picks_years(town, client_for, users):
    client = client_for(users["tanyen"])
    html = client.get(reverse("reports:review_summary", args=[town.pk])).content.decode()
    assert "năm 2025" in html and '<option value="2025" selected>' in html
    assert '<td class="num">40,00</td>' in html  # 2 of 5 households poor
    assert "Không có đất sản xuất" in html and "Hộ thiếu hụt các chỉ số" in html
    html = client.get(reverse("reports:review_summary", args=[town.pk]), {"year": "2024"}).content.decode()
    assert '<option value="2024" selected>' in html and "năm 2024" in html
    html = client.get(reverse("reports:review_summary", args=[town.pk]), {"year": "2031"}).content.decode()
    assert '<option value="2025" selected>' in html  # a year not held: the default one


def test_default_year_waits_for_every_commune_and_names_the_open_rounds(town, make_household, recognise, users,
                                                                         client_for, units):
    district = units["216"]
    cao_xa = make_household("X", village="07336-01")
    recognise(cao_xa, 2024, POOR, ("1", "4", "7"))
    client = client_for(users["tanyen"])
    html = client.get(reverse("reports:review_summary", args=[district.pk])).content.decode()
    assert '<option value="2024" selected>' in html  # Cao Xá has not reviewed 2025 yet
    assert 'id="open-rounds"' not in html  # the town's 2025 round is complete, Cao Xá has none yet
    assert summaries.build(district).total.poor == 3
    review_create(actor=users["caoxa"], household=make_household("Y", village="07336-01"), income_per_capita=POOR,
                  round=round_create(actor=users["caoxa"], commune=units["07336"], year=2025))
    html = client.get(reverse("reports:review_summary", args=[district.pk])).content.decode()
    assert 'id="open-rounds"' in html and "đã rà soát 1/2 hộ, đã công nhận 0" in html
    assert summaries.build(district, 2025).total.poor == 2  # picked explicitly


def test_outside_the_scope_is_404_and_agencies_are_refused(town, client_for, users, units, agency_officer):
    client = client_for(users["caoxa"])
    for name in ("reports:review_summary", "reports:review_summary_xlsx"):
        assert client.get(reverse(name, args=[town.pk])).status_code == 404
    assert client_for(agency_officer).get(reverse("reports:review_summary", args=[town.pk])).status_code == 403


def test_xlsx_layout_numbers_and_text_safety(town, client_for, users):
    AdministrativeUnit.objects.filter(code="07339-02").update(name="=Chám+1")
    response = client_for(users["caothuong"]).get(reverse("reports:review_summary_xlsx", args=[town.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="tong-hop-ra-soat-07339-2025.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Kết quả", "Diễn biến", "Thiếu hụt", "Nhóm hộ", "Nguyên nhân"]
    sheet = book["Kết quả"]
    assert sheet["A1"].value == "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:I1", "A5:A6", "D5:E5", "F5:G5", "H5:I5"} <= merged
    assert [c.value for c in sheet[8]] == ["1", "Hoà Sơn", 2, 2, 100.0, 0, 0.0, 3, 0]
    chám = sheet[9]
    assert chám[1].value == "=Chám+1" and chám[1].data_type == "s"
    total = [c.value for c in sheet[8 + len(summaries.build(town).results)]]
    assert total[1:7] == ["Tổng cộng", 5, 2, 40.0, 1, 20.0]
    assert sheet["E8"].number_format == "#,##0.00" and sheet["C8"].number_format == "#,##0"
    assert sheet.freeze_panes == "C8"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$5:$7"
    assert sheet["A8"].border.left.style == "thin"
    movement = book["Diễn biến"]
    assert [c.value for c in movement[8]] == ["Hộ nghèo", 2, 1, 1, 2]
    deprivations = book["Thiếu hụt"]
    assert [c.value for c in deprivations[8]] == ["1", "Việc làm", 2, 100.0, 0, 0.0]


@pytest.mark.parametrize("extra", [0, 24])
def test_queries_do_not_grow_with_households_or_villages(town, make_household, recognise, client_for, users, units,
                                                         extra, django_assert_num_queries):
    for n in range(extra):
        recognise(make_household(f"M-{n}", village=f"07339-{n % 20 + 1:02}"), 2025, POOR, ("1", "4", "7"))
    client = client_for(users["tanyen"])
    for unit in (units["216"], town):
        client.get(reverse("reports:review_summary", args=[unit.pk]))  # warm the session
        # session, user, officer, unit, rounds, children, two summaries, standard, its indicators, deprivations,
        # causes, and the standard again for the notice of a standard not yet law (households.standards)
        with django_assert_num_queries(13):
            client.get(reverse("reports:review_summary", args=[unit.pk]))
        with django_assert_num_queries(13):
            client.get(reverse("reports:review_summary_xlsx", args=[unit.pk]))
