from django import forms
from django.utils.translation import gettext_lazy as _

from povertyplan.forms import unit_label
from povertyplan.ordering import tree_ordered
from programmes import selectors
from programmes.forms.plans import version_field
from programmes.models import AgencyKind


class AgencyForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Thuộc đơn vị hành chính"), queryset=None,
                                  help_text=_("Ví dụ: Trung tâm Y tế thuộc huyện Tân Yên; Ủy ban MTTQ thuộc thị trấn."))
    name = forms.CharField(label=_("Tên cơ quan, đơn vị"), max_length=255,
                           help_text=_("Viết như trong văn bản, ví dụ “Phòng Lao động - Thương binh và Xã hội”."))
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=50, required=False,
                                 help_text=_("Ví dụ: Phòng LĐ-TB&XH, TTYT, NHCSXH."))
    kind = forms.ChoiceField(label=_("Loại"), choices=AgencyKind.choices)
    members = forms.ModelMultipleChoiceField(
        label=_("Cán bộ thuộc cơ quan"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Tài khoản cán bộ cơ quan (vai trò “Cán bộ cơ quan, đơn vị”) được xem kế hoạch "
                    "giao cho cơ quan này."))
    version = version_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.agency_units(user)
        tree_ordered(self.fields["unit"])
        self.fields["unit"].label_from_instance = unit_label
        self.fields["members"].queryset = selectors.agency_officer_users(user)
        self.fields["members"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"
