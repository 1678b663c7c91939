"""Closed units take no new plan or report after their end date (issue 10 item 2), through the service and the page;
the rounds, households and results: tests/households/test_closed_units.py."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes.models import Plan, ProgressReport
from tests.households.test_closed_units import CLOSED


def _page_messages(response):
    return [str(m) for m in response.context["messages"]]


def test_a_closed_unit_refuses_a_new_plan_through_the_service_and_the_page(units, users, client_for):
    from programmes import reference
    from programmes.models import Programme
    from programmes.services import plan_create

    reference.load_programmes()
    programme = Programme.objects.get(code="mtqg-2026-2035")
    with pytest.raises(ValidationError) as refused:
        plan_create(actor=users["caothuong"], programme=programme, issuing_unit=units["07339"], year_from=2026,
                    title="Kế hoạch giảm nghèo năm 2026")
    assert refused.value.message_dict["issuing_unit"] == [CLOSED.format(what="kế hoạch")]
    response = client_for(users["caothuong"]).post(reverse("programmes:plan_create"), {
        "programme": programme.pk, "issuing_unit": units["07339"].pk, "year_from": 2026,
        "title": "Kế hoạch giảm nghèo năm 2026"})
    assert response.status_code == 200
    assert CLOSED.format(what="kế hoạch") in response.content.decode()
    assert not Plan.objects.exists()


def test_a_closed_commune_refuses_a_report_of_a_later_period_through_the_service_and_the_page(
        issued_plan, units, users, client_for):
    from programmes.services import report_start

    rule = issued_plan.reporting_rules.get()
    with pytest.raises(ValidationError) as refused:
        report_start(actor=users["caothuong"], plan=issued_plan, rule=rule, period_year=2025, period_index=8,
                     unit=units["07339"])
    assert refused.value.messages == [CLOSED.format(what="báo cáo")]
    response = client_for(users["caothuong"]).post(reverse("programmes:report_start"), {
        "plan": issued_plan.pk, "rule": rule.pk, "year": 2025, "index": 8, "reporter": f"u:{units['07339'].pk}"},
        follow=True)
    assert _page_messages(response) == [CLOSED.format(what="báo cáo")]
    assert not ProgressReport.objects.exists()
    # a period of the plan, while the town was open, is still started
    report = report_start(actor=users["caothuong"], plan=issued_plan, rule=rule, period_year=2024, period_index=8,
                          unit=units["07339"])
    assert report.unit == units["07339"]


def test_a_commune_opened_mid_year_reports_that_year(make_plan, units, users):
    """xã Tân Yên (from 01/07/2025) existed in 2025: it sends the yearly 2025 report of a plan of tỉnh Bắc Ninh
    for the part of the year it existed (it was refused as "not yet in force on 01/01/2025")."""
    import datetime

    from programmes import services
    from programmes.models import Reporters, Timing
    from programmes.services import report_start
    from programmes.services.rows import RowChange
    from tests.programmes.conftest import version_of

    bacninh = users["bacninh"]
    plan = make_plan("24@2025", year=2025, actor=bacninh, title="Giảm nghèo năm 2025 (từ 01/07/2025)")
    services.plan_rows_save(actor=bacninh, plan=plan, part="reporting", version=version_of(plan),
                            rows=[RowChange(None, {"order": 1, "frequency": "annual", "timing": Timing.BEFORE,
                                                   "day": 15, "month_offset": 1, "reporters": Reporters.COMMUNES})])
    plan = services.plan_issue(actor=bacninh, plan=plan, version=version_of(plan), number="7",
                               document_date=datetime.date(2025, 7, 10), signer_name="Lê Văn Cường")
    rule = plan.reporting_rules.get()
    report = report_start(actor=users["xatanyen"], plan=plan, rule=rule, period_year=2025, period_index=1,
                          unit=units["07339@2025"])
    assert (report.unit, report.period_year, report.recipient_unit) == (units["07339@2025"], 2025, units["24@2025"])
