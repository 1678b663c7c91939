from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms.plans import version_field


class TargetTableImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp bảng chỉ tiêu (.xlsx)"), help_text=_(
        "Theo mẫu của bảng chỉ tiêu giao giảm nghèo (tải Excel ở trang bảng chỉ tiêu): đơn vị ghi mã hoặc tên; "
        "cột tỷ lệ không cần ghi, sẽ được tính lại."))
    version = version_field()
