import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from povertyplan.models import AuditEvent
from programmes import services
from programmes.models import Assignment, AssignmentRole, LegalBasis, Plan, PlanStatus, Project, Responsibility
from programmes.services import PlanLocked, RowChange
from tests.programmes.conftest import version_of


def project(programme, code):
    return Project.objects.get(programme=programme, code=code)


def test_plan_create_fills_the_header_from_the_unit(make_plan, users):
    town = make_plan("07339")
    assert town.issuing_body == "ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG"
    assert town.place == "Thị trấn Cao Thượng"
    assert (town.symbol, town.sign_on_behalf, town.signer_position) == ("KH-UBND", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert town.status == PlanStatus.DRAFT and town.period_label == "năm 2024"
    district = make_plan("216", year=2023)
    assert (district.issuing_body, district.place) == ("ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN", "Tân Yên")
    assert AuditEvent.objects.filter(action="plan.create", object_id=str(town.pk), actor=users["tanyen"]).exists()


def test_plan_years_must_fit_the_programme_and_the_unit(make_plan):
    with pytest.raises(ValidationError) as error:
        make_plan("07339", year=2020)
    assert "nằm ngoài thời gian" in error.value.message_dict["year_from"][0]
    with pytest.raises(ValidationError) as error:
        make_plan("07339", year=2024, year_to=2023)
    assert error.value.message_dict["year_to"] == ["Năm kết thúc phải từ năm bắt đầu trở đi."]
    assert not Plan.objects.exists()


def test_commune_officer_cannot_create_a_plan_for_another_commune(make_plan, users):
    with pytest.raises(PermissionDenied):
        make_plan("07336", actor=users["caothuong"])
    assert not Plan.objects.exists()


def test_plan_update_audits_only_the_changed_fields(make_plan, users):
    plan = make_plan()
    services.plan_update(actor=users["caothuong"], plan=plan, version=version_of(plan), title=plan.title, purpose="- Giảm nghèo bền vững.")
    event = AuditEvent.objects.get(action="plan.update", object_id=str(plan.pk))
    assert event.before == {"purpose": "", "version": 1}
    assert event.after == {"purpose": "- Giảm nghèo bền vững.", "version": 2}


def test_rows_are_added_changed_and_deleted_in_one_save(make_plan, users):
    plan = make_plan()
    services.plan_rows_save(actor=users["caothuong"], plan=plan, version=version_of(plan), part="legal-bases", rows=[
        RowChange(None, {"order": 1, "text": "Căn cứ A;"}), RowChange(None, {"order": 2, "text": "Căn cứ B."})])
    first, second = plan.legal_bases.all()
    services.plan_rows_save(actor=users["caothuong"], plan=plan, version=version_of(plan), part="legal-bases", rows=[
        RowChange(first.pk, delete=True), RowChange(second.pk, {"order": 1, "text": "Căn cứ B (sửa)."}),
        RowChange(None, {"order": 2, "text": "Căn cứ C."})])
    assert list(plan.legal_bases.values_list("text", flat=True)) == ["Căn cứ B (sửa).", "Căn cứ C."]
    event = AuditEvent.objects.filter(action="plan.legal_bases.save").first()
    assert [r["text"] for r in event.before["legal_bases"]] == ["Căn cứ A;", "Căn cứ B."]


def test_rows_may_not_name_an_agency_outside_the_plan_area(make_plan, users, agencies, programme):
    plan = make_plan("07339")
    with pytest.raises(ValidationError) as error:
        services.plan_rows_save(actor=users["tanyen"], plan=plan, version=version_of(plan), part="assignments", rows=[RowChange(None, {
            "project": project(programme, "DA3-TDA2"), "agency": agencies[("07336", "Ủy ban MTTQ xã")],
            "role": AssignmentRole.LEAD})])
    assert error.value.message_dict == {"agency": ["Cơ quan này không thuộc địa bàn của kế hoạch."]}
    assert not Assignment.objects.exists()
    # a district agency (an ancestor's) is fine for the town's plan
    services.plan_rows_save(actor=users["tanyen"], plan=plan, version=version_of(plan), part="assignments", rows=[RowChange(None, {
        "project": project(programme, "DA3-TDA2"), "agency": agencies[("216", "Trung tâm Y tế")],
        "role": AssignmentRole.LEAD})])
    assert plan.assignments.get().agency.name == "Trung tâm Y tế"


def test_a_row_of_another_plan_cannot_be_edited_through_this_one(make_plan, users):
    plan, other = make_plan(), make_plan(year=2023)
    foreign = LegalBasis.objects.create(plan=other, order=1, text="Căn cứ khác.")
    with pytest.raises(ValidationError) as error:
        services.plan_rows_save(actor=users["tanyen"], plan=plan, version=version_of(plan), part="legal-bases",
                                rows=[RowChange(foreign.pk, {"text": "Đổi"})])
    assert error.value.messages == ["Dòng không thuộc kế hoạch này."]
    foreign.refresh_from_db()
    assert foreign.text == "Căn cứ khác."


def test_issue_needs_a_date_and_a_signer(make_plan, users):
    plan = make_plan()
    with pytest.raises(ValidationError) as error:
        services.plan_issue(actor=users["caothuong"], plan=plan, version=version_of(plan), number="", document_date=None, signer_name=" ")
    assert set(error.value.message_dict) == {"document_date", "signer_name"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_an_issued_plan_is_read_only_in_every_service(make_plan, users, agencies, programme):
    plan = make_plan()
    stale = Plan.objects.get(pk=plan.pk)  # an instance read before issuing
    issued = services.plan_issue(actor=users["caothuong"], plan=plan, version=version_of(plan), number="12",
                                 document_date=datetime.date(2024, 1, 25), signer_name="Vũ Ngọc Vân")
    assert (issued.status, issued.number_symbol, issued.issued_by) == (PlanStatus.ISSUED, "12/KH-UBND",
                                                                       users["caothuong"])
    attempts = [
        lambda: services.plan_update(actor=users["caothuong"], plan=stale, version=version_of(stale),
                                     title="Sửa sau khi ban hành"),
        lambda: services.plan_rows_save(actor=users["caothuong"], plan=stale, version=version_of(stale),
                                        part="responsibilities", rows=[
            RowChange(None, {"agency": agencies[("07339", "Ủy ban MTTQ thị trấn")], "text": "Tuyên truyền."})]),
        lambda: services.plan_issue(actor=users["caothuong"], plan=stale, version=version_of(stale), number="13",
                                    document_date=datetime.date(2024, 2, 1), signer_name="Người khác"),
    ]
    for attempt in attempts:
        with pytest.raises(PlanLocked):
            attempt()
    plan.refresh_from_db()
    assert (plan.title, plan.number, plan.signer_name) == (issued.title, "12", "Vũ Ngọc Vân")
    assert not Responsibility.objects.exists()
    assert AuditEvent.objects.filter(action="plan.issue", object_id=str(plan.pk)).count() == 1


def test_a_number_is_used_once_per_unit_and_year(make_plan, users):
    first, second = make_plan(title="Kế hoạch A năm 2024"), make_plan(title="Kế hoạch B năm 2024")
    services.plan_issue(actor=users["tanyen"], plan=first, version=version_of(first), number="12", document_date=datetime.date(2024, 1, 25),
                        signer_name="Vũ Ngọc Vân")
    with pytest.raises(ValidationError) as error:
        services.plan_issue(actor=users["tanyen"], plan=second, version=version_of(second), number="12",
                            document_date=datetime.date(2024, 3, 1), signer_name="Vũ Ngọc Vân")
    assert "12/KH-UBND" in error.value.message_dict["number"][0]


def test_copy_makes_an_editable_draft_for_the_next_year(make_plan, users, agencies, programme):
    plan = make_plan(title="Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024",
                     purpose="- Giảm nghèo toàn diện hơn.")
    services.plan_rows_save(actor=users["tanyen"], plan=plan, version=version_of(plan), part="legal-bases",
                            rows=[RowChange(None, {"order": 1, "text": "Căn cứ chỉ tiêu năm 2024."})])
    services.plan_rows_save(actor=users["tanyen"], plan=plan, version=version_of(plan), part="assignments", rows=[RowChange(None, {
        "project": project(programme, "DA6-TDA2"), "agency": agencies[("07339", "Đài truyền thanh thị trấn")],
        "role": AssignmentRole.LEAD})])
    services.plan_issue(actor=users["tanyen"], plan=plan, version=version_of(plan), number="7", document_date=datetime.date(2024, 1, 25),
                        signer_name="Vũ Ngọc Vân")

    copy = services.plan_copy(actor=users["caothuong"], plan=plan, year_from=2025)
    assert (copy.status, copy.year_from, copy.year_to, copy.copied_from) == (PlanStatus.DRAFT, 2025, 2025, plan)
    assert copy.title == "Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2025"
    assert (copy.number, copy.document_date, copy.signer_name) == ("", None, "Vũ Ngọc Vân")
    assert copy.purpose == "- Giảm nghèo toàn diện hơn."
    assert list(copy.legal_bases.values_list("text", flat=True)) == ["Căn cứ chỉ tiêu năm 2024."]
    assert copy.assignments.get().agency.name == "Đài truyền thanh thị trấn"
    services.plan_update(actor=users["caothuong"], plan=copy, version=version_of(copy), title="Kế hoạch năm 2025")  # editable
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.assignments.count() == 1
