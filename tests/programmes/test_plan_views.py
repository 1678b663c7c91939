import datetime

import pytest

from programmes import services
from programmes.models import Assignment, Plan, PlanStatus, Project
from tests.programmes.conftest import formset_post, version_of

PAGES = ["", "edit/header/", "edit/content/", "edit/signature/", "lists/assignments/", "lists/legal-bases/",
         "issue/", "copy/"]


@pytest.fixture
def town_plan(make_plan):
    return make_plan("07339", title="Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024")


def test_anonymous_is_sent_to_login(client, town_plan):
    for page in ["/programmes/", "/programmes/plans/new/"] + [f"/programmes/plans/{town_plan.pk}/{p}" for p in PAGES]:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), page


def test_commune_officer_sees_its_plans_and_every_page_of_them(client_for, users, town_plan, district_plan):
    client = client_for(users["caothuong"])
    body = client.get("/programmes/").content.decode()
    assert town_plan.title in body and district_plan.title not in body
    for page in PAGES:
        response = client.get(f"/programmes/plans/{town_plan.pk}/{page}")
        assert response.status_code == 200, page
    assert "ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG" in client.get(f"/programmes/plans/{town_plan.pk}/").content.decode()


def test_another_commune_gets_404_on_every_page(client_for, users, town_plan):
    client = client_for(users["caoxa"])
    assert town_plan.title not in client.get("/programmes/").content.decode()
    for page in PAGES:
        assert client.get(f"/programmes/plans/{town_plan.pk}/{page}").status_code == 404, page
    response = client.post(f"/programmes/plans/{town_plan.pk}/edit/header/", {"title": "Chiếm quyền"})
    assert response.status_code == 404


def test_supervisor_sees_the_district_and_its_communes(client_for, users, town_plan, district_plan):
    body = client_for(users["tanyen"]).get("/programmes/").content.decode()
    assert town_plan.title in body and district_plan.title in body


def test_agency_officer_sees_only_plans_that_assign_its_agency(client_for, ttyte, town_plan, district_plan):
    client = client_for(ttyte)
    body = client.get("/programmes/").content.decode()
    assert district_plan.title in body and town_plan.title not in body
    detail = client.get(f"/programmes/plans/{district_plan.pk}/").content.decode()
    assert "Trung tâm Y tế huyện Tân Yên" in detail and "Cải thiện dinh dưỡng" in detail
    assert client.get(f"/programmes/plans/{town_plan.pk}/").status_code == 404
    assert client.get(f"/programmes/plans/{district_plan.pk}/edit/header/").status_code == 403  # read only
    assert "Lập kế hoạch mới" not in body


def test_create_a_plan_through_the_form(client_for, users, units, programme):
    client = client_for(users["caothuong"])
    response = client.post("/programmes/plans/new/", {
        "programme": programme.pk, "issuing_unit": units["07339"].pk, "year_from": 2024, "title": "Giảm nghèo 2024"})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/programmes/plans/{plan.pk}/"
    assert (plan.issuing_unit, plan.year_to, plan.place) == (units["07339"], 2024, "Thị trấn Cao Thượng")


def test_create_refuses_a_unit_outside_the_scope(client_for, users, units, programme):
    response = client_for(users["caothuong"]).post("/programmes/plans/new/", {
        "programme": programme.pk, "issuing_unit": units["07336"].pk, "year_from": 2024, "title": "X"})
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Plan.objects.exists()


def test_header_form_takes_dd_mm_yyyy_and_reports_bad_years(client_for, users, town_plan):
    client = client_for(users["caothuong"])
    data = {"year_from": 2024, "year_to": 2024, "issuing_body": "ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG", "number": "",
            "symbol": "KH-UBND", "place": "Thị trấn Cao Thượng", "document_date": "25/01/2024",
            "title": town_plan.title, "introduction": "UBND thị trấn xây dựng kế hoạch như sau:",
            "version": version_of(town_plan)}
    assert client.post(f"/programmes/plans/{town_plan.pk}/edit/header/", data).status_code == 302
    town_plan.refresh_from_db()
    assert town_plan.document_date == datetime.date(2024, 1, 25)
    response = client.post(f"/programmes/plans/{town_plan.pk}/edit/header/", {
        **data, "year_from": 2031, "year_to": 2031, "version": version_of(town_plan)})
    assert "nằm ngoài thời gian" in response.content.decode()
    town_plan.refresh_from_db()
    assert town_plan.year_from == 2024


def test_content_form_reorders_the_parts(client_for, users, town_plan):
    client = client_for(users["caothuong"])
    form = client.get(f"/programmes/plans/{town_plan.pk}/edit/content/").context["form"]
    data = {name: (field.initial if field.initial is not None else "") for name, field in form.fields.items()}
    data.update({name: getattr(town_plan, name) for name in form.Meta.fields})
    data.update({"order_organisation": 3, "order_objectives": 2, "organisation_heading": "NHIỆM VỤ",
                 "version": version_of(town_plan)})
    assert client.post(f"/programmes/plans/{town_plan.pk}/edit/content/", data).status_code == 302
    town_plan.refresh_from_db()
    assert town_plan.ordered_parts()[:3] == ["purpose", "objectives", "organisation"]
    assert town_plan.heading("organisation") == "NHIỆM VỤ"


def test_assignment_formset_saves_and_refuses_two_leads(client_for, users, district_plan, agencies, programme):
    client = client_for(users["tanyen"])
    url = f"/programmes/plans/{district_plan.pk}/lists/assignments/"
    existing = district_plan.assignments.get()
    tda2 = Project.objects.get(programme=programme, code="DA3-TDA2")
    gd = agencies[("216", "Phòng Giáo dục và Đào tạo")]
    row0 = {"id": existing.pk, "project": tda2.pk, "agency": existing.agency_id, "role": "lead", "tasks": ""}
    response = client.post(url, {**formset_post([row0, {"project": tda2.pk, "agency": gd.pk, "role": "lead"}], 1),
                                 "version": version_of(district_plan)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 2: Tiểu dự án 2 thuộc Dự án 3 đã có cơ quan chủ trì ở dòng 1" in body
    assert Assignment.objects.count() == 1
    response = client.post(url, {**formset_post([row0, {"project": tda2.pk, "agency": gd.pk, "role": "support"}], 1),
                                 "version": version_of(district_plan)})
    assert response.status_code == 302
    assert sorted(district_plan.assignments.values_list("agency__name", "role")) == [
        ("Phòng Giáo dục và Đào tạo", "support"), ("Trung tâm Y tế", "lead")]


def test_legal_bases_formset_keeps_page_order_and_deletes(client_for, users, town_plan):
    client = client_for(users["caothuong"])
    url = f"/programmes/plans/{town_plan.pk}/lists/legal-bases/"
    client.post(url, {**formset_post([{"text": "Thực hiện Nghị quyết số 01-NQ/ĐU;"}, {"text": "Căn cứ chỉ tiêu."},
                                      {"text": ""}]), "version": version_of(town_plan)})
    assert list(town_plan.legal_bases.values_list("order", "text")) == [
        (1, "Thực hiện Nghị quyết số 01-NQ/ĐU;"), (2, "Căn cứ chỉ tiêu.")]
    first, second = town_plan.legal_bases.all()
    client.post(url, {**formset_post([{"id": first.pk, "order": 1, "text": first.text, "DELETE": "on"},
                                      {"id": second.pk, "order": 2, "text": second.text}], 2),
                      "version": version_of(town_plan)})
    assert list(town_plan.legal_bases.values_list("text", flat=True)) == ["Căn cứ chỉ tiêu."]


def test_issue_through_the_page_then_everything_is_read_only(client_for, users, town_plan):
    client = client_for(users["caothuong"])
    response = client.post(f"/programmes/plans/{town_plan.pk}/issue/", {"number": "", "document_date": "",
                                                                        "signer_name": ""})
    assert "Trường này là bắt buộc" in response.content.decode()
    response = client.post(f"/programmes/plans/{town_plan.pk}/issue/", {
        "number": "15", "document_date": "25/01/2024", "signer_name": "Vũ Ngọc Vân", "version": version_of(town_plan)})
    assert response.status_code == 302
    town_plan.refresh_from_db()
    assert town_plan.status == PlanStatus.ISSUED
    detail = client.get(f"/programmes/plans/{town_plan.pk}/").content.decode()
    assert "đã khóa" in detail and "/edit/header/" not in detail
    for page in PAGES[1:7]:
        assert client.get(f"/programmes/plans/{town_plan.pk}/{page}").status_code == 403, page
    response = client.post(f"/programmes/plans/{town_plan.pk}/lists/legal-bases/", formset_post([{"text": "Mới"}]))
    assert response.status_code == 403 and not town_plan.legal_bases.exists()
    response = client.post(f"/programmes/plans/{town_plan.pk}/copy/", {"programme": town_plan.programme_id,
                                                                       "year_from": 2025})
    copy = Plan.objects.exclude(pk=town_plan.pk).get()
    assert response["Location"] == f"/programmes/plans/{copy.pk}/"
    assert client.get(f"/programmes/plans/{copy.pk}/edit/header/").status_code == 200
    assert services.plan_update(actor=users["caothuong"], plan=copy, version=version_of(copy), introduction="Mới").introduction == "Mới"


@pytest.mark.parametrize("count", [3, 30])
def test_plan_list_query_count_does_not_grow(client_for, users, make_plan, count, django_assert_num_queries):
    for i in range(count):
        make_plan("07339" if i % 2 else "07336", title=f"Kế hoạch số {i}")
    client = client_for(users["tanyen"])
    client.get("/programmes/")
    # session, user, officer, count, page of plans (with unit and programme)
    with django_assert_num_queries(5):
        response = client.get("/programmes/")
    assert response.content.decode().count("/programmes/plans/") - 1 == count  # minus the "new plan" link


def test_detail_lists_the_deadlines_of_each_reporting_rule(client_for, users, town_plan):
    from programmes.services import RowChange, plan_rows_save

    plan_rows_save(actor=users["caothuong"], plan=town_plan, version=version_of(town_plan), part="reporting", rows=[RowChange(None, {
        "order": 1, "frequency": "quarterly", "timing": "before", "day": 1, "month_offset": 2,
        "reporter": "Các tổ dân phố", "recipient": "UBND thị trấn", "content": ""})])
    body = client_for(users["caothuong"]).get(f"/programmes/plans/{town_plan.pk}/").content.decode()
    assert "trước ngày 01 của tháng cuối quý" in body
    assert "Quý I/2024: 29/02/2024; Quý II/2024: 31/05/2024; Quý III/2024: 31/08/2024; Quý IV/2024: 30/11/2024" in body


def test_programme_structure_page(client, client_for, users, programme):
    assert client.get("/programmes/structure/")["Location"].startswith("/login/")
    body = client_for(users["caoxa"]).get("/programmes/structure/").content.decode()
    assert "Quyết định số 90/QĐ-TTg" in body and "Tiểu dự án 2: Cải thiện dinh dưỡng" in body


def test_bad_part_and_unit_in_urls_are_404(client_for, users, town_plan):
    client = client_for(users["caothuong"])
    assert client.get(f"/programmes/plans/{town_plan.pk}/lists/nothing/").status_code == 404
    assert client.get(f"/programmes/plans/{town_plan.pk}/edit/nothing/").status_code == 404
    assert client.get(f"/reports/plans/{town_plan.pk}/targets/?unit=abc").status_code == 404


def test_the_commune_leader_reads_the_communes_plans_but_edits_nothing(client_for, users, town_plan, district_plan):
    client = client_for(users["caothuong_ld"])
    body = client.get("/programmes/").content.decode()
    assert town_plan.title in body and district_plan.title not in body
    assert "ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG" in client.get(f"/programmes/plans/{town_plan.pk}/").content.decode()
    response = client.post(f"/programmes/plans/{town_plan.pk}/edit/header/", {"title": "Đổi tên"})
    assert response.status_code == 403
    assert Plan.objects.get(pk=town_plan.pk).title == town_plan.title
    assert client_for(users["caoxa_ld"]).get(f"/programmes/plans/{town_plan.pk}/").status_code == 404
