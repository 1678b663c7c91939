"""How the households app's audit events read (registered in HouseholdsConfig.ready)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from households.models import Member
from households.models.reviews import PovertyCause
from households.status import HouseholdStatus
from povertyplan.audit_display import (
    choice_list,
    field_label,
    ids_as_ints,
    register_actions,
    register_fields,
    register_object,
    register_values,
    value_text,
)

register_actions({
    "household.create": _("Thêm hộ"),
    "household.update": _("Sửa thông tin hộ"),
    "household.import": _("Nhập danh sách hộ từ tệp Excel"),
    "household.export": _("Xuất danh sách hộ ra Excel"),
    "household.generate": _("Tạo dữ liệu hộ mẫu"),
    "member.create": _("Thêm thành viên"),
    "member.update": _("Sửa thông tin thành viên"),
    "member.remove": _("Ghi nhận thành viên rời hộ"),
    "review.create": _("Nhập kết quả rà soát"),
    "review.update": _("Sửa kết quả rà soát"),
    "review.import": _("Nhập kết quả rà soát từ tệp Excel"),
    "review.submit": _("Gửi kết quả rà soát để công nhận"),
    "review.recognise": _("Công nhận kết quả rà soát"),
    "review.return": _("Trả lại kết quả rà soát"),
    "review.reopen": _("Mở lại kết quả rà soát"),
    "review.lock": _("Khóa kết quả rà soát (kết thúc đợt)"),
    "round.create": _("Mở đợt rà soát"),
    "round.lock": _("Khóa đợt rà soát"),
    "standard.create": _("Thêm chuẩn nghèo"),
    "standard.change": _("Sửa chuẩn nghèo"),
})


def _household_urls(model):
    def urls(ids):
        pairs = model.objects.filter(pk__in=ids_as_ints(ids)).values_list("pk", "household_id")
        return {str(pk): reverse("households:household_detail", args=[household]) for pk, household in pairs}
    return urls


register_object("households.household", url=lambda pk: reverse("households:household_detail", args=[pk]))
register_object("households.member", urls=_household_urls(Member))
register_object("households.review", url=lambda pk: reverse("households:review_detail", args=[pk]))
register_object("households.povertystandard")
register_object("households.reviewround", url=lambda pk: reverse("households:round_progress", args=[pk]))

register_fields("households.household", {
    "households": _("số hộ"), "id_numbers_masked": _("che số CCCD"), "rows": _("số dòng"),
    "created": _("số hộ thêm mới"), "updated": _("số hộ cập nhật"),
})
register_fields("households.review", {"deprivations": _("chỉ số thiếu hụt"), "causes": _("nguyên nhân nghèo")})
register_fields("households.member", {"is_active": _("đang ở trong hộ")})

_FILTER_LABELS = {"q": _("tìm kiếm"), "unit": _("đơn vị"), "status": _("tình trạng"), "year": _("năm rà soát"),
                  "flag": _("đối tượng"), "indicator": _("thiếu hụt chỉ số")}


def _filters(value):
    """The filters of a household export, as the list's own labels and choices."""
    if not isinstance(value, dict):
        return value_text("", "filters", value)
    statuses = dict(HouseholdStatus.choices)
    parts = []
    for key, raw in value.items():
        if key == "status":
            text = statuses.get(raw, raw)
        elif key == "flag":
            text = field_label("households.household", raw)
        else:
            text = value_text("households.household", key, raw)
        parts.append(f"{_FILTER_LABELS.get(key, key).capitalize()}: {text}")
    return "; ".join(parts) or str(_("không lọc"))


register_values("households.household", {"filters": _filters})
register_values("households.review", {"causes": choice_list(PovertyCause.choices)})
