"""Shared set-up of the completeness, roll-up and home-panel tests: an issued district plan of huyện Tân Yên
(2024) with a monthly rule "vào ngày 25", and ProgressReport rows made with the ORM as the report workflow
would leave them (state, submitted_at, first_submitted_at, deadline, recipient_unit)."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from programmes import services
from programmes.models import (
    Assignment,
    AssignmentRole,
    Frequency,
    ProgressReport,
    Project,
    Reporters,
    ReportFunding,
    ReportState,
    ReportValue,
    Timing,
)
from programmes.models.progress import reporter_key
from programmes.services.rows import RowChange
from tests.programmes.conftest import version_of

D = datetime.date
SUPPORT = "Phòng Giáo dục và Đào tạo"


def at(year, month, day, hour=9):
    """A moment in Vietnam's time zone (what on_time compares to the deadline)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def issue(plan, user, *, reporters=Reporters.BOTH, frequency=Frequency.MONTHLY, year_to=None):
    services.plan_rows_save(actor=user, plan=plan, part="reporting", version=version_of(plan), rows=[
        RowChange(None, {"order": 1, "frequency": frequency, "timing": Timing.ON, "day": 25, "month_offset": 0,
                         "reporters": reporters})])
    if year_to is not None:
        type(plan).objects.filter(pk=plan.pk).update(year_to=year_to)
    services.plan_issue(actor=user, plan=plan, version=version_of(plan), number="12", document_date=D(2024, 1, 5),
                        signer_name="Nguyễn Văn Bình")
    plan.refresh_from_db()
    return plan


@pytest.fixture
def issued_plan(district_plan, agencies, users, programme):
    """Reporters under its monthly rule: Trung tâm Y tế (lead), Phòng GD&ĐT (support), thị trấn Cao Thượng
    and xã Cao Xá; all report to huyện Tân Yên; the deadline of month m is 25/m."""
    Assignment.objects.create(plan=district_plan, project=Project.objects.get(programme=programme, code="DA3-TDA2"),
                              agency=agencies[("216", SUPPORT)], role=AssignmentRole.SUPPORT)
    return issue(district_plan, users["tanyen"])


def make_report(plan, month, *, agency=None, unit=None, state=ReportState.DRAFT, first_sent=None, sent=None,
                year=2024, values=(), funding=(), recipient=None):
    rule = plan.reporting_rules.get()
    period_index = month
    report = ProgressReport.objects.create(
        plan=plan, rule=rule, period_year=year, period_index=period_index, agency=agency, unit=unit,
        reporter=reporter_key(agency=agency, unit=unit), recipient_unit=recipient or plan.issuing_unit,
        deadline=D(year, month, 25) if rule.frequency == Frequency.MONTHLY else D(year, 12, 25), state=state,
        submitted_at=sent or first_sent, first_submitted_at=first_sent)
    for indicator, value in values:
        ReportValue.objects.create(report=report, indicator=indicator, value=Decimal(value))
    for project, allocated, disbursed in funding:
        ReportFunding.objects.create(report=report, project=project, allocated=allocated, disbursed=disbursed)
    return report


@pytest.fixture
def seed_plan_for_404(units):
    from programmes import demo, reference

    reference.load_reference()
    demo.load_agencies()
    return demo.load_seed003_plan()
