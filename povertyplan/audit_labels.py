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
    "officer.create": _("Tạo tài khoản cán bộ"),
    "officer.activate": _("Mở lại tài khoản cán bộ"),
    "officer.deactivate": _("Khóa tài khoản cán bộ"),
})

register_object("povertyplan.administrativeunit", url=lambda pk: reverse("unit_detail", args=[pk]))
register_object("auth.user", label=_("tài khoản"))
register_object("povertyplan.officer")

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
