from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms.plans import version_field


class YearForm(forms.Form):
    """The year picker of the aggregate pages: one of the periodic-review years held for the unit."""

    year = forms.TypedChoiceField(label=_("Năm rà soát"), coerce=int, required=False,
                                  error_messages={"invalid_choice": _("Năm rà soát: chọn một năm có số liệu "
                                                                      "trong danh sách (%(value)s không có).")})

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in sorted(years, reverse=True)]

    def chosen(self, default):
        """The year picked, or `default` when none (or a bad one) is."""
        if self.is_bound and self.is_valid() and self.cleaned_data["year"] not in (None, ""):
            return self.cleaned_data["year"]
        return default

class TargetTableImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp bảng chỉ tiêu (.xlsx)"), help_text=_(
        "Theo mẫu của bảng chỉ tiêu giao giảm nghèo (tải Excel ở trang bảng chỉ tiêu): đơn vị ghi mã hoặc tên; "
        "cột tỷ lệ không cần ghi, sẽ được tính lại."))
    version = version_field()
