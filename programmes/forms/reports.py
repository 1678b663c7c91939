"""Forms of progress reports: the draft (narrative, one field per indicator value, allocated and disbursed
per sub-project), an attachment, a reason. Numbers are read by povertyplan.lib.parsing ("1.500.000")."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from povertyplan.lib.numbers import format_number
from povertyplan.lib.parsing import ParseError, parse_money, parse_whole_number
from programmes.forms.plans import version_field

MAX_COUNT = 10 ** 12
MAX_MONEY = 10 ** 15  # đồng; far above any sub-project
_TEXT = {"class": "form-control text-end", "inputmode": "decimal", "autocomplete": "off"}


def parse_rate(text):
    """A rate or share as officials type it: "2,31" (comma before at most two decimals) or "2"."""
    text = text.strip().rstrip("%").strip()
    whole, comma, fraction = text.partition(",")
    if comma and not (fraction.isdigit() and len(fraction) <= 2):
        raise ParseError(_("“%(text)s” không phải là tỷ lệ: ghi ví dụ 2,31 (dấu phẩy trước tối đa hai chữ số "
                           "thập phân).") % {"text": text[:40]})
    number = parse_whole_number(whole, maximum=100).value
    value = Decimal(number) + (Decimal(fraction) / 10 ** len(fraction) if comma else 0)
    if value > 100:
        raise ParseError(_("không được lớn hơn 100."))
    return value


def _shown(value, places):
    return "" if value is None else format_number(value, places=places)


class ReportForm(forms.Form):
    results = forms.CharField(label=_l("Kết quả đạt được"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    difficulties = forms.CharField(label=_l("Khó khăn, vướng mắc"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.CharField(label=_l("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()

    def __init__(self, *args, report, values, funding, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.value_rows, self.funding_rows = report, values, funding
        for field in ("results", "difficulties", "proposals", "version"):
            self.initial.setdefault(field, getattr(report, field))
        for row in values:
            name = f"value_{row.indicator_id}"
            self.fields[name] = forms.CharField(label=row.indicator.name, required=False, max_length=40,
                                                widget=forms.TextInput(attrs=_TEXT))
            self.initial.setdefault(name, _shown(row.value, 0 if row.indicator.additive else 2))
        for line in funding:
            for kind, label in (("allocated", _("Kinh phí được giao (đồng)")), ("disbursed", _("Đã giải ngân (đồng)"))):
                name = f"{kind}_{line.project_id}"
                self.fields[name] = forms.CharField(label=f"{line.project.code}: {label}", required=False,
                                                    max_length=40, widget=forms.TextInput(attrs=_TEXT))
                self.initial.setdefault(name, _shown(getattr(line, kind), 0))
            if line.support_amount and not line.allocated and not line.disbursed:  # offered until first filled
                self.initial[f"disbursed_{line.project_id}"] = _shown(line.support_amount, 0)
            name = f"supported_{line.project_id}"
            self.fields[name] = forms.CharField(label=f"{line.project.code}: {_('Số đối tượng được hỗ trợ')}",
                                                required=False, max_length=40, widget=forms.TextInput(attrs=_TEXT))
            self.initial.setdefault(name, _shown(line.supported, 0))

    def value_fields(self):
        return [(row, self[f"value_{row.indicator_id}"]) for row in self.value_rows]

    def funding_fields(self):
        return [(line, self[f"allocated_{line.project_id}"], self[f"disbursed_{line.project_id}"],
                 self[f"supported_{line.project_id}"]) for line in self.funding_rows]

    def _number(self, name, label, parse):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            return parse(text)
        except ParseError as exc:
            self.add_error(name, f"{label}: {exc.message}")
            return None

    def clean(self):
        data = super().clean()
        values, funding, supported = {}, {}, {}
        for row in self.value_rows:
            name = f"value_{row.indicator_id}"
            parse = (lambda t: Decimal(parse_whole_number(t, maximum=MAX_COUNT).value)) if row.indicator.additive \
                else parse_rate
            values[row.indicator_id] = self._number(name, row.indicator.short_name, parse)
        for line in self.funding_rows:
            money = [self._number(f"{kind}_{line.project_id}", self.fields[f"{kind}_{line.project_id}"].label,
                                  lambda t: parse_money(t, maximum=MAX_MONEY).value)
                     for kind in ("allocated", "disbursed")]
            funding[line.project_id] = (money[0] or 0, money[1] or 0)
            supported[line.project_id] = self._number(f"supported_{line.project_id}",
                                                      self.fields[f"supported_{line.project_id}"].label,
                                                      lambda t: parse_whole_number(t, maximum=MAX_COUNT).value)
        data["values"], data["funding"], data["supported"] = values, funding, supported
        return data

    def service_arguments(self):
        data = self.cleaned_data
        return {"version": data["version"], "results": data["results"], "difficulties": data["difficulties"],
                "proposals": data["proposals"], "values": data["values"], "funding": data["funding"],
                "supported": data["supported"]}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_l("Tệp đính kèm (bản có chữ ký: PDF, JPEG hoặc PNG, tối đa 10 MB)"),
                           error_messages={"required": _l("Chọn tệp cần đính kèm.")})


class VersionForm(forms.Form):
    version = version_field()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_l("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": _l("Cần ghi lý do.")})
