"""Forms of the support app: they read and normalise input with povertyplan.lib.parsing, never save."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from povertyplan.lib.parsing import ParseError, parse_date, parse_money, parse_whole_number
from support.services import MAX_AMOUNT, MAX_QUANTITY


class DateField(forms.CharField):
    """dd/mm/yyyy through the one date parser."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_date(value)
        except ParseError as exc:
            raise forms.ValidationError(exc.message) from None


class ListForm(forms.Form):
    on = DateField(label=_("Đủ điều kiện tại ngày"), required=False, help_text=_("dd/mm/yyyy; để trống là hôm nay"))
    missing = forms.BooleanField(label=_("Chỉ những người, hộ chưa được hỗ trợ"), required=False)

    def as_of(self):
        if self.is_bound and self.is_valid() and self.cleaned_data["on"]:
            return self.cleaned_data["on"]
        return timezone.localdate()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Danh sách đã điền (.xlsx)"))


class RecordForm(forms.Form):
    key = forms.IntegerField(label=_("Mã số (cột đầu của danh sách)"), min_value=1, max_value=2**62)
    given_on = DateField(label=_("Ngày hỗ trợ"))
    quantity = forms.CharField(label=_("Số lượng"), required=False, initial="1")
    amount = forms.CharField(label=_("Số tiền (đồng)"), required=False)
    document = forms.CharField(label=_("Văn bản, chứng từ"), max_length=200)

    def clean_quantity(self):
        try:
            value = self.cleaned_data["quantity"]
            return parse_whole_number(value, minimum=1, maximum=MAX_QUANTITY).value if value else 1
        except ParseError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_amount(self):
        try:
            value = self.cleaned_data["amount"]
            return parse_money(value, maximum=MAX_AMOUNT).value if value else 0
        except ParseError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on and given_on > timezone.localdate():
            raise forms.ValidationError(_("Ngày hỗ trợ không được sau hôm nay."))
        return given_on


