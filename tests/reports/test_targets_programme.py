"""The target page of a plan offers the indicators of the plan's programme only (issue 10 item 4)."""
from django.urls import reverse

from programmes import reference, services
from programmes.models import Indicator, IndicatorSource, Programme


def _own(programme, code, name):
    return Indicator.objects.create(code=code, name=name, short_name=name, unit_of_measure="hộ",
                                    source=IndicatorSource.REPORTED, programme=programme)


def test_a_2026_plans_target_page_does_not_list_qd_90_indicators(units, users, client_for):
    reference.load_programmes()
    qd90, mtqg = Programme.objects.get(code="gnbv-2021-2025"), Programme.objects.get(code="mtqg-2026-2035")
    old = _own(qd90, "qd90_rieng", "Chỉ tiêu riêng của QĐ 90")
    new = _own(mtqg, "mtqg_rieng", "Chỉ tiêu riêng của chương trình 2026")
    plan = services.plan_create(actor=users["admin"], programme=mtqg, issuing_unit=units["07339@2025"],
                                year_from=2026, title="Kế hoạch giảm nghèo năm 2026")
    client = client_for(users["admin"])
    page = client.get(reverse("reports:plan_targets", args=[plan.pk])).content.decode()
    assert "Chỉ tiêu riêng của chương trình 2026" in page
    assert "Số hộ nghèo" in page  # the common catalogue stays
    assert "Chỉ tiêu riêng của QĐ 90" not in page
    assert client.get(reverse("reports:plan_allocate", args=[plan.pk, old.pk])).status_code == 404
    allocate = client.get(reverse("reports:plan_allocate", args=[plan.pk, new.pk]))
    assert allocate.status_code == 200 and "Chỉ tiêu riêng của chương trình 2026" in allocate.content.decode()


def test_a_target_of_another_programmes_indicator_is_refused_with_a_message(units, users, client_for):
    reference.load_programmes()
    qd90, mtqg = Programme.objects.get(code="gnbv-2021-2025"), Programme.objects.get(code="mtqg-2026-2035")
    old = _own(qd90, "qd90_rieng", "Chỉ tiêu riêng của QĐ 90")
    plan = services.plan_create(actor=users["admin"], programme=mtqg, issuing_unit=units["07339@2025"],
                                year_from=2026, title="Kế hoạch giảm nghèo năm 2026")
    response = client_for(users["admin"]).post(reverse("reports:plan_targets", args=[plan.pk]), {
        "indicator": old.pk, "value": "5", "baseline": "", "note": "", "version": plan.version})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not plan.targets.exists()
