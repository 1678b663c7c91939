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
