"""Demo: a year of monthly reports (2024) under the seed-003 plan of thị trấn Cao Thượng, and the district
plan issued so that Trung tâm Y tế (ttyte) has reports to make.

The five bodies the seed plan makes responsible each get a demo agency officer. Most months are sent on
time and approved by the commune officer (caothuong); a few are late, Đài truyền thanh never sent
November, MTTQ's December report was returned with a comment and Ban Chỉ đạo's December report waits for
review — so the completeness and roll-up pages have something true to show. Everything goes through the
report services; only the sending and review times are set afterwards to the dates they would have had.
"""
import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from povertyplan.demo import demo_password_hash
from povertyplan.lib.db import update_or_create_changed
from povertyplan.models import Officer, Role
from programmes import services
from programmes.models import Agency, Plan, PlanStatus, ProgressReport, ReportVersion

# (username, last name, first name, agency name in thị trấn Cao Thượng)
BODY_OFFICERS = [
    ("bcd_caothuong", "Nguyễn Văn", "Hùng", "Ban Chỉ đạo giảm nghèo thị trấn"),
    ("mttq_caothuong", "Trần Thị", "Hoa", "Ủy ban MTTQ thị trấn"),
    ("doanthe_caothuong", "Lê Văn", "Sơn", "Các ngành đoàn thể"),
    ("vhxh_caothuong", "Phạm Thị", "Thu", "Công chức Văn hóa - Xã hội"),
    ("dtt_caothuong", "Hoàng Văn", "Minh", "Đài truyền thanh thị trấn"),
]
LATE = {("mttq_caothuong", 3): 4, ("mttq_caothuong", 7): 2, ("doanthe_caothuong", 5): 6}  # days after the deadline
MISSING = {("dtt_caothuong", 11)}
RETURNED = {("mttq_caothuong", 12)}
WAITING = {("bcd_caothuong", 12)}

# The labour figures are the commune's VH-XH official's (the other bodies report what they did, in words):
# one reporter, so the roll-up adds nothing twice.
FIGURES_BY = "vhxh_caothuong"
LABOUR = {"lao_dong_trong_tuoi": lambda m: Decimal(5210 + m), "lao_dong_qua_dao_tao": lambda m: Decimal(10 + m % 5),
          "ty_le_lao_dong_qua_dao_tao": lambda m: Decimal("68.40") + Decimal(m) / 10,
          "viec_lam_moi": lambda m: Decimal(14 + m % 4), "xuat_khau_lao_dong": lambda m: Decimal(m % 3)}

RESULTS = ("Tổ chức tuyên truyền chính sách giảm nghèo tại {groups} tổ dân phố; rà soát, cập nhật biến động hộ "
           "nghèo, hộ cận nghèo trong tháng; phối hợp giải ngân vốn vay ưu đãi.")


def _officer(username, last, first, agency, unit, actor):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={
        "last_name": last, "first_name": first, "email": f"{username}@caothuong.example.vn"})
    if created:
        user.password = demo_password_hash()
        user.save()
    update_or_create_changed(Officer.objects, user=user, defaults={"role": Role.AGENCY, "unit": unit,
                                                         "position": f"Cán bộ {agency.name}"})
    members = list(agency.members.all())
    if user not in members:
        services.agency_update(actor=actor, agency=agency, version=agency.version, members=[*members, user])
    return user


def _figures(report, month):
    return {v.indicator_id: LABOUR[v.indicator.code](month) for v in report.values.select_related("indicator")
            if v.indicator.code in LABOUR}


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_seed003_reports(plan, reviewer, actor):
    """The year of reports; idempotent (nothing is done once the plan has reports)."""
    if plan.reports.exists():
        return 0
    unit = plan.issuing_unit
    rule = plan.reporting_rules.order_by("order", "id").first()
    made = 0
    for username, last, first, agency_name in BODY_OFFICERS:
        agency = Agency.objects.get(unit=unit, name=agency_name)
        user = _officer(username, last, first, agency, unit, actor)
        for month in range(1, 13):
            if (username, month) in MISSING:
                continue
            report = services.report_start(actor=user, plan=plan, rule=rule, period_year=2024, period_index=month,
                                           agency=agency)
            report = services.report_save(actor=user, report=report, version=report.version,
                                          results=RESULTS.format(groups=26), difficulties="Kinh phí hỗ trợ còn hạn chế.",
                                          proposals="Đề nghị tiếp tục bố trí vốn vay cho hộ cận nghèo.",
                                          values=_figures(report, month) if username == FIGURES_BY else {})
            report = services.report_submit(actor=user, report=report, version=report.version)
            sent = report.deadline + datetime.timedelta(days=LATE.get((username, month), -2))
            if (username, month) in RETURNED:
                services.report_return(actor=reviewer, report=report,
                                       reason="Bổ sung số hộ được hỗ trợ vay vốn trong tháng.")
            elif (username, month) not in WAITING:
                services.report_approve(actor=reviewer, report=report)
            ProgressReport.objects.filter(pk=report.pk).update(
                submitted_at=_at(sent), first_submitted_at=_at(sent),
                reviewed_at=None if (username, month) in WAITING else _at(sent + datetime.timedelta(days=1), 15))
            ReportVersion.objects.filter(report=report).update(submitted_at=_at(sent))
            made += 1
    return made


def issue_district_plan(plan, actor):
    """The district plan, issued (number 25, 15/01/2024) so that its agencies and communes owe reports."""
    if plan.status == PlanStatus.ISSUED:
        return plan
    return services.plan_issue(actor=actor, plan=plan, version=Plan.objects.get(pk=plan.pk).version, number="25",
                               document_date=datetime.date(2024, 1, 15), signer_name="Nguyễn Văn Bình")
