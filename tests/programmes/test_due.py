"""What is due: working-day deadlines over weekends, Tết and made-up Saturdays, and the reports each
issued plan expects of its agencies and communes, with whom they go to."""
import datetime

import pytest

from programmes import reference
from programmes.models import Frequency, Period, PublicHoliday, Reporters, ReportingRule, Timing
from programmes.progress.due import expected_reports, issued_plans
from programmes.working_days import Calendar

D = datetime.date


@pytest.fixture
def calendar(db):
    reference.load_holidays()
    return Calendar.load()


def test_the_holiday_table_holds_tet_and_the_made_up_saturdays(calendar):
    assert PublicHoliday.objects.get(date=D(2026, 2, 17)).name == "Tết Nguyên đán"  # mùng 1 Tết Bính Ngọ
    assert PublicHoliday.objects.get(date=D(2026, 1, 10)).is_working_day is True
    assert not calendar.is_working_day(D(2026, 2, 16)) and calendar.is_working_day(D(2026, 2, 23))


@pytest.mark.parametrize("start, count, expected", [
    (D(2024, 11, 29), 1, D(2024, 12, 2)),    # Friday → Monday
    (D(2026, 2, 13), 1, D(2026, 2, 23)),     # the Friday before Tết 2026 → the Monday after it
    (D(2026, 1, 31), 5, D(2026, 2, 6)),      # January's report, 5 working days
    (D(2026, 1, 9), 1, D(2026, 1, 10)),      # a Saturday worked to make up 02/01
    (D(2025, 4, 29), 2, D(2025, 5, 6)),      # 30/4, 1/5, the swapped 2/5 and the weekend
    (D(2024, 2, 29), 3, D(2024, 3, 5)),      # from the leap day
    (D(2024, 12, 31), 1, D(2025, 1, 2)),     # over the new year
])
def test_n_working_days_after(calendar, start, count, expected):
    assert calendar.add_working_days(start, count) == expected


def test_a_rule_of_working_days_after_the_period(calendar):
    rule = ReportingRule(frequency=Frequency.MONTHLY, day=5, timing=Timing.WORKING_DAYS_AFTER)
    assert rule.deadline(Period(Frequency.MONTHLY, 2026, 1), calendar) == D(2026, 2, 6)
    assert rule.deadline(Period(Frequency.MONTHLY, 2026, 2), calendar) == D(2026, 3, 6)
    quarterly = ReportingRule(frequency=Frequency.QUARTERLY, day=10, timing=Timing.WORKING_DAYS_AFTER)
    # 1/1 and the swapped 2/1 are off; Saturday 10/01 is worked
    assert quarterly.deadline(Period(Frequency.QUARTERLY, 2025, 4), calendar) == D(2026, 1, 15)
    assert rule.describe() == "trong 5 ngày làm việc sau khi kết thúc kỳ"


def test_the_seed_plan_expects_a_monthly_report_of_each_responsible_body(units):
    from programmes import demo

    reference.load_reference()
    demo.load_agencies()
    plan = demo.load_seed003_plan()
    dues = expected_reports(issued_plans().filter(pk=plan.pk))
    reporters = {d.reporter_name for d in dues}
    assert reporters == {"Ban Chỉ đạo giảm nghèo thị trấn Cao Thượng", "Công chức Văn hóa - Xã hội thị trấn Cao Thượng",
                         "Các ngành đoàn thể thị trấn Cao Thượng", "Ủy ban MTTQ thị trấn Cao Thượng",
                         "Đài truyền thanh thị trấn Cao Thượng"}
    assert len(dues) == 5 * 12
    february = [d for d in dues if d.period.index == 2]
    assert {(d.period.label, d.deadline, d.recipient_unit.code) for d in february} == {
        ("Tháng 02/2024", D(2024, 2, 25), "07339")}


def test_a_district_plan_expects_its_agency_and_its_communes_and_follows_the_reform(
        district_plan, agencies, units, users, programme):
    from programmes import services
    from programmes.services.rows import RowChange
    from tests.programmes.conftest import version_of

    services.plan_rows_save(actor=users["tanyen"], plan=district_plan, part="reporting", version=version_of(district_plan),
                            rows=[RowChange(None, {"order": 1, "frequency": Frequency.QUARTERLY, "timing": Timing.BEFORE,
                                                   "day": 1, "month_offset": 2, "reporters": Reporters.BOTH})])
    services.plan_issue(actor=users["tanyen"], plan=district_plan, version=version_of(district_plan), number="12",
                        document_date=D(2024, 1, 20), signer_name="Nguyễn Văn Bình")
    dues = expected_reports(issued_plans().filter(pk=district_plan.pk))
    q1 = sorted((d.reporter_name, d.role, str(d.deadline), d.recipient_unit.code) for d in dues if d.period.index == 1)
    assert q1 == [("Thị trấn Cao Thượng", "", "2024-02-29", "216"), ("Trung tâm Y tế huyện Tân Yên", "lead", "2024-02-29",
                                                                       "216"), ("Xã Cao Xá", "", "2024-02-29", "216")]


def test_whom_a_report_goes_to_follows_the_tree_of_the_periods_last_day(units, users, agencies, programme):
    """A 2025 plan of tỉnh Bắc Giang: before 1 July a commune reports to its district; once the province
    has closed (30/06/2025) the agencies' reports go to its successor, tỉnh Bắc Ninh."""
    from programmes import services
    from programmes.models import Agency, Assignment, AssignmentRole, Project
    from programmes.services.rows import RowChange
    from tests.programmes.conftest import version_of

    admin = users["admin"]
    plan = services.plan_create(actor=admin, programme=programme, issuing_unit=units["24"], year_from=2025,
                                title="Giảm nghèo bền vững tỉnh Bắc Giang năm 2025")
    agency = Agency.objects.get(unit=units["216"], name="Trung tâm Y tế")
    Assignment.objects.create(plan=plan, project=Project.objects.get(programme=programme, code="DA3-TDA2"),
                              agency=agency, role=AssignmentRole.LEAD)
    services.plan_rows_save(actor=admin, plan=plan, part="reporting", version=version_of(plan),
                            rows=[RowChange(None, {"order": 1, "frequency": Frequency.MONTHLY, "timing": Timing.ON,
                                                   "day": 25, "month_offset": 0, "reporters": Reporters.BOTH})])
    services.plan_issue(actor=admin, plan=plan, version=version_of(plan), number="3", document_date=D(2025, 1, 10),
                        signer_name="Lê Ánh Dương")
    dues = expected_reports(issued_plans().filter(pk=plan.pk))
    recipients = {(d.reporter_name, d.period.index): d.recipient_unit for d in dues}
    assert recipients[("Thị trấn Cao Thượng", 3)].code == "216"  # the district, before the reform
    assert recipients[("Trung tâm Y tế huyện Tân Yên", 3)] == units["24"]
    assert recipients[("Trung tâm Y tế huyện Tân Yên", 8)] == units["24@2025"]  # tỉnh Bắc Ninh
    # the old communes closed on 30/06/2025 owe nothing after June
    assert sorted(i for name, i in recipients if name == "Thị trấn Cao Thượng") == [1, 2, 3, 4, 5, 6]
