"""The report workflow through its services: start (what is due, pre-filled), save, attach, submit,
return, approve, reopen — every move, every forbidden one, and what each leaves behind."""
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from households import demo as households_demo
from povertyplan.models import AuditEvent
from programmes import services
from programmes.models import (
    Indicator,
    ProgressReport,
    ReportAttachment,
    ReportFunding,
    ReportState,
    ReportValue,
    ReportVersion,
)
from programmes.services.conflicts import VersionConflict
from tests.conftest import make_officer
from tests.programmes.conftest import version_of
from tests.programmes.reporting_setup import JPEG, PDF, PNG, start, upload


def _events(report):
    return list(AuditEvent.objects.filter(object_type="programmes.progressreport", object_id=str(report.pk))
                .order_by("id").values_list("action", flat=True))


# --- start ---------------------------------------------------------------------------------------------

def test_agency_start_stores_the_due_and_prefills_reported_values_and_funding(issued_plan, ttyte, tty, units):
    report = start(issued_plan, ttyte, month=3, agency=tty)
    assert (report.state, report.reporter, report.recipient_unit.code) == (ReportState.DRAFT, f"a:{tty.pk}", "216")
    assert str(report.deadline) == "2024-03-24"  # "trước ngày 25"
    values = list(report.values.select_related("indicator"))
    # the plan targets one reported and one registry indicator: an agency gets the reported one, empty
    assert [(v.indicator.code, v.value, v.from_registry) for v in values] == [("lao_dong_qua_dao_tao", None, False)]
    assert sorted(report.funding.values_list("project__code", "allocated", "disbursed")) == [
        ("DA3-TDA1", 0, 0), ("DA3-TDA2", 0, 0)]
    assert _events(report) == ["report.start"]


def test_start_twice_gives_the_same_report(issued_plan, ttyte, tty):
    first = start(issued_plan, ttyte, agency=tty)
    second = start(issued_plan, ttyte, agency=tty)
    assert first.pk == second.pk
    assert ProgressReport.objects.count() == 1 and ReportValue.objects.count() == 1


@pytest.mark.parametrize("case", ["month_13", "year_outside", "other_agency", "draft_plan"])
def test_start_refuses_what_is_not_due(issued_plan, ttyte, tty, agencies, users, make_plan, case):
    rule = issued_plan.reporting_rules.get()
    kwargs = {"actor": ttyte, "plan": issued_plan, "rule": rule, "period_year": 2024, "period_index": 3, "agency": tty}
    if case == "month_13":
        kwargs["period_index"] = 13
    elif case == "year_outside":
        kwargs["period_year"] = 2025
    elif case == "other_agency":  # an agency the plan does not assign, of which ttyte is made a member
        other = agencies[("216", "Phòng Tư pháp")]
        other.members.add(ttyte)
        kwargs["agency"] = other
    else:  # a rule of a draft plan
        draft = make_plan("216", year=2025)
        kwargs["plan"] = draft
    with pytest.raises(ValidationError) as exc:
        services.report_start(**kwargs)
    assert "không yêu cầu báo cáo này" in str(exc.value)
    assert ProgressReport.objects.count() == 0


def test_a_user_outside_the_agency_cannot_start_its_report(issued_plan, users, tty):
    with pytest.raises(PermissionDenied):
        start(issued_plan, users["tanyen"], agency=tty)
    with pytest.raises(PermissionDenied):
        start(issued_plan, users["caoxa"], unit=tty.unit)
    assert ProgressReport.objects.count() == 0


def _newly_escaped_by_history(unit, as_of):
    """The Python side of the rule (households.status), household by household."""
    from households.models import Review
    from households.status import Result, history, is_newly_escaped

    by_household = {}
    for review in Review.objects.filter(round__commune=unit, state__in=["recognised", "locked"]).order_by(
            "decision_date", "round__year", "pk"):
        by_household.setdefault(review.household_id, []).append(
            Result(review.classification, review.decision_date, review.pk))
    return sum(is_newly_escaped(history(results), as_of) for results in by_household.values())


def test_commune_report_is_prefilled_from_the_demo_registry(issued_plan, users, units):
    """The 2023 review recognised in December 2023 is the list in force in March 2024 (seed 003: 3.898
    households, 90 poor, 135 near-poor); the 2022 one gives the decrease."""
    households_demo.load(io.StringIO())
    from households.selectors import poverty_counts

    town = units["07339"]
    counts_2023, counts_2022 = poverty_counts([town], 2023)[town.pk], poverty_counts([town], 2022)[town.pk]
    report = start(issued_plan, users["caothuong"], unit=town)
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    assert set(values) == {"so_ho_dan_cu", "ho_ngheo", "ho_can_ngheo", "lao_dong_qua_dao_tao", "ho_ngheo_phat_sinh",
                           "ho_thoat_ngheo", "ho_thoat_can_ngheo", "ho_moi_thoat_ngheo", "ra_soat_thuong_xuyen"}
    # the demo's decisions are dated 20/12: nothing was recognised in March 2024
    assert [values[c].value for c in ("ho_ngheo_phat_sinh", "ho_thoat_ngheo", "ho_thoat_can_ngheo",
                                      "ra_soat_thuong_xuyen")] == [0, 0, 0, 0]
    assert values["ho_moi_thoat_ngheo"].value == _newly_escaped_by_history(town, datetime.date(2024, 3, 31)) > 0
    assert values["ho_moi_thoat_ngheo"].source == "Sổ hộ: hộ mới thoát nghèo ngày 31/03/2024"
    assert (values["so_ho_dan_cu"].value, values["ho_ngheo"].value, values["ho_can_ngheo"].value) == (
        Decimal(3898), Decimal(90), Decimal(135))
    assert values["ho_ngheo"].value == counts_2023["poor"] and values["ho_can_ngheo"].value == counts_2023["near_poor"]
    assert all(values[c].from_registry for c in ("so_ho_dan_cu", "ho_ngheo", "ho_can_ngheo"))
    assert values["ho_ngheo"].source == "Sổ hộ: kết quả rà soát định kỳ đã công nhận năm 2023"
    assert (values["lao_dong_qua_dao_tao"].value, values["lao_dong_qua_dao_tao"].from_registry) == (None, False)
    assert counts_2022["poor"] != counts_2023["poor"]  # the two years differ, so the year chosen matters
    assert report.funding.count() == 0


def test_commune_report_without_recognised_reviews_leaves_registry_values_empty(issued_plan, users, units):
    report = start(issued_plan, users["caoxa"], unit=units["07336"])
    poor = report.values.get(indicator__code="ho_ngheo")
    assert (poor.value, poor.from_registry) == (None, False)
    assert "chưa có số liệu" in poor.source


# --- save ------------------------------------------------------------------------------------------------

def _save(report, user, version=None, **kw):
    kw.setdefault("results", "Đã khám sàng lọc cho 120 người.")
    return services.report_save(actor=user, report=report, version=version or version_of(report), **kw)


def test_save_writes_narrative_values_funding_and_raises_the_version(issued_plan, ttyte, tty):
    report = start(issued_plan, ttyte, agency=tty)
    indicator = Indicator.objects.get(code="lao_dong_qua_dao_tao")
    project = report.funding.get(project__code="DA3-TDA2").project
    saved = _save(report, ttyte, values={indicator.pk: Decimal(35)}, funding={project.pk: (50_000_000, 20_000_000)})
    assert (saved.version, saved.results) == (2, "Đã khám sàng lọc cho 120 người.")
    assert report.values.get().value == Decimal(35)
    assert report.funding.filter(project=project).values_list("allocated", "disbursed").get() == (50_000_000, 20_000_000)
    assert _events(report) == ["report.start", "report.save"]


def test_disbursed_above_allocated_is_refused_naming_the_project(issued_plan, ttyte, tty):
    report = start(issued_plan, ttyte, agency=tty)
    project = report.funding.get(project__code="DA3-TDA2").project
    with pytest.raises(ValidationError) as exc:
        _save(report, ttyte, funding={project.pk: (10_000_000, 12_000_000)})
    assert exc.value.message_dict[f"disbursed_{project.pk}"] == [
        "DA3-TDA2: số đã giải ngân (12.000.000 đồng) lớn hơn kinh phí được giao (10.000.000 đồng)."]
    assert list(ReportFunding.objects.values_list("allocated", "disbursed")) == [(0, 0), (0, 0)]
    assert version_of(report) == 1 and ProgressReport.objects.get().results == ""


def test_a_registry_value_changed_by_hand_loses_its_mark_and_keeps_a_note(issued_plan, users, units):
    households_demo.load(io.StringIO())
    report = start(issued_plan, users["caothuong"], unit=units["07339"])
    poor = report.values.get(indicator__code="ho_ngheo")
    _save(report, users["caothuong"], values={poor.indicator_id: Decimal(88)})
    poor.refresh_from_db()
    assert (poor.value, poor.from_registry) == (Decimal(88), False)
    assert poor.source == "Sửa tay; sổ hộ ghi 90 (Sổ hộ: kết quả rà soát định kỳ đã công nhận năm 2023)"


def test_two_edits_from_the_same_version_conflict(issued_plan, ttyte, tty):
    report = start(issued_plan, ttyte, agency=tty)
    _save(report, ttyte, version=1, results="Lần sửa thứ nhất")
    with pytest.raises(VersionConflict) as exc:
        _save(report, ttyte, version=1, results="Lần sửa thứ hai")
    assert exc.value.current_version == 2
    assert [c.after for c in exc.value.changes] == ["Lần sửa thứ nhất"]
    assert ProgressReport.objects.get().results == "Lần sửa thứ nhất"


def test_an_unchanged_save_makes_no_version(issued_plan, ttyte, tty):
    report = start(issued_plan, ttyte, agency=tty)
    _save(report, ttyte, results="")
    assert version_of(report) == 1 and _events(report) == ["report.start"]


# --- attachments ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, kind", [("ban-ky.pdf", PDF, "application/pdf"),
                                                 ("anh chup.PNG", PNG, "image/png"), ("scan.jpg", JPEG, "image/jpeg")])
def test_pdf_png_and_jpeg_are_attached_through_the_storage(issued_plan, ttyte, tty, media, name, content, kind):
    report = start(issued_plan, ttyte, agency=tty)
    attachment = services.report_attach(actor=ttyte, report=report, upload=upload(name, content))
    assert (attachment.name, attachment.content_type, attachment.size) == (name, kind, len(content))
    assert (media / attachment.file.name).read_bytes() == content
    assert _events(report)[-1] == "report.attach"


@pytest.mark.parametrize("name, content", [
    ("bao-cao.pdf", b"<html><script>alert(1)</script></html>"),  # named .pdf, is not one
    ("bang.xlsx", b"PK\x03\x04" + b"\x00" * 40),
    ("rong.pdf", b""),
])
def test_other_files_are_refused_by_content_and_nothing_is_stored(issued_plan, ttyte, tty, media, name, content):
    report = start(issued_plan, ttyte, agency=tty)
    with pytest.raises(ValidationError) as exc:
        services.report_attach(actor=ttyte, report=report, upload=upload(name, content))
    assert exc.value.message_dict["file"] == [
        f"Tệp “{name}” không phải PDF, JPEG hoặc PNG (xét theo nội dung tệp, không theo tên). Chỉ đính kèm bản "
        "chụp, bản quét PDF, JPEG hoặc PNG, tối đa 10 MB."]
    assert ReportAttachment.objects.count() == 0 and not media.exists()


def test_a_file_over_10_mb_is_refused(issued_plan, ttyte, tty, media):
    report = start(issued_plan, ttyte, agency=tty)
    big = upload("lon.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        services.report_attach(actor=ttyte, report=report, upload=big)
    assert exc.value.message_dict["file"] == ["Tệp “lon.pdf” nặng 10,0 MB, quá giới hạn 10 MB."]
    assert ReportAttachment.objects.count() == 0


def test_detach_removes_the_row_and_the_file(issued_plan, ttyte, tty, media, django_capture_on_commit_callbacks):
    report = start(issued_plan, ttyte, agency=tty)
    attachment = services.report_attach(actor=ttyte, report=report, upload=upload("a.pdf", PDF))
    stored = media / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.report_detach(actor=ttyte, report=report, attachment=attachment)
    assert ReportAttachment.objects.count() == 0 and not stored.exists()
    assert _events(report)[-1] == "report.detach"


# --- state moves -----------------------------------------------------------------------------------------

def _submit(report, user):
    return services.report_submit(actor=user, report=report, version=version_of(report))


def test_the_whole_journey_keeps_every_version(issued_plan, ttyte, tty, users, media):
    tanyen = users["tanyen"]
    report = start(issued_plan, ttyte, agency=tty)
    _save(report, ttyte, results="Bản đầu")
    services.report_attach(actor=ttyte, report=report, upload=upload("ban-ky.pdf", PDF))
    sent = _submit(report, ttyte)
    assert (sent.state, sent.submitted_by, sent.first_submitted_at) == (ReportState.SUBMITTED, ttyte, sent.submitted_at)
    first_sent = sent.first_submitted_at
    returned = services.report_return(actor=tanyen, report=report, reason="Thiếu số liệu giải ngân")
    assert (returned.state, returned.return_reason, returned.reviewed_by) == (
        ReportState.RETURNED, "Thiếu số liệu giải ngân", tanyen)
    _save(report, ttyte, results="Bản đã sửa")
    again = _submit(report, ttyte)
    assert again.first_submitted_at == first_sent and again.submitted_at > first_sent
    approved = services.report_approve(actor=tanyen, report=report)
    assert approved.state == ReportState.APPROVED
    versions = list(ReportVersion.objects.filter(report=report).order_by("number"))
    assert [(v.number, v.content["results"]) for v in versions] == [(1, "Bản đầu"), (2, "Bản đã sửa")]
    assert versions[0].content["attachments"] == ["ban-ky.pdf"]
    assert versions[0].content["values"][0]["indicator"] == "lao_dong_qua_dao_tao"
    assert [f["project"] for f in versions[0].content["funding"]] == ["DA3-TDA1", "DA3-TDA2"]
    assert _events(report) == ["report.start", "report.save", "report.attach", "report.submit", "report.return",
                               "report.save", "report.submit", "report.approve"]


def test_editing_after_submission_is_refused(issued_plan, ttyte, tty, media):
    report = start(issued_plan, ttyte, agency=tty)
    _submit(report, ttyte)
    with pytest.raises(ValidationError, match="không sửa được"):
        _save(report, ttyte, results="Sửa sau khi gửi")
    with pytest.raises(ValidationError, match="không sửa được"):
        services.report_attach(actor=ttyte, report=report, upload=upload("a.pdf", PDF))
    with pytest.raises(ValidationError, match="không sửa được"):
        _submit(report, ttyte)
    assert ProgressReport.objects.get().results == "" and ReportVersion.objects.count() == 1


def test_nobody_approves_or_returns_what_they_submitted(issued_plan, users, units):
    """thị trấn Cao Thượng's own plan: its commune officer could review, but not what they sent."""
    caothuong = users["caothuong"]
    report = start(issued_plan, caothuong, unit=units["07339"])
    _submit(report, caothuong)
    report.recipient_unit = units["07339"]  # as if the commune received it (a commune's own plan)
    ProgressReport.objects.filter(pk=report.pk).update(recipient_unit=units["07339"])
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=caothuong, report=report)
    with pytest.raises(PermissionDenied):
        services.report_return(actor=caothuong, report=report, reason="x")
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED


def test_the_reporter_cannot_review_and_an_outside_supervisor_cannot_either(issued_plan, ttyte, tty, units):
    report = start(issued_plan, ttyte, agency=tty)
    _submit(report, ttyte)
    outsider = make_officer("hiephoa", "supervisor", units["07336"].parent)  # same district: in scope
    far = make_officer("bacgiang", "supervisor", units["07336"])  # a commune's supervisor: 216 is outside
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=ttyte, report=report)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=far, report=report)
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED
    services.report_approve(actor=outsider, report=report)  # any supervisor over the recipient may
    assert ProgressReport.objects.get().state == ReportState.APPROVED


def test_return_needs_a_reason_and_a_submitted_report(issued_plan, ttyte, tty, users):
    report = start(issued_plan, ttyte, agency=tty)
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        services.report_approve(actor=users["tanyen"], report=report)
    _submit(report, ttyte)
    with pytest.raises(ValidationError) as exc:
        services.report_return(actor=users["tanyen"], report=report, reason="   ")
    assert exc.value.message_dict == {"reason": ["Cần ghi lý do trả lại để đơn vị báo cáo sửa."]}
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED


def test_approved_reports_are_locked_and_reopening_is_audited_with_its_reason(issued_plan, ttyte, tty, users):
    tanyen = users["tanyen"]
    report = start(issued_plan, ttyte, agency=tty)
    _submit(report, ttyte)
    services.report_approve(actor=tanyen, report=report)
    with pytest.raises(ValidationError, match="không sửa được"):
        _save(report, ttyte, results="Sửa bản đã duyệt")
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        services.report_return(actor=tanyen, report=report, reason="x")
    with pytest.raises(PermissionDenied):
        services.report_reopen(actor=ttyte, report=report, reason="Tôi muốn sửa")
    with pytest.raises(ValidationError) as exc:
        services.report_reopen(actor=tanyen, report=report, reason="")
    assert "reason" in exc.value.message_dict
    assert ProgressReport.objects.get().state == ReportState.APPROVED
    reopened = services.report_reopen(actor=tanyen, report=report, reason="Số giải ngân quý I điều chỉnh")
    assert (reopened.state, reopened.return_reason) == (ReportState.RETURNED, "Số giải ngân quý I điều chỉnh")
    event = AuditEvent.objects.filter(action="report.reopen").get()
    assert (event.reason, event.actor, event.before["state"], event.after["state"]) == (
        "Số giải ngân quý I điều chỉnh", tanyen, "approved", "returned")
    _save(report, ttyte, results="Đã điều chỉnh")  # the reporter corrects
    with pytest.raises(ValidationError, match="Chỉ mở lại"):
        services.report_reopen(actor=tanyen, report=report, reason="lần nữa")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL's concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_give_one_report(issued_plan, ttyte, tty):
    from tests.programmes.test_races import at_once

    results = at_once(lambda i: start(issued_plan, ttyte, agency=tty).pk)
    assert all(ok for ok, _r in results), results
    assert len({pk for _ok, pk in results}) == 1
    assert ProgressReport.objects.count() == 1 and ReportValue.objects.count() == 1
    assert ReportFunding.objects.count() == 2


def test_a_commune_plan_is_reported_by_its_bodies_and_reviewed_by_the_commune(units, users):
    """Seed 003 (thị trấn Cao Thượng's own plan): a body it charges reports to the town, whose leader (or
    officer, or a supervisor above) reviews; the reporter does not."""
    from programmes import demo, reference
    from programmes.models import Agency, IndicatorSource

    reference.load_reference()
    demo.load_agencies()
    plan = demo.load_seed003_plan()
    body = Agency.objects.get(unit=units["07339"], name="Công chức Văn hóa - Xã hội")
    officer = make_officer("vhxh", "agency", units["07339"])
    body.members.add(officer)
    report = services.report_start(actor=officer, plan=plan, rule=plan.reporting_rules.get(), period_year=2024,
                                   period_index=5, agency=body)
    assert (report.recipient_unit.code, str(report.deadline)) == ("07339", "2024-05-25")
    assert report.values.exists()
    assert set(report.values.values_list("indicator__source", flat=True)) == {IndicatorSource.REPORTED}
    services.report_submit(actor=officer, report=report, version=1)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=officer, report=report)
    services.report_approve(actor=users["caothuong_ld"], report=report)
    assert ProgressReport.objects.get().state == ReportState.APPROVED
