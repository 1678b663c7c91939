"""How the households app's audit events read (registered in HouseholdsConfig.ready)."""
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from households.jobs import EXPORT, IMPORT
from households.models import Certificate, Complaint, Member, Posting
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
from povertyplan.audit_labels import register_job_kinds

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
    "household.carry": _("Chuyển hộ sang đơn vị kế thừa (sắp xếp đơn vị hành chính)"),
    # the review procedure (QĐ 24/2021)
    "request.create": _("Ghi giấy đề nghị của hộ"),
    "request.refuse": _("Từ chối đề nghị của hộ"),
    "meeting.create": _("Ghi cuộc họp dân"),
    "posting.set": _("Ghi thời gian niêm yết công khai"),
    "complaint.create": _("Ghi khiếu nại, kiến nghị"),
    "complaint.resolve": _("Ghi kết quả giải quyết khiếu nại"),
    "certificate.issue": _("Cấp giấy chứng nhận hộ nghèo, hộ cận nghèo"),
    "round.follow_procedure": _("Chuyển đợt rà soát sang quy trình QĐ 24 (họp dân, niêm yết)"),
    "round.list_build": _("Lập danh sách hộ cần rà soát"),
    "round.list_add": _("Bổ sung hộ vào danh sách cần rà soát"),
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


def _round_urls(model):
    """A posting or a complaint is shown on its round's page."""
    def urls(ids):
        pairs = model.objects.filter(pk__in=ids_as_ints(ids)).values_list("pk", "round_id")
        return {str(pk): reverse("households:round_progress", args=[round_id]) for pk, round_id in pairs}
    return urls


def _certificate_urls(ids):
    pairs = Certificate.objects.filter(pk__in=ids_as_ints(ids)).values_list("pk", "review_id")
    return {str(pk): reverse("households:review_detail", args=[review]) for pk, review in pairs}


register_object("households.reviewrequest", url=lambda pk: reverse("households:request_detail", args=[pk]))
register_object("households.villagemeeting", url=lambda pk: reverse("households:meeting_detail", args=[pk]))
register_object("households.posting", urls=_round_urls(Posting))
register_object("households.complaint", urls=_round_urls(Complaint))
register_object("households.certificate", label=_("giấy chứng nhận"), urls=_certificate_urls)

register_fields("households.household", {
    "households": _("số hộ"), "id_numbers_masked": _("che số CCCD"), "rows": _("số dòng"),
    "created": _("số hộ thêm mới"), "updated": _("số hộ cập nhật"),
})
register_fields("households.review", {"deprivations": _("chỉ số thiếu hụt"), "causes": _("nguyên nhân nghèo")})
register_fields("households.member", {"is_active": _("đang ở trong hộ")})
register_fields("households.reviewround", {
    "added": _("số hộ thêm vào danh sách"), "total": _("số hộ trong danh sách"), "household": _("hộ"),
})
register_fields("households.villagemeeting", {"present": _("số người dự"), "votes": _("số người đồng ý")})

_FILTER_LABELS = {"q": _("tìm kiếm"), "unit": _("đơn vị"), "status": _("tình trạng"), "year": _("năm rà soát"),
                  "flag": _("đối tượng"), "indicator": _("thiếu hụt chỉ số")}


def _filters(value):
    """The filters of a household export, as the list's own labels and choices."""
    if not isinstance(value, dict):
        return value_text("", "filters", value)
    statuses = dict(HouseholdStatus.choices)
    parts = []
    order = list(_FILTER_LABELS)  # the list's order, not the stored one (jsonb sorts keys)
    for key, raw in sorted(value.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0])):
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


def _votes(value):
    """A meeting's votes, {household code: number who agreed}."""
    if not isinstance(value, dict):
        return value_text("", "votes", value)
    return "; ".join(gettext("Hộ %(code)s: %(count)s người") % {"code": code, "count": count}
                     for code, count in value.items())


register_values("households.villagemeeting", {"votes": _votes})
register_job_kinds({EXPORT: _("Xuất danh sách hộ ra Excel"), IMPORT: _("Nhập sổ hộ từ tệp Excel")})
