"""The period, plan and unit pickers of the completeness and roll-up pages (GET forms: they only read)."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Frequency, Period
from programmes.models.reporting import MONTHS

SMALL_SELECT = {"class": "form-select form-select-sm"}
SMALL_INPUT = {"class": "form-control form-control-sm"}


class PeriodForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=Frequency.choices, required=False,
                                  widget=forms.Select(attrs=SMALL_SELECT))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False,
                              widget=forms.NumberInput(attrs=SMALL_INPUT))
    index = forms.IntegerField(label=_("Tháng / quý / 6 tháng"), min_value=1, max_value=12, required=False,
                               widget=forms.NumberInput(attrs=SMALL_INPUT))
    plan = forms.ChoiceField(label=_("Kế hoạch"), required=False, widget=forms.Select(attrs=SMALL_SELECT))
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False, widget=forms.Select(attrs=SMALL_SELECT))

    def __init__(self, data=None, *, plans=(), units=(), all_units_label=None):
        today = timezone.localdate()
        if data is not None and not any(data.get(name) for name in self.base_fields):
            data = None  # a bare page: the defaults
        super().__init__(data, initial={"frequency": Frequency.MONTHLY, "year": today.year, "index": today.month})
        self.fields["plan"].choices = [("", _("Tất cả kế hoạch đã ban hành"))] + [
            (str(p.pk), f"{p.issuing_unit.full_name}: {p.title}") for p in plans]
        self.fields["unit"].choices = ([("", all_units_label)] if all_units_label else []) + [
            (str(u.pk), u.full_name) for u in units]

    def clean(self):
        data = super().clean()
        frequency = data.get("frequency") or Frequency.MONTHLY
        count = 12 // MONTHS[Frequency(frequency)]
        index = data.get("index") or 1
        if index > count:
            self.add_error("index", _("Kỳ %(freq)s chỉ có %(n)s kỳ trong năm: chọn số từ 1 đến %(n)s.")
                           % {"freq": Frequency(frequency).label.lower(), "n": count})
        return data

    def period(self):
        """The chosen Period (the current month when nothing is chosen); call after is_valid()."""
        data = self.cleaned_data if self.is_bound else self.initial
        frequency = data.get("frequency") or Frequency.MONTHLY
        return Period(frequency, data.get("year") or timezone.localdate().year, data.get("index") or 1)

    def chosen(self, name):
        """The pk chosen in the plan or unit picker, or None."""
        value = (self.cleaned_data if self.is_bound else {}).get(name)
        return int(value) if value else None
