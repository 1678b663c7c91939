"""How the programmes app's audit events read (registered in ProgrammesConfig.ready)."""
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from povertyplan.audit_display import EMPTY, register_actions, register_fields, register_object, register_values
from programmes.models import PlanStatus
from programmes.services.rows import ROW_SPECS

register_actions({
    "plan.create": _("Tạo kế hoạch"),
    "plan.update": _("Sửa kế hoạch"),
    "plan.issue": _("Ban hành kế hoạch"),
    "plan.copy": _("Sao chép kế hoạch"),
    "agency.create": _("Thêm cơ quan, đơn vị"),
    "agency.update": _("Sửa cơ quan, đơn vị"),
    "target.set": _("Giao chỉ tiêu"),
    "target.allocate": _("Phân bổ chỉ tiêu cho đơn vị trực thuộc"),
    "report.start": _("Bắt đầu soạn báo cáo"),
    "report.save": _("Lưu bản nháp báo cáo"),
    "report.attach": _("Đính kèm tệp"),
    "report.detach": _("Gỡ tệp đính kèm"),
    "report.submit": _("Gửi báo cáo"),
    "report.return": _("Trả lại báo cáo"),
    "report.approve": _("Duyệt báo cáo"),
    "report.reopen": _("Mở lại báo cáo"),
    "report.remind": _("Gửi thư nhắc báo cáo"),
    "programme.structure_import": _("Nhập cơ cấu dự án, chỉ tiêu của chương trình"),
})
# One action per editable part of a plan (plan.recipients.save …), named after the part.
for spec in ROW_SPECS.values():
    register_actions({f"plan.{spec.related_name}.save": format_lazy(_("Sửa {part} của kế hoạch"), part=spec.label)})
    register_fields("programmes.plan", {spec.related_name: spec.label})

register_object("programmes.plan", url=lambda pk: reverse("programmes:plan_detail", args=[pk]))
register_object("programmes.progressreport", url=lambda pk: reverse("programmes:report_detail", args=[pk]))
register_object("programmes.agency", url=lambda pk: reverse("programmes:agency_edit", args=[pk]))

register_fields("programmes.plan", {
    "status": _("tình trạng"), "number": _("số, ký hiệu"), "document_date": _("ngày ban hành"),
    "copied_from": _("sao chép từ kế hoạch"), "indicator": _("chỉ tiêu"), "indicator_name": _("tên chỉ tiêu"),
    "parent": _("đơn vị cấp trên"), "changes": _("đơn vị được giao"), "value_baseline": _("chỉ tiêu, số đầu kỳ"),
    "unit": _("đơn vị"), "unit_name": _("đơn vị"),
})
register_fields("programmes.agency", {"members": _("cán bộ của cơ quan"), "unit": _("đơn vị")})
register_fields("programmes.progressreport", {
    "deadline": _("hạn gửi"), "values": _("số chỉ tiêu"), "from_registry": _("số chỉ tiêu điền sẵn"),
    "from_support": _("số dự án lấy số liệu từ kết quả hỗ trợ"),
    "funding": _("dự án có kinh phí"), "attachment": _("tệp đính kèm"), "content_type": _("loại tệp"),
    "size": _("dung lượng (byte)"), "number": _("lần gửi"),
})
register_object("programmes.programme", url=lambda pk: reverse("programmes:programme_list"))
register_fields("programmes.programme", {
    "confirmed": _("cơ cấu đã đối chiếu với văn bản chính thức"), "projects": _("số dự án, tiểu dự án"),
    "indicators": _("số chỉ tiêu"), "removed": _("số mục đã xóa"),
})
register_object("programmes.remindersent")
register_fields("programmes.remindersent", {
    "kind": _("loại thư"), "period": _("kỳ báo cáo"), "reporter": _("nơi báo cáo"), "recipients": _("người nhận"),
    "deadline": _("hạn gửi"),
})


def _pair(value):
    if not value:
        return EMPTY
    value, baseline = (list(value) + [None, None])[:2]
    return gettext("%(value)s (đầu kỳ %(baseline)s)") % {"value": value if value is not None else EMPTY,
                                                          "baseline": baseline if baseline is not None else EMPTY}


def _units(value):
    if isinstance(value, dict):
        return "; ".join(f"{v.get('unit_name', k)}: {_pair(v.get('before'))} → {_pair(v.get('after'))}"
                         for k, v in value.items()) or EMPTY
    return str(value)


register_values("programmes.plan", {
    "status": lambda v: dict(PlanStatus.choices).get(v, v), "value_baseline": _pair, "changes": _units,
})
