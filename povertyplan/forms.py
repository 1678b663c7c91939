from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.password_validation import validate_password
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from povertyplan import access
from povertyplan.audit_display import object_type_choices
from povertyplan.lib import tabular
from povertyplan.lib.names import person_name
from povertyplan.models import AdministrativeUnit, Role, Tier
from povertyplan.ordering import tree_ordered


def unit_label(unit):
    return f"{unit.full_name} ({unit.code})"


def scope_unit_choices(user):
    """Units an officer can be given as scope: communes and above inside the user's scope."""
    village_free = [u.pk for u in access.visible_units(user).only("id", "kind", "parent_id") if u.tier != Tier.VILLAGE]
    return AdministrativeUnit.objects.filter(pk__in=village_free).order_by("path")


class OfficerCreateForm(forms.Form):
    username = forms.RegexField(label=_("Tên đăng nhập"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": _("Chỉ dùng chữ không dấu, số và . @ + - _")})
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Vai trò"))
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=AdministrativeUnit.objects.none(), required=False,
                                  empty_label=_("— Toàn quốc —"))
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = user
        roles = [(r.value, r.label) for r in Role]
        if access.role_of(user) != Role.ADMINISTRATOR:
            roles = [r for r in roles if r[0] != Role.ADMINISTRATOR]
        self.fields["role"].choices = roles
        self.fields["unit"].queryset = scope_unit_choices(user)
        tree_ordered(self.fields["unit"])
        self.fields["unit"].label_from_instance = unit_label
        if not access.is_national(user):
            self.fields["unit"].empty_label = _("— Chọn đơn vị —")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("role") and data["role"] != Role.ADMINISTRATOR and not data.get("unit"):
            self.add_error("unit", _("Cần chọn đơn vị cho vai trò này."))
        if data.get("password"):
            try:
                validate_password(data["password"])
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class OfficerDeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class AuditFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=AdministrativeUnit.objects.none(), required=False)
    actor = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=get_user_model().objects.none(), required=False)
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    object_id = forms.CharField(label=_("Mã đối tượng"), required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))

    def __init__(self, *args, user, **kwargs):
        from povertyplan.selectors import users_in_scope

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope_unit_choices(user)
        tree_ordered(self.fields["unit"])
        self.fields["unit"].label_from_instance = unit_label
        self.fields["unit"].empty_label = self.fields["actor"].empty_label = _("— Tất cả —")
        self.fields["actor"].queryset = users_in_scope(user)
        self.fields["actor"].label_from_instance = lambda u: f"{person_name(u)} ({u.username})"
        self.fields["object_type"].choices = [("", _("— Tất cả —")), *object_type_choices()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("“Đến ngày” phải sau “Từ ngày”."))
        return data


class UnitImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh mục (.xlsx hoặc .csv)"), help_text=format_lazy(
        _("Tối đa {megabytes} MB và {rows} dòng."),
        megabytes=tabular.MAX_UPLOAD_BYTES // (1024 * 1024), rows=tabular.vn_number(tabular.MAX_ROWS)))
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày (cho đơn vị mới)"), required=False)


class UnitMappingImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp bảng sắp xếp đơn vị (.xlsx hoặc .csv)"), help_text=format_lazy(
        _("Tối đa {megabytes} MB và {rows} dòng."),
        megabytes=tabular.MAX_UPLOAD_BYTES // (1024 * 1024), rows=tabular.vn_number(tabular.MAX_ROWS)))
    effective_on = forms.DateField(label=_("Ngày sắp xếp có hiệu lực (để trống: 01/07/2025)"), required=False)


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's form, minus its own old-password check: services.password_change checks it, because
    each wrong one must be counted (and refused after the limit) under a lock."""

    def clean_old_password(self):
        return self.cleaned_data["old_password"]
