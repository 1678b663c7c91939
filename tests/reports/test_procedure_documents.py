# ruff: noqa: F811  (the households fixtures are imported below and taken as arguments)
"""The procedure documents as PDFs, read back with pypdf: the recognition decision (Căn cứ, Điều 1–3, the
annex counts equal to the recognised results), the certificates with the household's members, the
minutes in two copies, the refusal letter; diacritics intact; 404 outside the commune."""
import datetime
import io
import unicodedata

import pytest
from django.urls import reverse
from pypdf import PdfReader

from households.models import Certificate, Review, ReviewState
from households.services import (
    certificates_issue,
    meeting_record,
    posting_set,
    request_create,
    request_refuse,
    review_create,
    review_submit,
    round_create,
    round_recognise,
)
from tests.conftest import create_household
from tests.households.conftest import (  # noqa: F401  (fixtures)
    add_member,
    commune_users,
    indicators,
    recognised_review,
    standards,
)

pytestmark = pytest.mark.usefixtures("on_26_11_2026")  # deadlines are written against that day


# Thị trấn Cao Thượng closed on 30/06/2025 and takes no 2026 round: the procedure runs in today's xã Tân Yên.
@pytest.fixture
def officer(users):
    return users["xatanyen"]


@pytest.fixture
def leader(users):
    return users["xatanyen_ld"]


@pytest.fixture
def make_household(units, users, standards):
    def make(code="HS-001", village="07339-01@2025", **fields):
        fields.setdefault("head_name", "Nguyễn Văn An")
        return create_household(actor=users["xatanyen"], village=units[village], code=code, **fields)

    return make


@pytest.fixture
def make_round(units, users):
    def make(year=2025, commune="07339@2025", kind="periodic", month=None):
        return round_create(actor=commune_users(users, units[commune])[0], commune=units[commune], year=year,
                            kind=kind, month=month)

    return make


D = datetime.date


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader.pages]


@pytest.fixture
def recognised_round(units, officer, leader, make_household, add_member, recognised_review, indicators):
    """The 2026 round of xã Tân Yên following the procedure, recognised by decision 1/QĐ-UBND:
    HS-001 stays poor, HS-002 escapes poverty into near-poverty (Hoà Sơn); HS-003 is newly poor and HS-004
    escapes near-poverty (the second tổ dân phố). Certificates for the three poor or near-poor."""
    h1, h2 = make_household("HS-001", address="Số 5"), make_household("HS-002")
    h3, h4 = make_household("HS-003", village="07339-02@2025"), make_household("HS-004", village="07339-02@2025")
    add_member(h1, id_number="024070001234")
    add_member(h1, full_name="Hoàng Thị Lành", relation="spouse", sex="female", birth_year=1972, ethnicity="Tày")
    add_member(h1, full_name="Nguyễn Văn Bình", relation="child", birth_year=2001)
    recognised_review(h1, 2025, 1_500_000, ("1", "4", "7"))
    recognised_review(h2, 2025, 1_500_000, ("1", "4", "7"))
    recognised_review(h4, 2025, 1_500_000, ())
    review_round = round_create(actor=officer, commune=units["07339@2025"], year=2026, follows_procedure=True)
    for household, income, codes in ((h1, 1_500_000, ("1", "4", "7")), (h2, 1_800_000, ()),
                                     (h3, 1_000_000, ("1", "4", "7")), (h4, 5_000_000, ())):
        review_submit(actor=officer, review=review_create(actor=officer, household=household, round=review_round,
                                                          income_per_capita=income,
                                                          deprivations=indicators(2026, *codes)))
    meeting_record(actor=officer, round=review_round, village=units["07339-01@2025"], held_on=D(2026, 11, 2),
                   chair="Nguyễn Văn Tổ", present_count=40, votes={h1: 35, h2: 30})
    meeting_record(actor=officer, round=review_round, village=units["07339-02@2025"], held_on=D(2026, 11, 3),
                   chair="Trần Văn Hai", present_count=20, votes={h3: 18, h4: 12})
    posting_set(actor=officer, round=review_round, starts_on=D(2026, 11, 5), ends_on=D(2026, 11, 20))
    round_recognise(actor=leader, round=review_round, decision_number="", decision_date=D(2026, 11, 25))
    certificates_issue(actor=leader, round=review_round, issued_on=D(2026, 11, 26))
    return review_round


def test_the_decision_holds_its_legal_bases_articles_and_annex_counts(client_for, officer, recognised_round, units):
    reviews = Review.objects.filter(round=recognised_round, state=ReviewState.RECOGNISED)
    assert set(reviews.values_list("decision_number", flat=True)) == {"1/QĐ-UBND"}  # numbered by the app
    poor = reviews.filter(classification="poor").count()
    near = reviews.filter(classification="near_poor").count()
    escaped = reviews.filter(change="escaped_poverty").count()
    escaped_near = reviews.filter(change="escaped_near_poverty").count()
    assert (poor, near, escaped, escaped_near) == (2, 1, 1, 1)
    response = client_for(officer).get(reverse("reports:decision_pdf", args=[recognised_round.pk]) + "?number=1/QĐ-UBND")
    pages = pdf_text(response)
    text = " ".join(pages)
    assert "ỦY BAN NHÂN DÂN XÃ TÂN YÊN" in text and "Số: 1/QĐ-UBND" in text
    assert "ngày 25 tháng 11 năm 2026" in text
    assert "QUYẾT ĐỊNH Về việc công nhận hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo" in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    assert "Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021" in text
    assert "Căn cứ Thông tư số 07/2021/TT-BLĐTBXH" in text
    assert (f"Điều 1. Công nhận {poor} hộ nghèo, {near} hộ cận nghèo, {escaped} hộ thoát nghèo, {escaped_near} hộ "
            "thoát cận nghèo trên địa bàn xã Tân Yên") in text
    assert "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in text and "Điều 3." in text
    assert "(Kèm theo Quyết định số 1/QĐ-UBND ngày 25/11/2026" in text
    village_one, village_two = units["07339-01@2025"].name, units["07339-02@2025"].name
    assert f"1 {village_one} 1 1 1 0" in text and f"2 {village_two} 1 0 0 1" in text
    assert f"Tổng cộng {poor} {near} {escaped} {escaped_near}" in text
    assert "I. HỘ NGHÈO" in text and "IV. HỘ THOÁT CẬN NGHÈO" in text
    assert "HS-004" in text.split("IV. HỘ THOÁT CẬN NGHÈO")[1]


def test_a_certificate_holds_the_household_and_its_members(client_for, officer, leader, recognised_round):
    review = Review.objects.get(round=recognised_round, household__code="HS-001")
    assert review.certificate.number_text == "1/GCN-HN.HCN"
    pages = pdf_text(client_for(officer).get(reverse("reports:certificate_pdf", args=[review.pk])))
    text = " ".join(pages)
    assert "Số: 1/GCN-HN.HCN" in text and "GIẤY CHỨNG NHẬN" in text
    assert "Họ và tên chủ hộ: Nguyễn Văn An" in text and "024070001234" in text
    assert "1 Nguyễn Văn An Kinh Chủ hộ 1970" in text
    assert "2 Hoàng Thị Lành Tày Vợ, chồng 1972" in text
    assert "3 Nguyễn Văn Bình Kinh Con 2001" in text
    assert "Là hộ nghèo theo Quyết định số 1/QĐ-UBND ngày 25/11/2026" in text
    leader_text = " ".join(pdf_text(client_for(leader).get(reverse("reports:certificate_pdf", args=[review.pk]))))
    assert "********1234" in leader_text and "024070001234" not in leader_text


def test_a_village_prints_all_its_certificates_in_one_pdf(client_for, officer, recognised_round, units):
    assert list(Certificate.objects.order_by("number").values_list("number", "review__household__code")) == [
        (1, "HS-001"), (2, "HS-002"), (3, "HS-003")]
    url = reverse("reports:certificates_pdf", args=[recognised_round.pk]) + f"?village={units['07339-01@2025'].pk}"
    pages = pdf_text(client_for(officer).get(url))
    assert len(pages) == 2
    assert "Số: 1/GCN-HN.HCN" in pages[0] and "Số: 2/GCN-HN.HCN" in pages[1]
    assert "Là hộ cận nghèo" in pages[1]
    assert all("3/GCN-HN.HCN" not in page for page in pages)


def test_the_minutes_print_in_two_copies(client_for, officer, recognised_round):
    meeting = recognised_round.meetings.get(village__code="07339-02")
    pages = pdf_text(client_for(officer).get(reverse("reports:meeting_minutes_pdf", args=[meeting.pk])))
    text = " ".join(pages)
    assert "Bản số 01 (lưu tại thôn)" in pages[0] and "Bản số 02 (gửi Ủy ban nhân dân xã)" in text
    assert text.count("BIÊN BẢN Họp dân bình xét hộ nghèo, hộ cận nghèo") == 2
    assert "Chủ trì: Trần Văn Hai." in text and "Số người dự họp: 20 người" in text
    assert "1 HS-003 Nguyễn Văn An Hộ nghèo 18 90,0 Thống nhất" in text
    assert "2 HS-004 Nguyễn Văn An Hộ có mức sống trên trung bình 12 60,0 Thống nhất" in text


def test_the_refusal_letter_gives_the_reason(client_for, officer, leader, make_household, add_member):
    household = make_household("HS-009", head_name="Đặng Thị Hường")
    add_member(household, full_name="Đặng Thị Hường", sex="female", birth_year=1980)
    request = request_create(actor=officer, household=household, kind="escape", channel="online",
                             received_on=D(2026, 11, 16))
    request_refuse(actor=leader, request=request, reason="Hộ chưa đủ điều kiện thoát nghèo: thu nhập 1.200.000 đồng.",
                   refused_on=D(2026, 11, 24))
    text = " ".join(pdf_text(client_for(officer).get(reverse("reports:refusal_letter_pdf", args=[request.pk]))))
    assert "V/v trả lời đề nghị của hộ Đặng Thị Hường" in text
    assert "Kính gửi: Hộ bà Đặng Thị Hường, Hoà Sơn, xã Tân Yên." in text  # a woman heads it
    assert "ngày 24 tháng 11 năm 2026" in text
    assert "Lý do: Hộ chưa đủ điều kiện thoát nghèo: thu nhập 1.200.000 đồng." in text
    assert "nhận được đề nghị công nhận hộ thoát nghèo, thoát cận nghèo (Mẫu số 04) của hộ bà Đặng Thị Hường (mã hộ HS-009)" in text


def test_outsiders_get_404_on_every_document(client_for, users, officer, leader, recognised_round, units, make_household):
    household = make_household("HS-009")
    request = request_create(actor=officer, household=household, kind="review", channel="post",
                             received_on=D(2026, 11, 16))
    request_refuse(actor=leader, request=request, reason="Không đủ điều kiện.", refused_on=D(2026, 11, 24))
    review = Review.objects.get(round=recognised_round, household__code="HS-001")
    outsider = client_for(users["caoxa"])
    meeting = recognised_round.meetings.first()
    for url in (reverse("reports:refusal_letter_pdf", args=[request.pk]),
                reverse("reports:meeting_minutes_pdf", args=[meeting.pk]),
                reverse("reports:posting_list_pdf", args=[recognised_round.pk]),
                reverse("reports:decision_pdf", args=[recognised_round.pk]) + "?number=1/QĐ-UBND",
                reverse("reports:certificate_pdf", args=[review.pk]),
                reverse("reports:certificates_pdf", args=[recognised_round.pk]) + f"?village={units['07339-01@2025'].pk}"):
        assert outsider.get(url).status_code == 404, url


def test_the_posted_list_names_the_period_and_the_results_by_village(client_for, officer, recognised_round, units):
    text = " ".join(pdf_text(client_for(officer).get(reverse("reports:posting_list_pdf", args=[recognised_round.pk]))))
    assert "THÔNG BÁO Niêm yết công khai kết quả rà soát định kỳ năm 2026" in text
    assert "từ ngày 05/11/2026 đến ngày 20/11/2026" in text
    first, second = units["07339-01@2025"].name, units["07339-02@2025"].name
    assert f"{first} 1 HS-001 Nguyễn Văn An Hộ nghèo" in text
    assert f"{second} 3 HS-003 Nguyễn Văn An Hộ nghèo Hộ nghèo phát sinh" in text
    assert "4 HS-004 Nguyễn Văn An Hộ có mức sống trên trung bình Hộ thoát cận nghèo" in text
