from django import forms
from django.utils.translation import gettext_lazy as _


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
