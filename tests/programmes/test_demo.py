import io

from programmes import demo
from programmes.models import Agency, Plan, PlanStatus, Target
from reports.tables.target_matrix import TargetMatrix


def test_demo_loads_twice_and_enters_seed_003(units):
    demo.load(io.StringIO())
    counts = (Agency.objects.count(), Plan.objects.count(), Target.objects.count())
    demo.load(io.StringIO())
    assert (Agency.objects.count(), Plan.objects.count(), Target.objects.count()) == counts
    plan = Plan.objects.get(issuing_unit__code="07339", year_from=2024)
    assert plan.status == PlanStatus.ISSUED and plan.signer_name == "Vũ Ngọc Vân"
    assert plan.responsibilities.count() == 6 and plan.legal_bases.count() == 2
    matrix = TargetMatrix(plan)
    assert len(matrix.rows) == 26 and matrix.all_ok
    assert [c.indicator.code for c in matrix.checks] == ["so_ho_dan_cu", "nhan_khau", "ho_ngheo", "ho_can_ngheo"]
    district = Plan.objects.get(issuing_unit__code="216")
    assert district.assignments.filter(agency__members__username="ttyte").count() == 1


def test_demo_holds_a_year_of_reports_with_late_missing_and_returned_ones(units):
    from collections import Counter

    from programmes.models import ProgressReport

    demo.load(io.StringIO())
    reports = list(ProgressReport.objects.select_related("agency"))
    assert len(reports) == 5 * 12 - 1
    assert Counter(r.state for r in reports) == {"approved": 57, "returned": 1, "submitted": 1}
    assert sorted((r.agency.name, r.period_index) for r in reports if not r.on_time) == [
        ("Các ngành đoàn thể", 5), ("Ủy ban MTTQ thị trấn", 3), ("Ủy ban MTTQ thị trấn", 7)]
    sent = {(r.agency.name, r.period_index) for r in reports}
    assert ("Đài truyền thanh thị trấn", 11) not in sent and ("Đài truyền thanh thị trấn", 10) in sent
    assert Plan.objects.get(issuing_unit__code="216").status == PlanStatus.ISSUED


def test_demo_holds_the_2026_plan_of_xa_tan_yen_under_the_2026_2035_programme(units):
    from decimal import Decimal

    from reports.tables import target_table

    demo.load(io.StringIO())
    plan = Plan.objects.select_related("programme", "issuing_unit").get(issuing_unit=units["07339@2025"],
                                                                        year_from=2026)
    assert plan.programme.code == "mtqg-2026-2035" and plan.status == PlanStatus.DRAFT
    assert "417/QĐ-BNNMT" in plan.legal_bases.first().text
    own = {t.indicator.code: (t.value, t.baseline) for t in plan.targets.select_related("indicator")}
    assert own["ho_ngheo"] == (Decimal("45"), Decimal("66"))
    assert own["ty_le_ho_ngheo"] == (Decimal("1.05"), Decimal("1.54"))
    # 66 / 4,284 households = 1.54%: the 2025 baseline and its rate agree, and so do the 2026 target and its rate
    assert round(Decimal(66) / 4284 * 100, 2) == own["ty_le_ho_ngheo"][1]
    assert round(Decimal(45) / 4300 * 100, 2) == own["ty_le_ho_ngheo"][0]
    table = target_table.build(plan, units["24@2025"])  # the province's table has a row for xã Tân Yên
    row = next(r for r in table.rows if r.unit == units["07339@2025"])
    assert row.source == target_table.Source.ENTERED  # no 2025 registry for xã Tân Yên: the plan's baselines
    assert (row.values["households_before"], row.values["poor_before"], row.values["poor"]) == (4284, 66, 45)
