"""Standards not yet law (issue 10 item 5): the 2027–2030 standard and its invented average band are marked
in the data, and every page that classifies with them says so; a province's own higher standard."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from households.models import PovertyStandard
from households.models.standards import LocalUse
from households.standards import applicable_standards, province_of, standard_for, unconfirmed_notice
from povertyplan.models import Role
from povertyplan.services import unit_create
from tests.conftest import make_officer

WARNING = "Chuẩn nghèo đa chiều giai đoạn 2027–2030 chưa được ban hành chính thức (theo dự thảo)"


@pytest.fixture
def tan_yen(units, users, standards):
    """xã Tân Yên (after 1 July 2025) with one tổ dân phố, its officer and a household there."""
    from households.services import household_create

    commune = units["07339@2025"]
    village = unit_create(actor=users["admin"], code="07339-T1", name="Tổ dân phố Hoà Sơn", kind="to_dan_pho",
                          parent=commune, valid_from=datetime.date(2025, 7, 1))
    officer = make_officer("tanyen_xa", Role.COMMUNE, commune)
    household = household_create(actor=officer, village=village, code="TY-001", head_name="Nguyễn Văn An")
    return {"commune": commune, "village": village, "officer": officer, "household": household}


def rounds_and_reviews(tan_yen, indicators):
    from households.services import review_create, round_create

    made = {}
    for year in (2025, 2026):  # the 2025 review classifies with the 2026 standard, the 2026 one with 2027–2030
        review_round = round_create(actor=tan_yen["officer"], commune=tan_yen["commune"], year=year)
        review = review_create(actor=tan_yen["officer"], household=tan_yen["household"], round=review_round,
                               income_per_capita=1_900_000, deprivations=indicators(year, "1", "2", "3"))
        made[year] = (review_round, review)
    return made


def test_the_2027_2030_standard_and_its_average_band_are_marked_unconfirmed(standards):
    flags = {s.code: (s.confirmed, s.average_confirmed) for s in PovertyStandard.objects.all()}
    assert flags == {"2022-2025": (True, True), "2026": (True, True), "2027-2030": (False, False)}


def test_the_notice_says_which_part_is_not_law(standards):
    standard = PovertyStandard.objects.get(code="2027-2030")
    assert unconfirmed_notice(standard) == (f"{WARNING}; kết quả phân loại theo chuẩn này là tạm tính.")
    standard.confirmed = True  # the decree is issued but the average band is still the app's own
    assert unconfirmed_notice(standard) == (
        "Chuẩn hộ có mức sống trung bình của Chuẩn nghèo đa chiều giai đoạn 2027–2030 chưa được ban hành chính thức; "
        "phân loại hộ có mức sống trung bình là tạm tính.")
    assert unconfirmed_notice(PovertyStandard.objects.get(code="2026")) == ""


def test_the_review_form_of_the_2026_round_shows_the_warning(tan_yen, indicators, client_for):
    """Must show: a screen that classifies with an unconfirmed standard shows the warning."""
    from households.services import round_create

    client = client_for(tan_yen["officer"])
    household = tan_yen["household"]
    for year, warned in ((2026, True), (2025, False)):
        review_round = round_create(actor=tan_yen["officer"], commune=tan_yen["commune"], year=year)
        page = client.get(reverse("households:review_create", args=[household.pk, review_round.pk])).content.decode()
        assert (WARNING in page) is warned, year
        assert ('class="alert alert-warning py-2 standard-unconfirmed"' in page) is warned, year


def test_review_household_and_round_pages_show_the_warning_for_the_2026_round_only(tan_yen, indicators, client_for):
    made = rounds_and_reviews(tan_yen, indicators)
    client = client_for(tan_yen["officer"])
    for year, warned in ((2026, True), (2025, False)):
        review_round, review = made[year]
        detail = client.get(reverse("households:review_detail", args=[review.pk])).content.decode()
        assert (WARNING in detail) is warned, year
        progress = client.get(reverse("households:round_progress", args=[review_round.pk])).content.decode()
        assert (WARNING in progress) is warned, year
    timeline = client.get(reverse("households:household_detail", args=[tan_yen["household"].pk])).content.decode()
    assert timeline.count(WARNING) == 1  # under the 2026 review, not under the 2025 one


# --- a province's own higher standard ---

@pytest.fixture
def bac_ninh(units):
    province = province_of(units["07339@2025"])
    assert province.code == "24" and province.valid_to is None
    return province


def local_standard(province, **fields):
    values = dict(code="BN-2027", name="Chuẩn nghèo riêng tỉnh Bắc Ninh 2027–2030", province=province,
                  local_use=LocalUse.OWN_PROGRAMMES, valid_from=datetime.date(2027, 1, 1),
                  valid_to=datetime.date(2030, 12, 31), poor_line_rural=2_500_000, poor_line_urban=3_000_000,
                  average_line_rural=3_750_000, average_line_urban=4_500_000, confirmed=False, average_confirmed=False)
    values.update(fields)
    return PovertyStandard(**values)


def test_a_provincial_standard_must_be_of_a_province_for_a_use_and_not_below_the_national(bac_ninh, units, standards):
    with pytest.raises(ValidationError) as refused:
        local_standard(bac_ninh, poor_line_rural=2_000_000, local_use="").full_clean()
    assert refused.value.message_dict["poor_line_rural"] == [
        "Chuẩn của tỉnh không được thấp hơn chuẩn quốc gia (2.200.000 đồng)."]
    assert refused.value.message_dict["local_use"] == ["Ghi tỉnh áp dụng chuẩn riêng này cho việc gì."]
    with pytest.raises(ValidationError) as refused:
        local_standard(units["07339@2025"]).full_clean()
    assert refused.value.message_dict["province"] == ["Xã Tân Yên không phải là tỉnh, thành phố trực thuộc trung ương."]
    first = local_standard(bac_ninh)
    first.full_clean()
    first.save()
    with pytest.raises(ValidationError) as refused:
        local_standard(bac_ninh, code="BN-2028", valid_from=datetime.date(2028, 1, 1)).full_clean()
    assert refused.value.message_dict["valid_from"] == ["Trùng thời gian với Chuẩn nghèo riêng tỉnh Bắc Ninh 2027–2030."]


def test_the_province_standard_applies_where_the_province_says_alongside_the_national(bac_ninh, units, standards):
    local = local_standard(bac_ninh)
    local.full_clean()
    local.save()
    on = datetime.date(2027, 6, 1)
    village_or_commune = units["07339@2025"]
    national = PovertyStandard.objects.get(code="2027-2030")
    assert applicable_standards(unit=village_or_commune, on_date=on) == [national, local]
    assert standard_for(unit=village_or_commune, on_date=on, use=LocalUse.OWN_PROGRAMMES) == local
    assert standard_for(unit=village_or_commune, on_date=on, use=LocalUse.OWN_SUPPORT) == national
    assert standard_for(unit=village_or_commune, on_date=on) == national  # rà soát: always the national one
    assert PovertyStandard.objects.in_force(on).get() == national
    # before the province's standard starts, and in a unit of the old tree (tỉnh Bắc Giang), only the national one
    assert applicable_standards(unit=village_or_commune, on_date=datetime.date(2026, 6, 1)) == [
        PovertyStandard.objects.get(code="2026")]
    assert applicable_standards(unit=units["07336"], on_date=on) == [national]


def test_the_review_keeps_the_national_standard_when_the_province_has_its_own(bac_ninh, tan_yen, indicators):
    local_standard(bac_ninh).save()
    made = rounds_and_reviews(tan_yen, indicators)
    assert made[2026][1].standard.code == "2027-2030"


def test_the_2026_summary_page_and_its_workbook_say_the_standard_is_a_draft(tan_yen, indicators, client_for):
    import io

    from django.utils import timezone
    from openpyxl import load_workbook

    from households.services import review_recognise, review_submit

    made = rounds_and_reviews(tan_yen, indicators)
    leader = make_officer("tanyen_ld", Role.LEADER, tan_yen["commune"])
    for year in (2025, 2026):
        review = review_submit(actor=tan_yen["officer"], review=made[year][1])
        review_recognise(actor=leader, review=review, decision_number=f"{year}/QĐ-UBND",
                         decision_date=timezone.localdate())
    client = client_for(tan_yen["officer"])
    url = reverse("reports:review_summary", args=[tan_yen["commune"].pk])
    assert WARNING in client.get(url, {"year": 2026}).content.decode()
    assert WARNING not in client.get(url, {"year": 2025}).content.decode()
    for year, warned in ((2026, True), (2025, False)):
        response = client.get(reverse("reports:review_summary_xlsx", args=[tan_yen["commune"].pk]), {"year": year})
        workbook = load_workbook(io.BytesIO(response.content))
        for sheet in workbook.worksheets:
            titles = [sheet.cell(row=r, column=1).value for r in range(1, 5)]
            assert any(isinstance(t, str) and t.startswith(WARNING) for t in titles) is warned, (year, sheet.title)
