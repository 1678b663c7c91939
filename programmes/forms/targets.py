from django import forms
from django.utils.translation import gettext_lazy as _

from programmes import selectors
from programmes.forms.plans import version_field


def _number(label, required=False):
    return forms.DecimalField(label=label, required=required, min_value=0, max_digits=14, decimal_places=2,
                              localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}))


def _cell(label):
    field = _number(label)
    field.widget.attrs["class"] = "form-control form-control-sm text-end"
    return field


def _plain(number):
    """8.00 → 8 so a count shows as a count in the input."""
    return int(number) if number is not None and number == number.to_integral_value() else number


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=None)
    value = _number(_("Chỉ tiêu kỳ kế hoạch"))
    baseline = _number(_("Thực hiện kỳ trước (nếu có)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
    version = version_field()

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = selectors.indicators(programme)
        self.fields["value"].help_text = _("Tỷ lệ ghi số phần trăm, ví dụ 1,4 cho 1,4%. Để trống cả hai ô để xóa.")


class AllocationForm(forms.Form):
    """One value and one baseline per child unit (phân bổ chỉ tiêu)."""

    version = version_field()

    def __init__(self, *args, matrix, indicator, registry=None, **kwargs):
        """`registry`: {unit pk: figure} to start empty "Kỳ trước" cells from (the registry's last period)."""
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.units = matrix.children
        self.prefilled = False
        for row in matrix.rows:
            cell = row.cell(indicator)
            self.fields[f"baseline_{row.unit.pk}"] = _cell(_("Kỳ trước"))
            self.fields[f"value_{row.unit.pk}"] = _cell(_("Chỉ tiêu"))
            baseline = cell.baseline
            if baseline is None and (registry or {}).get(row.unit.pk) is not None:
                baseline, self.prefilled = registry[row.unit.pk], True
            self.initial[f"baseline_{row.unit.pk}"] = _plain(baseline)
            self.initial[f"value_{row.unit.pk}"] = _plain(cell.value)

    def rows(self):
        return [(unit, self[f"baseline_{unit.pk}"], self[f"value_{unit.pk}"]) for unit in self.units]

    def values(self):
        return {unit: (self.cleaned_data.get(f"value_{unit.pk}"), self.cleaned_data.get(f"baseline_{unit.pk}"))
                for unit in self.units}
