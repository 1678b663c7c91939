"""The administrator's upload of a programme's structure (programmes.services.structure)."""
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from povertyplan.lib import tabular


class StructureImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp cơ cấu chương trình (.xlsx hoặc .csv)"), help_text=format_lazy(
        _("Tối đa {megabytes} MB và {rows} dòng."),
        megabytes=tabular.MAX_UPLOAD_BYTES // (1024 * 1024), rows=tabular.vn_number(tabular.MAX_ROWS)))
    confirmed = forms.BooleanField(label=_("Cơ cấu đã đối chiếu với văn bản chính thức"), required=False,
                                   help_text=_("Để trống khi cơ cấu còn là dự kiến: các trang ghi rõ là chưa xác nhận."))
