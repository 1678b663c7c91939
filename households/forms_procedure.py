"""Forms of the review procedure: requests, refusals, village meetings, posting and complaints."""
from django import forms
from django.utils.translation import gettext_lazy as _

from households.forms import DATE_INPUT
from households.models import RequestChannel, RequestKind


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đề nghị"), choices=RequestKind.choices)
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=RequestChannel.choices)
    received_on = forms.DateField(label=_("Ngày nhận đơn"), widget=DATE_INPUT)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("Lý do từ chối (ghi rõ, in trong văn bản trả lời)"),
                             widget=forms.Textarea(attrs={"rows": 3}))
    refused_on = forms.DateField(label=_("Ngày trả lời"), widget=DATE_INPUT)


class MeetingForm(forms.Form):
    """The meeting and, per household of the village with a result in the round, how many agreed
    (blank: not discussed at this meeting)."""

    held_on = forms.DateField(label=_("Ngày họp"), widget=DATE_INPUT)
    chair = forms.CharField(label=_("Người chủ trì (trưởng thôn, tổ trưởng tổ dân phố)"), max_length=120)
    present_count = forms.IntegerField(label=_("Số người dự họp"), min_value=1)
    notes = forms.CharField(label=_("Ý kiến khác"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.households = list(households)
        for household in self.households:
            self.fields[f"agreed_{household.pk}"] = forms.IntegerField(
                label=_("%(code)s – %(head)s: số người đồng ý") % {"code": household.code, "head": household.head_name},
                required=False, min_value=0)

    def votes(self):
        return {h: self.cleaned_data[f"agreed_{h.pk}"] for h in self.households
                if self.cleaned_data.get(f"agreed_{h.pk}") is not None}


class PostingForm(forms.Form):
    starts_on = forms.DateField(label=_("Niêm yết từ ngày"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_INPUT)


class ComplaintForm(forms.Form):
    household = forms.ModelChoiceField(label=_("Hộ bị khiếu nại"), queryset=None)
    complainant = forms.CharField(label=_("Người khiếu nại, kiến nghị"), max_length=120)
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE_INPUT)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["household"].label_from_instance = lambda h: f"{h.code} – {h.head_name}"


class ResolutionForm(forms.Form):
    resolution = forms.CharField(label=_("Kết quả giải quyết (phúc tra)"), widget=forms.Textarea(attrs={"rows": 2}))
    resolved_on = forms.DateField(label=_("Ngày giải quyết"), widget=DATE_INPUT)


class ListAddForm(forms.Form):
    household = forms.ModelChoiceField(label=_("Hộ bổ sung"), queryset=None)
    reason = forms.CharField(label=_("Lý do bổ sung"), max_length=255)

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["household"].label_from_instance = lambda h: f"{h.code} – {h.head_name}"


class NumberedDecisionForm(forms.Form):
    """The leader's decision for a round that follows the procedure: the app gives the number."""

    decision_date = forms.DateField(label=_("Ngày quyết định (số quyết định do hệ thống cấp liên tục)"),
                                    widget=DATE_INPUT)


class CertificateForm(forms.Form):
    issued_on = forms.DateField(label=_("Ngày cấp giấy chứng nhận"), widget=DATE_INPUT)
