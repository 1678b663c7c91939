"""Demo: the 2026 plan of xã Tân Yên (07339 since 1 July 2025) under the 2026–2035 programme, with
targets against the 2025 baseline.

The baselines are entered in the plan (as a commune copies them from its 2025 report); the target table
falls back to them for units whose registry is incomplete. Demo figures: the 2024 targets of thị trấn
Cao Thượng (seed 003) plus the demo's xã Cao Xá, not official statistics; the households demo makes xã Tân
Yên's 2025 periodic results equal to them (households.demo_history).
Idempotent: a plan with this title and year is left as it is.
"""
from decimal import Decimal

from povertyplan.models import AdministrativeUnit
from programmes import services
from programmes.demo import _rows, _version, demo_actor
from programmes.models import Indicator, Plan, Programme

PROGRAMME = "mtqg-2026-2035"
TITLE = ("Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế "
         "- xã hội vùng đồng bào dân tộc thiểu số và miền núi (nội dung giảm nghèo bền vững) trên địa bàn xã Tân Yên "
         "năm 2026")
# indicator code → (target for the end of 2026, baseline at the end of 2025)
TARGETS = {
    "so_ho_dan_cu": (4300, 4284),
    "ho_ngheo": (45, 66),
    "ty_le_ho_ngheo": (Decimal("1.05"), Decimal("1.54")),
    "giam_ty_le_ho_ngheo": (Decimal("0.49"), None),
    "giam_ho_ngheo": (21, None),
    "ho_can_ngheo": (110, 126),
    "ty_le_ho_can_ngheo": (Decimal("2.56"), Decimal("2.94")),
}
LEGAL_BASES = [
    "Căn cứ Quyết định số 417/QĐ-BNNMT ngày 31/01/2026 của Bộ Nông nghiệp và Môi trường phê duyệt giai đoạn I "
    "(2026 - 2030) Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế "
    "- xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026 - 2035;",
    "Căn cứ kết quả rà soát hộ nghèo, hộ cận nghèo năm 2025 trên địa bàn xã;",
]


def load_tan_yen_2026_plan():
    """The draft 2026 plan of xã Tân Yên with its targets and 2025 baselines."""
    unit = AdministrativeUnit.objects.get(code="07339", valid_to__isnull=True)
    existing = Plan.objects.filter(issuing_unit=unit, year_from=2026, title=TITLE).first()
    if existing is not None:
        return existing
    actor = demo_actor()
    plan = services.plan_create(
        actor=actor, programme=Programme.objects.get(code=PROGRAMME), issuing_unit=unit, year_from=2026, title=TITLE,
        general_objective="Giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều, hạn chế tái nghèo và phát sinh nghèo; "
                          "góp phần thực hiện mục tiêu giảm tỷ lệ nghèo đa chiều 1 - 1,5 điểm phần trăm mỗi năm "
                          "của Chương trình.",
        objectives_heading="MỤC TIÊU", signer_position="CHỦ TỊCH")
    _rows(actor, plan, "legal-bases", [{"order": i, "text": t} for i, t in enumerate(LEGAL_BASES, start=1)])
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=TARGETS)}
    for code, (value, baseline) in TARGETS.items():
        services.target_set(actor=actor, plan=plan, version=_version(plan), unit=unit, indicator=indicators[code],
                            value=Decimal(value), baseline=None if baseline is None else Decimal(baseline))
    return plan
