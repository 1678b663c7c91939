"""The 2026–2035 programme (issue 10 item 4): shipped as data, its structure loaded from a file by an
administrator (all rows or none, row and column named), and plans for 2026 on belong to it."""
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import AuditEvent
from programmes import reference, services
from programmes.models import Assignment, AssignmentRole, Indicator, Programme, Project
from programmes.services.structure import programme_structure_import

SAMPLE = reference.FOLDER / "sample-structure-mtqg-2026-2035-CHUA-XAC-NHAN.csv"
HEADER = "kind,number,parent_number,code,name,unit_of_measure,source\n"


@pytest.fixture
def new_programme(programme):
    reference.load_programmes()
    return Programme.objects.get(code="mtqg-2026-2035")


def csv_file(body, name="co-cau.csv"):
    return SimpleUploadedFile(name, (HEADER + body).encode("utf-8"))


def tree(programme):
    return list(Project.objects.filter(programme=programme).order_by("position").values_list("code", "name"))


def load_sample(programme, actor=None):
    with SAMPLE.open("rb") as handle:
        return programme_structure_import(actor=actor, programme=programme, file=handle, filename=SAMPLE.name)


def test_the_2026_2035_programme_ships_with_what_is_known(new_programme):
    assert new_programme.name.startswith("Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững")
    assert "417/QĐ-BNNMT ngày 31/01/2026" in new_programme.legal_basis
    assert (new_programme.start_year, new_programme.end_year) == (2026, 2035)
    assert new_programme.structure_confirmed is False
    assert "2026 - 2030" in new_programme.notes
    goals = [(g.scope, g.measure, g.value_min, g.value_max) for g in new_programme.goals.all()]
    assert goals == [("national", "annual_reduction", Decimal("1.00"), Decimal("1.50")),
                     ("ethnic_mountainous", "ceiling", Decimal("10.00"), None),
                     ("poor_communes", "annual_reduction", Decimal("3.00"), None)]
    assert not new_programme.projects.exists()  # the structure is not confirmed: nothing invented in the data


def test_the_sample_file_loads_a_tree_and_the_programmes_own_indicators(new_programme, users):
    result = load_sample(new_programme, users["admin"])
    assert (result.projects, result.indicators, result.removed) == (8, 2, 0)
    assert [code for code, _name in tree(new_programme)] == [
        "DA1", "DA2", "DA2-TDA1", "DA2-TDA2", "DA2-TDA3", "DA2-TDA4", "DA3", "DA4"]
    sub = Project.objects.select_related("parent").get(programme=new_programme, code="DA2-TDA1")
    assert (sub.parent.code, sub.name) == ("DA2", "Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế")
    own = {i.code: i for i in Indicator.objects.filter(programme=new_programme)}
    assert set(own) == {"mtqg26_xa_ngheo_thoat_ngheo", "mtqg26_ty_le_ngheo_dtts_mn"}
    assert own["mtqg26_xa_ngheo_thoat_ngheo"].additive and not own["mtqg26_ty_le_ngheo_dtts_mn"].additive
    assert Programme.objects.get(pk=new_programme.pk).structure_confirmed is False
    event = AuditEvent.objects.get(action="programme.structure_import")
    assert (event.actor, event.after["projects"], event.after["confirmed"]) == (users["admin"], 8, False)
    assert Project.objects.filter(programme__code="gnbv-2021-2025").count() == 16  # QĐ 90 untouched


def test_importing_the_same_file_again_changes_nothing(new_programme):
    load_sample(new_programme)
    before = list(Project.objects.filter(programme=new_programme).values_list("pk", "code", "name", "parent_id"))
    assert load_sample(new_programme).removed == 0
    assert list(Project.objects.filter(programme=new_programme).values_list("pk", "code", "name", "parent_id")) == before


def test_a_new_file_replaces_the_structure(new_programme):
    load_sample(new_programme)
    result = programme_structure_import(actor=None, programme=new_programme, confirmed=True, file=csv_file(
        "dự án,1,,,Nông thôn mới,,\nnội dung thành phần,2,,,Giảm nghèo,,\ntiểu dự án,1,2,,Sinh kế,,\n"))
    assert tree(new_programme) == [("DA1", "Nông thôn mới"), ("DA2", "Giảm nghèo"), ("DA2-TDA1", "Sinh kế")]
    assert result.removed == 8 - 3 + 2  # five projects and the two indicators the new file no longer has
    assert not Indicator.objects.filter(programme=new_programme).exists()
    assert Programme.objects.get(pk=new_programme.pk).structure_confirmed is True


def test_a_bad_file_is_refused_whole_with_row_and_column(new_programme):
    load_sample(new_programme)
    before = tree(new_programme)
    body = ("dự án,1,,,Nông thôn mới,,\n"
            "dự án,1,,,Trùng số,,\n"
            "tiểu dự án,1,9,,Không có dự án 9,,\n"
            "tiểu dự án,x,1,,,,\n"
            "hạng mục,1,,,Loại lạ,,\n"
            "chỉ tiêu,,,Mã Có Dấu,Chỉ tiêu sai mã,hộ,\n"
            "chỉ tiêu,,,chi_tieu_moi,Chưa có đơn vị,,sổ sách\n")
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme, file=csv_file(body))
    assert [str(e) for e in failure.value.errors] == [
        "dòng 3, cột B (number): dự án 1 đã có ở dòng 2.",
        "dòng 4, cột C (parent_number): không có dòng “dự án” số 9 trong tệp.",
        "dòng 5, cột B (number): “x” không phải là số (ghi ví dụ 1.500.000).",
        "dòng 5, cột E (name): chưa ghi tên.",
        "dòng 6, cột A (kind): “hạng mục” không phải là loại dòng; ghi “dự án”, “tiểu dự án” "
        "hoặc “chỉ tiêu”.",
        "dòng 7, cột D (code): mã “Mã Có Dấu” chỉ được gồm chữ thường không dấu, chữ số, “_” và "
        "“-”, tối đa 50 ký tự.",
        "dòng 8, cột F (unit_of_measure): chưa ghi đơn vị tính của chỉ tiêu.",
        "dòng 8, cột G (source): nguồn số liệu ghi “báo cáo” hoặc “sổ hộ”.",
    ]
    assert failure.value.errors[2].row == 5 and failure.value.errors[2].column == "B (number)"
    assert tree(new_programme) == before
    assert not AuditEvent.objects.filter(action="programme.structure_import", after__file="co-cau.csv").exists()


def test_a_file_without_the_required_columns_or_components_is_refused(new_programme):
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme,
                                   file=SimpleUploadedFile("a.csv", "kind,name\ndự án,A\n".encode()))
    assert [str(e) for e in failure.value.errors] == [
        "dòng 1, cột number: thiếu cột “number” ở dòng tiêu đề.",
        "dòng 1, cột parent_number: thiếu cột “parent_number” ở dòng tiêu đề.",
        "dòng 1, cột code: thiếu cột “code” ở dòng tiêu đề.",
    ]
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme,
                                   file=csv_file("chỉ tiêu,,,mtqg_a,Chỉ tiêu,hộ,\n"))
    assert "không có dòng “dự án” nào" in str(failure.value)
    assert not Indicator.objects.filter(code="mtqg_a").exists()


def test_a_common_indicator_code_cannot_be_taken_over(new_programme):
    reference.load_indicators()
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme,
                                   file=csv_file("dự án,1,,,A,,\nchỉ tiêu,,,ho_ngheo,Hộ nghèo mới,hộ,\n"))
    assert str(failure.value) == ("dòng 3, cột D (code): mã ho_ngheo đã là chỉ tiêu “Số hộ nghèo” "
                                  "của danh mục chỉ tiêu chung.")
    assert Indicator.objects.get(code="ho_ngheo").programme is None
    assert not new_programme.projects.exists()


def test_a_project_in_use_is_not_removed_and_the_import_is_refused(new_programme, units, users, agencies):
    load_sample(new_programme)
    plan = services.plan_create(actor=users["admin"], programme=new_programme, issuing_unit=units["07339@2025"],
                                year_from=2026, title="Kế hoạch giảm nghèo năm 2026")
    from programmes.models import Agency

    agency = Agency.objects.create(unit=units["07339@2025"], name="UBND xã Tân Yên", short_name="UBND xã")
    Assignment.objects.create(plan=plan, project=Project.objects.get(programme=new_programme, code="DA2-TDA3"),
                              agency=agency, role=AssignmentRole.LEAD)
    before = tree(new_programme)
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme, file=csv_file("dự án,1,,,Chỉ một dự án,,\n"))
    assert str(failure.value) == ("Tiểu dự án 3 thuộc Dự án 2 không có trong tệp nhưng đang được dùng trong kế hoạch "
                                  "hoặc báo cáo, nên không xóa được: hãy giữ dòng này trong tệp.")
    assert tree(new_programme) == before


def test_every_bad_file_of_the_corpus_is_refused_and_changes_nothing(new_programme, bad_file):
    load_sample(new_programme)
    before = tree(new_programme)
    name, content = bad_file
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme, file=SimpleUploadedFile(name, content))
    assert str(failure.value.errors[0])
    assert tree(new_programme) == before
    assert Indicator.objects.filter(programme=new_programme).count() == 2


# --- plans belong to the programme of their period ---

def test_a_2026_plan_is_refused_under_qd_90_and_accepted_under_the_new_programme(new_programme, programme, units,
                                                                                  users):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(actor=users["admin"], programme=programme, issuing_unit=units["07339@2025"],
                             year_from=2026, title="Kế hoạch năm 2026")
    assert refused.value.message_dict["year_from"] == [
        "Kế hoạch năm 2026 nằm ngoài thời gian của Chương trình MTQG giảm nghèo bền vững 2021 - 2025 (2021 - 2025)."]
    plan = services.plan_create(actor=users["admin"], programme=new_programme, issuing_unit=units["07339@2025"],
                                year_from=2026, title="Kế hoạch năm 2026")
    assert plan.programme == new_programme
    with pytest.raises(ValidationError) as refused:  # a period across the two programmes fits neither
        services.plan_create(actor=users["admin"], programme=new_programme, issuing_unit=units["07339"],
                             year_from=2025, year_to=2026, title="Kế hoạch 2025 - 2026")
    assert "nằm ngoài thời gian của" in refused.value.message_dict["year_from"][0]


def test_the_plan_form_refuses_a_period_outside_the_programme_with_a_message(new_programme, programme, units, users,
                                                                            client_for):
    from programmes.models import Plan

    response = client_for(users["admin"]).post(reverse("programmes:plan_create"), {
        "programme": programme.pk, "issuing_unit": units["07339@2025"].pk, "year_from": 2026,
        "title": "Kế hoạch năm 2026"})
    assert response.status_code == 200
    assert ("Kế hoạch năm 2026 nằm ngoài thời gian của Chương trình MTQG giảm nghèo bền vững 2021 - 2025 (2021 - 2025)."
            in response.content.decode())
    assert not Plan.objects.filter(year_from=2026).exists()


def test_the_new_plan_form_proposes_the_programme_of_the_current_year(new_programme, users, client_for):
    response = client_for(users["admin"]).get(reverse("programmes:plan_create"))
    assert response.context["form"]["programme"].initial == new_programme  # today is in 2026


def test_a_programmes_own_indicator_is_only_for_its_plans(new_programme, programme, make_plan, units, users):
    load_sample(new_programme)
    own = Indicator.objects.get(code="mtqg26_xa_ngheo_thoat_ngheo")
    old_plan = make_plan("07339", 2024)
    with pytest.raises(ValidationError) as refused:
        services.target_set(actor=users["tanyen"], plan=old_plan, version=old_plan.version, unit=units["07339"],
                            indicator=own, value=Decimal("1"))
    assert "thuộc Chương trình MTQG nông thôn mới" in refused.value.message_dict["indicator"][0]
    from programmes import selectors

    assert own not in selectors.indicators(programme)
    assert own in selectors.indicators(new_programme)


# --- the administrator's page and the command ---

def test_the_administrator_loads_a_structure_on_the_admin_page(new_programme, users, client_for):
    client = client_for(users["admin"])
    url = reverse("admin:programme_structure_import", args=[new_programme.pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.csv", (HEADER + "dự án,1,,,,,\n").encode())})
    assert response.status_code == 200
    assert "dòng 2, cột E (name): chưa ghi tên." in response.content.decode()
    assert not new_programme.projects.exists()
    with SAMPLE.open("rb") as handle:
        response = client.post(url, {"file": SimpleUploadedFile(SAMPLE.name, handle.read())})
    assert response.status_code == 302
    assert new_programme.projects.count() == 8
    page = client.get(reverse("admin:programmes_programme_change", args=[new_programme.pk])).content.decode()
    assert url in page


def test_the_admin_page_is_for_administrators_only(new_programme, users, client_for):
    url = reverse("admin:programme_structure_import", args=[new_programme.pk])
    response = client_for(users["caothuong"]).post(url, {"file": SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not new_programme.projects.exists()


def test_the_command_loads_the_sample_and_refuses_a_bad_file(new_programme, tmp_path):
    out = io.StringIO()
    call_command("import_programme_structure", "mtqg-2026-2035", str(SAMPLE), stdout=out)
    assert "CHƯA XÁC NHẬN" in out.getvalue() and "8 dự án, tiểu dự án; 2 chỉ tiêu" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "tiểu dự án,1,7,,A,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("import_programme_structure", "mtqg-2026-2035", str(bad))
    assert "dòng 2, cột C (parent_number): không có dòng “dự án” số 7 trong tệp." in str(failure.value)
    assert new_programme.projects.count() == 8
    with pytest.raises(CommandError, match="Không có chương trình mã khong-co"):
        call_command("import_programme_structure", "khong-co", str(SAMPLE))


def test_the_programme_page_shows_the_goals_and_says_the_structure_is_unconfirmed(new_programme, users, client_for):
    load_sample(new_programme)
    page = client_for(users["caothuong"]).get(reverse("programmes:programme_list")).content.decode()
    section = page.split('id="programme-mtqg-2026-2035"')[1].split("</section>")[0]
    assert "Tỷ lệ hộ nghèo ở các xã nghèo giảm ít nhất 3 điểm phần trăm mỗi năm" in section
    assert "chưa được xác nhận theo văn bản chính thức" in section
    assert "Tiểu dự án 3: Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo" in section
    old = page.split('id="programme-gnbv-2021-2025"')[1].split("</section>")[0]
    assert "chưa được xác nhận" not in old


def test_copying_a_2025_plan_into_the_new_programme_keeps_no_project_of_another_meaning(new_programme, programme,
                                                                                       units, users, make_plan):
    from programmes.models import Agency

    load_sample(new_programme)  # its DA2 is "Giảm nghèo bền vững", QĐ 90's DA2 "Đa dạng hóa sinh kế, …"
    reference.load_indicators()
    Indicator.objects.filter(code="mtqg26_xa_ngheo_thoat_ngheo").update(programme=programme)  # an old programme's own
    plan = make_plan("07339@2025", 2025, actor=users["admin"])
    agency = Agency.objects.create(unit=units["07339@2025"], name="UBND xã Tân Yên", short_name="UBND xã")
    same_name = Project.objects.get(programme=new_programme, code="DA1")
    Project.objects.filter(pk=same_name.pk).update(name=Project.objects.get(programme=programme, code="DA1").name)
    for code in ("DA1", "DA2", "DA3-TDA1"):
        Assignment.objects.create(plan=plan, project=Project.objects.get(programme=programme, code=code),
                                  agency=agency, role=AssignmentRole.LEAD)
    from programmes.models import Target

    for code in ("ho_ngheo", "mtqg26_xa_ngheo_thoat_ngheo"):
        Target.objects.create(plan=plan, unit=units["07339@2025"], indicator=Indicator.objects.get(code=code),
                              value=Decimal("3"))
    copy = services.plan_copy(actor=users["admin"], plan=plan, year_from=2026, programme=new_programme)
    assert list(copy.assignments.values_list("project__programme__code", "project__code")) == [
        ("mtqg-2026-2035", "DA1")]
    assert list(copy.targets.values_list("indicator__code", flat=True)) == ["ho_ngheo"]


def test_an_xlsx_file_with_numeric_cells_loads_too(new_programme):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cơ cấu"
    sheet.append(["kind", "number", "parent_number", "code", "name", "unit_of_measure", "source"])
    sheet.append(["Dự án", 1, None, None, "Giảm nghèo bền vững", None, None])
    sheet.append(["Tiểu dự án", 2, 1, None, "Nhà ở", None, None])
    sheet.append(["Chỉ tiêu", None, None, "mtqg_nha_o", "Số nhà ở được hỗ trợ", "căn", "Báo cáo"])
    sheet.append(["Tiểu dự án", 2.5, 1, None, "Số lẻ", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFailed) as failure:
        programme_structure_import(actor=None, programme=new_programme,
                                   file=SimpleUploadedFile("co-cau.xlsx", buffer.getvalue()))
    assert str(failure.value) == "Trang tính Cơ cấu, dòng 5, cột B (number): 2,5 phải là số nguyên."
    sheet.delete_rows(5)
    buffer = io.BytesIO()
    workbook.save(buffer)
    programme_structure_import(actor=None, programme=new_programme,
                               file=SimpleUploadedFile("co-cau.xlsx", buffer.getvalue()))
    assert tree(new_programme) == [("DA1", "Giảm nghèo bền vững"), ("DA1-TDA2", "Nhà ở")]
    assert Indicator.objects.get(code="mtqg_nha_o").unit_of_measure == "căn"
