"""How the core app's audit events read (registered in PovertyplanConfig.ready)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from povertyplan.audit_display import register_actions, register_fields, register_object, register_values
from povertyplan.models import Role
from povertyplan.services import AuthAction

register_actions(dict(AuthAction.choices))
register_actions({
    "unit.create": _("Thêm đơn vị hành chính"),
    "unit.change": _("Sửa đơn vị hành chính"),
    "unit.import": _("Nhập danh mục đơn vị hành chính"),
    "unit.mapping_import": _("Nhập bảng sắp xếp đơn vị hành chính"),
    "unit.carry": _("Chuyển thôn, tổ dân phố sang đơn vị kế thừa"),
    "officer.create": _("Tạo tài khoản cán bộ"),
    "officer.activate": _("Mở lại tài khoản cán bộ"),
    "officer.deactivate": _("Khóa tài khoản cán bộ"),
    "job.start": _("Yêu cầu việc chạy nền"),
    "job.cancel": _("Hủy việc chạy nền"),
})

register_object("povertyplan.administrativeunit", url=lambda pk: reverse("unit_detail", args=[pk]))
register_object("auth.user", label=_("tài khoản"))
register_object("povertyplan.officer")
register_object("povertyplan.unitsuccession", label=_("sắp xếp đơn vị hành chính"))
register_object("povertyplan.job", url=lambda pk: reverse("job_detail", args=[pk]))

register_fields("", {
    "file": _("tệp"), "created": _("số dòng thêm mới"), "updated": _("số dòng cập nhật"),
    "unchanged": _("số dòng không đổi"), "username": _("tên đăng nhập"), "ip": _("địa chỉ IP"),
    "full_name": _("họ và tên"), "role": _("vai trò"), "unit": _("đơn vị"), "is_active": _("đang hoạt động"),
    "households": _("số hộ"), "members": _("số nhân khẩu"), "reviews": _("số kết quả rà soát"),
    "years": _("các năm"), "seed": _("hạt giống ngẫu nhiên"),
    "households_created": _("số hộ thêm mới"), "households_updated": _("số hộ cập nhật"),
    "members_created": _("số nhân khẩu thêm mới"), "members_updated": _("số nhân khẩu cập nhật"),
    "reviews_created": _("số kết quả rà soát thêm mới"), "reviews_updated": _("số kết quả rà soát cập nhật"),
})
register_values("povertyplan.officer", {"role": lambda v: dict(Role.choices).get(v, v)})
register_fields("povertyplan.administrativeunit", {
    "from": _("từ đơn vị cũ"), "to": _("sang đơn vị kế thừa"), "villages": _("thôn, tổ dân phố chuyển sang"),
    "on": _("ngày có hiệu lực"),
})
register_fields("povertyplan.unitsuccession", {
    "created_units": _("số đơn vị cũ thêm mới"), "successions": _("số cặp đơn vị cũ và đơn vị kế thừa thêm mới"),
    "effective_on": _("ngày có hiệu lực"),
})

# Kinds of background job by their code; each app registers its own (register_job_kinds in its audit_labels).
JOB_KINDS = {
    # the reports app has no audit_labels module: its job kinds (reports/jobs.py) are named here
    "review_summary_xlsx": _("Bảng tổng hợp kết quả rà soát (Excel)"),
    "target_table_xlsx": _("Bảng chỉ tiêu (Excel)"),
    "plans_pdf_zip": _("Tất cả kế hoạch của năm (PDF)"),
    "progress_reports_pdf_zip": _("Tất cả báo cáo tiến độ của năm (PDF)"),
}


def register_job_kinds(mapping):
    JOB_KINDS.update(mapping)


def _job_kind(value):
    return JOB_KINDS.get(value) or _("việc chạy nền")


register_values("povertyplan.job", {"kind": _job_kind})
