import io

from programmes import demo
from programmes.models import Agency, Plan, PlanStatus, Target
from programmes.target_matrix import TargetMatrix


def test_demo_loads_twice_and_enters_seed_003(units):
    demo.load(io.StringIO())
    counts = (Agency.objects.count(), Plan.objects.count(), Target.objects.count())
    demo.load(io.StringIO())
    assert (Agency.objects.count(), Plan.objects.count(), Target.objects.count()) == counts
    plan = Plan.objects.get(issuing_unit__code="07297", year_from=2024)
    assert plan.status == PlanStatus.ISSUED and plan.signer_name == "Vũ Ngọc Vân"
    assert plan.responsibilities.count() == 6 and plan.legal_bases.count() == 2
    matrix = TargetMatrix(plan)
    assert len(matrix.rows) == 26 and matrix.all_ok
    assert [c.indicator.code for c in matrix.checks] == ["so_ho_dan_cu", "nhan_khau", "ho_ngheo", "ho_can_ngheo"]
    district = Plan.objects.get(issuing_unit__code="216")
    assert district.assignments.filter(agency__members__username="ttyte").count() == 1
