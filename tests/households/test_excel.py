"""The Excel template, the all-or-nothing idempotent import, and list exports reopened with openpyxl."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from households.excel.template import build_template
from households.models import Household, Member, Review, ReviewRound
from households.services.imports import households_import
from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import AuditEvent, Job, JobState

HOUSEHOLD_HEADER = ["Mã hộ", "Mã thôn/TDP", "Họ và tên chủ hộ", "Địa chỉ", "Dân tộc thiểu số", "Người có công",
                    "Bảo trợ xã hội", "Không có khả năng lao động", "Năm rà soát",
                    "Thu nhập bình quân (đồng/người/tháng)", "Chỉ số thiếu hụt", "Nguyên nhân nghèo",
                    "Số quyết định công nhận", "Ngày quyết định"]
MEMBER_HEADER = ["Mã hộ", "Họ và tên", "Giới tính", "Ngày sinh", "Năm sinh", "Số CCCD", "Quan hệ với chủ hộ", "Dân tộc",
                 "Có thẻ BHYT", "Tình trạng đi học", "Việc làm"]


def workbook(households, members=(), household_header=HOUSEHOLD_HEADER, member_header=MEMBER_HEADER):
    book = Workbook()
    sheet = book.active
    sheet.title = "Hộ gia đình"
    sheet.append(household_header)
    for row in households:
        sheet.append(row)
    sheet = book.create_sheet("Thành viên")
    sheet.append(member_header)
    for row in members:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content, name="so-ho.xlsx"):
    return SimpleUploadedFile(name, content)


GOOD_HOUSEHOLDS = [
    ["HS-0001", "07339-01", "Nguyễn Văn An", "Số 5", "", "Có", "", "", 2024, "1.800.000", "1, 4, 7",
     "Không có vốn sản xuất, kinh doanh; Có người ốm đau, bệnh nặng, tai nạn", "90/QĐ-UBND", "20/12/2024"],
    ["HS-0002", "07339-02", "Lê Thị Bình", "", "Có", "", "", "", 2024, 1900000, "2", "", "", ""],
    ["HS-0003", "07339-02", "Phạm Văn Cường", "", "", "", "", "", "", "", "", "", "", ""],
]
GOOD_MEMBERS = [
    ["HS-0001", "Nguyễn Văn An", "Nam", "", 1970, "024070001234", "Chủ hộ", "Kinh", "Có", "", "Việc làm không ổn định"],
    ["HS-0001", "Nguyễn Thị Cúc", "Nữ", "02/03/2015", "", "", "Con", "Kinh", "Có", "Đang đi học", "Ngoài độ tuổi lao động"],
    ["HS-0002", "Lê Thị Bình", "nữ", "", 1985, "024185000001", "chủ hộ", "Tày", "", "", "Có việc làm ổn định"],
    ["HS-0003", "Phạm Văn Cường", "Nam", "", 1990, "", "Chủ hộ", "", "Không", "", ""],
]


def state():
    """Everything an import could change."""
    return (list(Household.objects.order_by("pk").values_list("code", "head_name", "version", "updated_at")),
            list(Member.objects.order_by("pk").values_list("full_name", "id_number", "relation", "is_active")),
            list(Review.objects.order_by("pk").values_list("income_per_capita", "classification", "state", "version")),
            AuditEvent.objects.count(), ReviewRound.objects.count())


def test_template_has_both_sheets_and_a_guide(standards):
    book = load_workbook(io.BytesIO(build_template()))
    assert book.sheetnames == ["Hộ gia đình", "Thành viên", "Hướng dẫn"]
    households, members = book["Hộ gia đình"], book["Thành viên"]
    assert [c.value for c in households[1]] == HOUSEHOLD_HEADER
    assert [c.value for c in members[1]] == MEMBER_HEADER
    assert households["A1"].font.b and households.freeze_panes == "A2"
    assert members["F2"].value == "024070001234" and members["F2"].number_format == "@"
    guide = [row[1] for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Bảo hiểm y tế (Y tế)" in guide


def _dropdowns(sheet):
    """{column letter: (rows, the listed values, strict)} of the sheet's list validations."""
    book = sheet.parent
    result = {}
    for validation in sheet.data_validations.dataValidation:
        source_sheet, cells = validation.formula1.split("!")
        first, last = (int(part.split("$")[-1]) for part in cells.split(":"))
        column = cells.split("$")[1]
        source = book[source_sheet.strip("'")]
        values = [source[f"{column}{r}"].value for r in range(first, last + 1)]
        for ref in str(validation.sqref).split():
            result[ref.split(":")[0].rstrip("0123456789")] = (ref, values, validation.errorStyle == "stop")
    return result


def test_the_template_works_like_a_form(standards, units):
    """Dropdowns on every coded column listing the guide's values one per line, the commune's villages in the
    village dropdown, a frozen header and this year's review in the example row."""
    book = load_workbook(io.BytesIO(build_template(units["07339"])))
    households, members = book["Hộ gia đình"], book["Thành viên"]
    assert households.freeze_panes == "A2" and members.freeze_panes == "A2"
    year = timezone.localdate().year
    assert households["I1"].value == "Năm rà soát" and households["I2"].value == year
    assert households["B2"].value == "07339-01"

    flag = ["Có", "Không"]
    villages = [f"07339-{n:02d}" for n in range(1, 27)]
    household_lists = _dropdowns(households)
    assert {letter: (values, strict) for letter, (_, values, strict) in household_lists.items()} == {
        "B": (villages, True), "E": (flag, True), "F": (flag, True), "G": (flag, True), "H": (flag, True)}
    assert household_lists["B"][0] == "B2:B60001"  # every row the import reads
    member_lists = _dropdowns(members)
    assert member_lists["C"][1:] == (["Nam", "Nữ"], True)
    assert member_lists["G"][1][:3] == ["Chủ hộ", "Vợ, chồng", "Con"] and member_lists["G"][2]
    ethnicities, strict = member_lists["H"][1:]
    assert len(ethnicities) == 54 and ethnicities[:3] == ["Kinh", "Tày", "Thái"] and not strict  # guides, refuses nothing
    assert member_lists["I"][1:] == (flag, True)
    assert "Đang đi học" in member_lists["J"][1] and "Việc làm không ổn định" in member_lists["K"][1]
    assert set(member_lists) == {"C", "G", "H", "I", "J", "K"}
    # the example row's own values are in the lists (the template imports as it is)
    assert members["C2"].value in member_lists["C"][1] and members["G3"].value in member_lists["G"][1]


def test_a_template_without_a_commune_has_no_village_dropdown(standards):
    households = load_workbook(io.BytesIO(build_template()))["Hộ gia đình"]
    assert "B" not in _dropdowns(households) and households["B2"].value == "07339-01"


def test_the_template_imports_as_it_is(officer, units):
    result = households_import(actor=officer, commune=units["07339"], file=upload(build_template()))
    assert (result.households_created, result.members_created, result.reviews_created) == (1, 2, 1)
    review = Review.objects.get()
    assert (review.state, review.classification, review.round.year) == ("draft", "poor", timezone.localdate().year)


def test_import_creates_households_members_and_recognised_reviews(officer, units):
    result = households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    assert result.counts() == {"households_created": 3, "households_updated": 0, "members_created": 4,
                            "members_updated": 0, "reviews_created": 2, "reviews_updated": 0}
    first = Household.objects.get(code="HS-0001")
    assert first.is_meritorious and first.village == units["07339-01"] and first.commune == units["07339"]
    review = first.reviews.get()
    assert (review.state, review.classification, review.change, review.decision_number) == (
        "recognised", "poor", "newly_poor", "90/QĐ-UBND")
    assert sorted(review.causes.values_list("cause", flat=True)) == ["illness", "no_capital"]
    assert first.current_review_id == review.pk
    second = Household.objects.get(code="HS-0002")
    assert second.reviews.get().state == "draft" and second.reviews.get().classification == "near_poor"
    assert Member.objects.get(full_name="Nguyễn Thị Cúc").birth_year == 2015
    assert Member.objects.get(full_name="Lê Thị Bình").ethnicity == "Tày"
    assert ReviewRound.objects.get().year == 2024
    assert AuditEvent.objects.filter(action="household.create").count() == 3
    assert AuditEvent.objects.get(action="household.import").after["households_created"] == 3


def test_a_clean_reimport_of_the_same_file_changes_nothing(officer, units):
    content = workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)
    households_import(actor=officer, commune=units["07339"], file=upload(content))
    before = state()
    assert (len(before[0]), len(before[1]), len(before[2])) == (3, 4, 2)
    result = households_import(actor=officer, commune=units["07339"], file=upload(content))
    assert not result.changed
    assert state() == before


def test_reimport_with_a_change_updates_only_that(officer, units):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    changed = [list(r) for r in GOOD_HOUSEHOLDS]
    changed[2][2] = "Phạm Văn Cường (đã đổi)"
    members = [list(r) for r in GOOD_MEMBERS]
    members[3][8] = "Có"
    result = households_import(actor=officer, commune=units["07339"], file=upload(workbook(changed, members)))
    assert result.counts() == {"households_created": 0, "households_updated": 1, "members_created": 0,
                            "members_updated": 1, "reviews_created": 0, "reviews_updated": 0}
    household = Household.objects.get(code="HS-0003")
    assert (household.head_name, household.version) == ("Phạm Văn Cường (đã đổi)", 2)
    assert Member.objects.get(full_name="Phạm Văn Cường").health_insurance


def test_a_file_with_errors_lists_every_error_and_changes_nothing(officer, units, make_household):
    make_household("HS-0009", head_name="Đã có")
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS[:1], GOOD_MEMBERS[:1])))
    before = state()
    bad_households = [
        ["HS-0009", "07339-01", "Đã có (sửa)", "", "", "", "", "", "", "", "", "", "", ""],  # valid, must not be applied
        ["", "07339-99", "", "", "có lẽ", "", "", "", "", "", "", "", "", ""],
        ["HS-0010", "07336-01", "Ngoài xã", "", "", "", "", "", 2024, "một triệu", "1, 13", "Lười", "5/QĐ", ""],
        ["HS-0010", "07339-01", "Trùng mã", "", "", "", "", "", 2019, 100, "", "", "", "31/02/2024"],
        ["HS-0001", "07339-01", "Nguyễn Văn An", "Số 5", "", "Có", "", "", 2024, "2.500.000", "1", "", "", ""],
    ]
    bad_members = [
        ["HS-0009", "Người mới", "Nam", "", 1990, "24070001234", "Con", "", "", "", ""],
        ["HS-0404", "Không có hộ", "Không rõ", "", "", "", "Hàng xóm", "", "", "", ""],
        ["HS-0009", "Trùng CCCD", "Nữ", "", 1991, "024070001234", "Con", "", "", "", ""],
        ["HS-0009", "Chủ hộ 1", "Nam", "", 1960, "", "Chủ hộ", "", "", "", ""],
        ["HS-0009", "Chủ hộ 2", "Nam", "", 1961, "", "Chủ hộ", "", "", "", ""],
        ["HS-0009", "Sinh sau", "Nam", "01/01/2099", 2099, "", "Con", "", "Có", "Đi chơi", ""],
    ]
    with pytest.raises(ImportFailed) as failure:
        households_import(actor=officer, commune=units["07339"], file=upload(workbook(bad_households, bad_members)))
    messages = [str(e) for e in failure.value.errors]
    this_year = timezone.localdate().year
    expected = [
        "Trang tính Hộ gia đình, dòng 3, cột A (Mã hộ): bắt buộc, không được để trống.",
        "Trang tính Hộ gia đình, dòng 3, cột C (Họ và tên chủ hộ): bắt buộc, không được để trống.",
        "Trang tính Hộ gia đình, dòng 3, cột B (Mã thôn/TDP): không có thôn, tổ dân phố mã 07339-99 trong xã.",
        "Trang tính Hộ gia đình, dòng 3, cột E (Dân tộc thiểu số): ghi “Có” hoặc để trống (đang là “có lẽ”).",
        "Trang tính Hộ gia đình, dòng 4, cột B (Mã thôn/TDP): không có thôn, tổ dân phố mã 07336-01 trong xã.",
        "Trang tính Hộ gia đình, dòng 4, cột J (Thu nhập bình quân (đồng/người/tháng)): “một triệu” không phải là số "
        "(ghi ví dụ 1.500.000).",
        "Trang tính Hộ gia đình, dòng 4, cột K (Chỉ số thiếu hụt): không có chỉ số thiếu hụt mã “13”.",
        "Trang tính Hộ gia đình, dòng 4, cột L (Nguyên nhân nghèo): nguyên nhân nghèo “Lười” không có trong danh mục "
        "(xem trang Hướng dẫn).",
        "Trang tính Hộ gia đình, dòng 4, cột N (Ngày quyết định): có số quyết định thì cần ghi ngày quyết định.",
        "Trang tính Hộ gia đình, dòng 5, cột A (Mã hộ): mã hộ HS-0010 trùng với dòng 4.",
        f"Trang tính Hộ gia đình, dòng 5, cột I (Năm rà soát): năm phải từ 2021 đến {this_year}.",
        "Trang tính Hộ gia đình, dòng 5, cột N (Ngày quyết định): ngày “31/02/2024” không có trên lịch.",
        "Trang tính Hộ gia đình, dòng 5, cột M (Số quyết định công nhận): có ngày quyết định thì cần ghi số quyết định.",
        "Trang tính Hộ gia đình, dòng 6, cột I (Năm rà soát): kết quả rà soát năm 2024 của hộ HS-0001 đang ở trạng thái "
        "“Đã công nhận”, không sửa bằng tệp nhập được (cần mở lại trước).",
        "Trang tính Thành viên, dòng 2, cột F (Số CCCD): số CCCD “24070001234” phải gồm đúng 12 chữ số. Nếu số bắt đầu "
        "bằng 0, hãy để ô ở dạng Văn bản.",
        "Trang tính Thành viên, dòng 3, cột A (Mã hộ): không có hộ mã HS-0404 ở trang “Hộ gia đình” hay trong sổ hộ của xã.",
        "Trang tính Thành viên, dòng 3, cột C (Giới tính): giá trị “Không rõ” không có trong danh mục (xem trang Hướng dẫn).",
        "Trang tính Thành viên, dòng 3, cột G (Quan hệ với chủ hộ): giá trị “Hàng xóm” không có trong danh mục (xem trang "
        "Hướng dẫn).",
        "Trang tính Thành viên, dòng 3, cột E (Năm sinh): cần ghi ngày sinh hoặc năm sinh.",
        "Trang tính Thành viên, dòng 4, cột F (Số CCCD): số CCCD 024070001234 đã có ở một thành viên khác đang còn trong hộ.",
        "Trang tính Thành viên, dòng 5, cột G (Quan hệ với chủ hộ): hộ HS-0009 có hơn một chủ hộ.",
        "Trang tính Thành viên, dòng 6, cột G (Quan hệ với chủ hộ): hộ HS-0009 có hơn một chủ hộ.",
        "Trang tính Thành viên, dòng 7, cột J (Tình trạng đi học): giá trị “Đi chơi” không có trong danh mục (xem trang "
        "Hướng dẫn).",
        f"Trang tính Thành viên, dòng 7, cột E (Năm sinh): năm phải từ 1900 đến {this_year}.",
        "Trang tính Thành viên, dòng 7, cột D (Ngày sinh): ngày sinh không được sau hôm nay.",
    ]
    assert messages == expected
    assert state() == before
    assert Household.objects.get(code="HS-0009").head_name == "Đã có"


def test_missing_sheets_columns_and_bad_files_are_reported(officer, units):
    with pytest.raises(ImportFailed) as failure:
        households_import(actor=officer, commune=units["07339"], file=upload(b"not a zip", "so-ho.xlsx"))
    assert [str(e) for e in failure.value.errors] == [
        "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."]
    with pytest.raises(ImportFailed) as failure:
        households_import(actor=officer, commune=units["07339"],
                          file=upload(workbook([], household_header=["Mã hộ", "Chủ hộ"])))
    assert [str(e) for e in failure.value.errors] == [
        "Trang tính Hộ gia đình, dòng 1, cột Mã thôn/TDP: thiếu cột “Mã thôn/TDP” ở dòng tiêu đề.",
        "Trang tính Hộ gia đình, dòng 1, cột Họ và tên chủ hộ: thiếu cột “Họ và tên chủ hộ” ở dòng tiêu đề."]
    book = Workbook()
    book.active.title = "Sheet1"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFailed) as failure:
        households_import(actor=officer, commune=units["07339"], file=upload(buffer.getvalue()))
    assert "Tệp không có trang tính “Hộ gia đình”" in str(failure.value.errors[0])


def test_only_the_communes_officer_imports(users, units):
    from django.core.exceptions import PermissionDenied

    before = state()
    for outsider in ("caoxa", "tanyen"):
        with pytest.raises(PermissionDenied):
            households_import(actor=users[outsider], commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS)))
    assert state() == before and before[0] == []


def test_import_page_lists_errors_and_reports_success(client_for, users, units):
    client = client_for(users["caothuong"])
    assert "Tải tệp mẫu (.xlsx)" in client.get(reverse("households:import")).content.decode()
    bad = workbook([["", "07339-01", "X", "", "", "", "", "", "", "", "", "", "", ""]])
    html = client.post(reverse("households:import"), {"file": upload(bad)}).content.decode()
    assert "Tệp có 1 lỗi; chưa nhập dòng nào." in html
    assert "Trang tính Hộ gia đình, dòng 2, cột A (Mã hộ): bắt buộc, không được để trống." in html
    response = client.post(reverse("households:import"), {"file": upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS))},
                           follow=True)
    assert "Đã nhập: 3 hộ mới" in response.content.decode()
    response = client.post(reverse("households:import"), {"file": upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS))},
                           follow=True)
    assert "không thay đổi gì" in response.content.decode()
    template = client.get(reverse("households:import_template"))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    served = load_workbook(io.BytesIO(template.content))
    assert served.sheetnames[:2] == ["Hộ gia đình", "Thành viên"]
    village_list = _dropdowns(served["Hộ gia đình"])["B"][1]  # the officer's own commune's villages
    assert village_list[0] == "07339-01" and len(village_list) == 26
    assert client_for(users["tanyen"]).get(reverse("households:import")).status_code == 403


def _export(client, **params):
    response = client.get(reverse("households:export"), params)
    if response.status_code == 302:  # a district's export runs as a job (inline in tests): fetch its file
        job = Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])
        assert job.state == JobState.DONE, job.error
        response = client.get(reverse("job_download", args=[job.pk]))
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    assert response["Content-Disposition"].startswith('attachment; filename="ho-gia-dinh-')
    return load_workbook(io.BytesIO(content))


def test_export_is_formatted_filtered_masked_and_audited(client_for, users, officer, units):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    book = _export(client_for(users["caothuong"]), status="poor")
    sheet = book["Hộ gia đình"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["A"].width == 14 and sheet.column_dimensions["D"].width == 26
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mã hộ", "Mã thôn/TDP", "Tên thôn/TDP", "Họ và tên chủ hộ"]
    assert header[-2:] == ["Phân loại", "Biến động"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["Mã hộ"], row["Tên thôn/TDP"], row["Người có công"], row["Số nhân khẩu"]) == ("HS-0001", "Hoà Sơn", "Có", 2)
    assert (row["Thu nhập bình quân (đồng/người/tháng)"], row["Chỉ số thiếu hụt"], row["Phân loại"], row["Biến động"]) == (
        1800000, "1, 4, 7", "Hộ nghèo", "Hộ nghèo phát sinh")
    assert row["Ngày quyết định"] == datetime.datetime(2024, 12, 20)  # a real date cell
    members = list(book["Thành viên"].iter_rows(min_row=2, values_only=True))
    assert [m[1] for m in members] == ["Nguyễn Văn An", "Nguyễn Thị Cúc"]
    assert members[0][5] == "024070001234"
    event = AuditEvent.objects.get(action="household.export")
    assert event.after == {"filters": {"status": "poor"}, "households": 1, "id_numbers_masked": False}
    # the supervisor's export masks the numbers
    book = _export(client_for(users["tanyen"]))
    numbers = [m[5] for m in book["Thành viên"].iter_rows(min_row=2, values_only=True)]
    assert "********1234" in numbers and "024070001234" not in numbers
    assert AuditEvent.objects.filter(action="household.export").order_by("id").last().after["id_numbers_masked"] is True


def test_exported_file_reimports_without_changes(client_for, users, officer, units):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    content = client_for(users["caothuong"]).get(reverse("households:export")).content
    book = load_workbook(io.BytesIO(content))
    assert [r[0] for r in book["Hộ gia đình"].iter_rows(min_row=2, values_only=True)] == ["HS-0001", "HS-0002", "HS-0003"]
    assert book["Thành viên"].max_row == 1 + 4
    before = state()
    result = households_import(actor=officer, commune=units["07339"], file=upload(content))
    assert not result.changed and state() == before


def test_export_query_count_does_not_grow_with_rows(client_for, users, make_household, add_member, recognised_review,
                                                    django_assert_num_queries):
    from tests.households.test_views import _make_households

    client = client_for(users["caothuong"])
    _make_households(make_household, add_member, recognised_review, 3)
    # session, user, officer, indicator choices (2), the count that decides direct answer or job, households,
    # members, deprivations, causes, audit insert (+ savepoint pair on the audited transaction), the
    # unconfirmed standards the results were classified with (title sheet)
    with django_assert_num_queries(14):
        book = _export(client)
    assert book["Hộ gia đình"].max_row == 4
    _make_households(make_household, add_member, recognised_review, 27, start=3)
    with django_assert_num_queries(14):
        book = _export(client)
    assert book["Hộ gia đình"].max_row == 31 and book["Thành viên"].max_row == 31


def test_export_carries_a_title_block_filters_autofilter_print_setup_and_real_dates(client_for, users, officer, units):
    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    book = _export(client_for(users["caothuong"]), status="poor")
    assert book.sheetnames == ["Thông tin", "Hộ gia đình", "Thành viên"]
    cover = {row[0]: row[1] for row in book["Thông tin"].iter_rows(min_row=3, values_only=True)}
    assert book["Thông tin"]["A1"].value == "DANH SÁCH HỘ GIA ĐÌNH" and book["Thông tin"]["A1"].font.b
    assert cover["Đơn vị"] == units["07339"].full_name
    assert cover["Điều kiện lọc"] == "Tình trạng: Hộ nghèo"
    assert cover["Người xuất"].endswith("(caothuong)")
    assert cover["Kết quả rà soát"] == "Kết quả rà soát đã được công nhận (hiện hành)"
    assert isinstance(cover["Thời điểm xuất"], datetime.datetime)  # a date cell, shown dd/mm/yyyy hh:mm
    assert book["Thông tin"]["B6"].number_format == "DD/MM/YYYY HH:MM"
    sheet = book["Hộ gia đình"]
    assert sheet.auto_filter.ref == "A1:R2" and book["Thành viên"].auto_filter.ref == "A1:K3"
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.oddHeader.center.text == "DANH SÁCH HỘ GIA ĐÌNH"
    decided = sheet["P2"]
    assert decided.value == datetime.datetime(2024, 12, 20) and decided.number_format == "DD/MM/YYYY"
    assert sheet["L2"].value == 1800000 and sheet["L2"].data_type == "n"
    born = book["Thành viên"]["D3"]
    assert born.value == datetime.datetime(2015, 3, 2) and born.number_format == "DD/MM/YYYY"


def test_export_of_the_current_round_includes_unrecognised_results_marked_as_such(client_for, users, officer, units,
                                                                                   make_household, make_round,
                                                                                   recognised_review, indicators):
    from households.services import review_create

    recognised = make_household("HS-R")
    draft = make_household("HS-D")
    recognised_review(recognised, 2024)
    review_create(actor=officer, household=draft, round=make_round(2025), income_per_capita=1_000_000,
                  deprivations=indicators(2025, "1"))
    client = client_for(users["caothuong"])
    default = {r[0]: r for r in _export(client)["Hộ gia đình"].iter_rows(min_row=2, values_only=True)}
    assert default["HS-D"][10] is None and default["HS-R"][10] == 2024
    book = _export(client, results="round")
    header = [c.value for c in book["Hộ gia đình"][1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in book["Hộ gia đình"].iter_rows(min_row=2, values_only=True)}
    assert header[-1] == "Trạng thái kết quả"
    assert (rows["HS-D"]["Năm rà soát"], rows["HS-D"]["Thu nhập bình quân (đồng/người/tháng)"],
            rows["HS-D"]["Trạng thái kết quả"]) == (2025, 1000000, "Đang nhập")
    assert rows["HS-R"]["Năm rà soát"] is None  # no result in the 2025 round yet
    assert "KẾT QUẢ ĐỢT RÀ SOÁT ĐANG LÀM" in book["Thông tin"]["A1"].value
    event = AuditEvent.objects.filter(action="household.export").latest("pk")
    assert event.after["filters"] == {"results": "current_round"}


def test_export_rows_cost_a_fixed_number_of_queries_per_chunk(users, make_household, add_member, recognised_review,
                                                              django_assert_num_queries):
    """One query streams the households (the current result joined); each chunk adds members, deprivations
    and causes; with the current round, the round's results too (and once the communes' latest rounds)."""
    from households import selectors
    from households.excel.export import household_rows
    from tests.households.test_views import _make_households

    officer = users["caothuong"]
    _make_households(make_household, add_member, recognised_review, 6)  # a result on HH-000 and HH-003
    add_member(Household.objects.get(code="HH-003"), full_name="Con", relation="child", birth_year=2015)
    with django_assert_num_queries(1 + 3 * 2):
        rows = list(household_rows(selectors.household_export_rows(officer), mask=False, chunk_size=3))
    assert rows == list(household_rows(selectors.household_export_rows(officer), mask=False))  # chunks join up
    by_code = {row[0]: (row, members) for row, members in rows}
    row, members = by_code["HH-003"]
    assert [m[1] for m in members] == ["Chủ hộ 3", "Con"] and row[9] == 2
    assert row[10:13] == [2025, 1_500_003, "1, 2, 3"] and by_code["HH-001"][0][10:13] == ["", "", ""]
    _make_households(make_household, add_member, recognised_review, 6, start=6)
    with django_assert_num_queries(1 + 3 * 4):
        assert len(list(household_rows(selectors.household_export_rows(officer), mask=False, chunk_size=3))) == 12
    with django_assert_num_queries(2 + 4 * 4):
        rows = list(household_rows(selectors.household_export_rows(officer), mask=False, current_round=True,
                                   chunk_size=3))
    assert {row[0]: row[-1] for row, _members in rows}["HH-009"] == "Đã công nhận"


def test_a_list_longer_than_an_excel_sheet_continues_on_numbered_sheets(client_for, users, officer, units, monkeypatch):
    from households.excel import export

    households_import(actor=officer, commune=units["07339"], file=upload(workbook(GOOD_HOUSEHOLDS, GOOD_MEMBERS)))
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)  # header + 2 rows per sheet instead of 1,048,576
    book = _export(client_for(users["caothuong"]))
    assert book.sheetnames == ["Thông tin", "Hộ gia đình", "Hộ gia đình (2)", "Thành viên", "Thành viên (2)"]
    rows = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames[1:]}
    assert [r[0] for r in rows["Hộ gia đình"]] == ["Mã hộ", "HS-0001", "HS-0002"]
    assert [r[0] for r in rows["Hộ gia đình (2)"]] == ["Mã hộ", "HS-0003"]
    assert [r[1] for r in rows["Thành viên (2)"]] == ["Họ và tên", "Lê Thị Bình", "Phạm Văn Cường"]
    assert book["Hộ gia đình (2)"].auto_filter.ref == "A1:R2" and book["Thành viên (2)"].freeze_panes == "A2"
