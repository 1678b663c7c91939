"""Coverage feeds plan targets and report values (issue 14, item 4): a policy names the plan indicator it
measures (the shipped BHYT policy → ty_le_bhyt); a commune report whose indicators include it is pre-filled
with the coverage of its commune at the end of its period, marked, sourced and editable; the plan's targets
page shows the current coverage beside the target."""
import datetime
from decimal import Decimal

import pytest

from households.models import Member
from programmes import services as programme_services
from programmes.models import Indicator, ReportValue, Target
from support.models import Policy
from support.services import support_record_create
from tests.programmes.conftest import (  # noqa: F401  (fixtures: the programmes' agencies replace support's here)
    agencies,
    district_plan,
    issued_plan,
    make_plan,
    programme,
    tty,
    ttyte,
    version_of,
)
from tests.programmes.reporting_setup import start

pytestmark = pytest.mark.django_db


def give(user, name, day):
    member = Member.objects.select_related("household__village").get(full_name=name)
    return support_record_create(actor=user, policy=Policy.objects.get(code="bhyt"), household=member.household,
                                 member=member, given_on=day, document="DS thẻ BHYT 3/2024")


@pytest.fixture
def bhyt_target(issued_plan, units):  # noqa: F811 (fixtures imported above)
    """The district plan targets 100% BHYT (set on the issued plan directly: the page reads what is stored)."""
    return Target.objects.create(plan=issued_plan, unit=units["216"], indicator=Indicator.objects.get(code="ty_le_bhyt"),
                                 value=Decimal(100))


def test_the_shipped_bhyt_policy_measures_the_bhyt_indicator(db):
    assert Policy.objects.get(code="bhyt").indicator.code == "ty_le_bhyt"


def test_commune_report_is_prefilled_with_the_coverage_of_its_period(issued_plan, bhyt_target, registry, units,  # noqa: F811
                                                                      users, ttyte, on_26_11_2026):  # noqa: F811
    # 31/03/2024 (2023 results recognised): 8 people in H1, H2, H4, H5; Chủ hộ H1 has a card in March, Con H2
    # gets one in April: March says 1/8, April 2/8
    give(ttyte, "Chủ hộ H1", datetime.date(2024, 3, 10))
    give(ttyte, "Con H2", datetime.date(2024, 4, 2))
    march = start(issued_plan, users["caothuong"], month=3, unit=units["07339"]).values.get(indicator__code="ty_le_bhyt")
    assert (march.value, march.from_registry) == (Decimal("12.50"), True)
    assert march.source == ("Kết quả hỗ trợ ngày 31/03/2024 – Hỗ trợ thẻ bảo hiểm y tế cho người thuộc hộ nghèo, "
                            "hộ cận nghèo: 1/8 đối tượng đủ điều kiện đã được hỗ trợ")
    april = start(issued_plan, users["caothuong"], month=4, unit=units["07339"]).values.get(indicator__code="ty_le_bhyt")
    assert (april.value, april.source[:32]) == (Decimal("25.00"), "Kết quả hỗ trợ ngày 30/04/2024 –")


def test_another_commune_gets_no_coverage_figure(issued_plan, bhyt_target, registry, units, users, ttyte,  # noqa: F811
                                                 on_26_11_2026):
    give(ttyte, "Chủ hộ H1", datetime.date(2024, 3, 10))
    value = start(issued_plan, users["caoxa"], month=3, unit=units["07336"]).values.get(indicator__code="ty_le_bhyt")
    assert (value.value, value.from_registry) == (None, False)
    assert value.source == "Sổ hộ chưa có số liệu này cho kỳ báo cáo: ghi tay."


def test_the_prefilled_coverage_is_editable_and_says_what_it_replaced(issued_plan, bhyt_target, registry, units,  # noqa: F811
                                                                      users, ttyte, on_26_11_2026):  # noqa: F811
    give(ttyte, "Chủ hộ H1", datetime.date(2024, 3, 10))
    caothuong = users["caothuong"]
    report = start(issued_plan, caothuong, month=3, unit=units["07339"])
    row = report.values.get(indicator__code="ty_le_bhyt")
    programme_services.report_save(actor=caothuong, report=report, version=version_of(report),
                                   values={row.indicator_id: Decimal("20")})
    row = ReportValue.objects.get(pk=row.pk)
    assert (row.value, row.from_registry) == (Decimal("20.00"), False)
    assert row.source.startswith("Sửa tay; sổ hộ ghi 12,5") and "1/8 đối tượng" in row.source


def test_unlinked_policy_feeds_nothing(issued_plan, bhyt_target, registry, units, users, ttyte,  # noqa: F811
                                       on_26_11_2026):
    Policy.objects.filter(code="bhyt").update(indicator=None)
    give(ttyte, "Chủ hộ H1", datetime.date(2024, 3, 10))
    value = start(issued_plan, users["caothuong"], month=3, unit=units["07339"]).values.get(indicator__code="ty_le_bhyt")
    assert value.value is None


def test_targets_page_shows_the_current_coverage_beside_the_target(issued_plan, bhyt_target, registry, units,  # noqa: F811
                                                                   users, ttyte, client_for, on_26_11_2026,  # noqa: F811
                                                                   django_assert_num_queries):
    # today (26/11/2026, the 2024 results recognised): 8 people of H1, H2, H5, H6; three cards of 2026
    for name in ("Chủ hộ H1", "Con H1", "Chủ hộ H5"):
        give(ttyte, name, datetime.date(2026, 3, 10))
    client = client_for(users["tanyen"])
    url = f"/reports/plans/{issued_plan.pk}/targets/"
    client.get(url)
    # session, user, officer, plan, child units, targets (nothing allocated, a reader: no sums, no choices), the
    # policies measuring a targeted indicator, their kept coverage rows, the fresh count: whatever the households
    with django_assert_num_queries(9):
        page = client.get(url).content.decode()
    assert "hiện đạt: 37,50% (3/8), theo kết quả hỗ trợ" in page
    Policy.objects.filter(code="bhyt").update(indicator=None)
    page = client.get(f"/reports/plans/{issued_plan.pk}/targets/").content.decode()
    assert "hiện đạt" not in page
