"""Forms of a plan's single-valued parts. Labels and help texts quote the seeds, so a ward officer
sees what goes where; they validate and normalise, the services save."""
import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from povertyplan.forms import scope_unit_choices, unit_label
from povertyplan.ordering import tree_ordered
from programmes.models import Part, Plan, Programme
from programmes.services.plans import CONTENT_FIELDS, HEADER_FIELDS, SIGNATURE_FIELDS

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
MARKUP_HELP = _("Mỗi dòng là một đoạn. Dòng “1. …”, “1.1. …”, “a) …” ngắn, không có dấu chấm cuối là tiêu đề mục; "
                "dòng bắt đầu bằng “-” hoặc “+” là gạch đầu dòng.")


def version_field():
    """The version of the plan the page was read at (optimistic locking; services.conflicts)."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class VersionForm(forms.Form):
    """The plan's version on pages whose other fields are a formset (the lists of a plan)."""

    version = version_field()


def _text(rows=4, placeholder=""):
    return forms.Textarea(attrs={"rows": rows, "placeholder": placeholder})


def current_programme(year=None):
    year = year or datetime.date.today().year
    return (Programme.objects.filter(start_year__lte=year, end_year__gte=year).first()
            or Programme.objects.order_by("-end_year").first())


class PlanCreateForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.all())
    issuing_unit = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=None)
    year_from = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100,
                                   help_text=_("Kế hoạch năm: chỉ ghi ô này. "
                                               "Kế hoạch giai đoạn: ghi thêm năm kết thúc."))
    year_to = forms.IntegerField(label=_("Đến năm (nếu là kế hoạch giai đoạn)"), min_value=2000, max_value=2100,
                                 required=False)
    title = forms.CharField(label=_("Tên kế hoạch (trích yếu)"), max_length=500, widget=_text(2),
                            help_text=_("Ví dụ: Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = scope_unit_choices(user)
        tree_ordered(self.fields["issuing_unit"])
        self.fields["issuing_unit"].label_from_instance = unit_label
        programme = current_programme()
        self.fields["programme"].initial = programme
        self.fields["year_from"].initial = datetime.date.today().year
        units = list(self.fields["issuing_unit"].queryset[:2])
        if len(units) == 1:
            self.fields["issuing_unit"].initial = units[0]

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", _("Năm kết thúc phải từ năm bắt đầu trở đi."))
        return data


class PlanHeaderForm(forms.ModelForm):
    version = version_field()

    class Meta:
        model = Plan
        fields = HEADER_FIELDS
        widgets = {"document_date": DATE_WIDGET, "title": _text(2), "introduction": _text(3)}
        help_texts = {
            "superior_body": _("Chỉ ghi khi có cơ quan chủ quản, ví dụ “UBND HUYỆN TÂN YÊN”."),
            "issuing_body": _("Ví dụ: ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG."),
            "number": _("Để trống khi chưa có số; văn thư ghi số khi ban hành."),
            "symbol": _("KH-UBND cho kế hoạch của Ủy ban nhân dân."),
            "place": _("Ví dụ: Thị trấn Cao Thượng (xã, phường, thị trấn) hoặc Tân Yên (huyện)."),
            "document_date": _("Có thể để trống khi còn là dự thảo."),
            "introduction": _("Đoạn sau các căn cứ, ví dụ “UBND thị trấn xây dựng kế hoạch … như sau:”."),
        }


class PlanContentForm(forms.ModelForm):
    """The numbered parts: a heading and a text each, and the order of the parts in the document."""

    version = version_field()

    PART_FIELDS = {
        Part.PURPOSE: ["purpose", "requirements"],
        Part.OBJECTIVES: ["general_objective", "specific_objectives"],
        Part.SCOPE: ["scope", "beneficiaries"],
        Part.SOLUTIONS: ["solutions"],
        Part.ACTIVITIES: [],
        Part.BUDGET: ["budget"],
        Part.ORGANISATION: ["organisation"],
        Part.REPORTING: ["reporting"],
    }

    class Meta:
        model = Plan
        fields = [f for f in CONTENT_FIELDS if f != "part_order"]
        widgets = {f: _text(6) for f in CONTENT_FIELDS if not f.endswith("_heading") and f not in (
            "part_order", "annex_title")}
        help_texts = {
            "specific_objectives": _("Ví dụ: “- Tỷ lệ hộ nghèo: 1,4% (giảm 0,91%)”. Để trống thì kế hoạch tự liệt kê "
                                     "các chỉ tiêu của đơn vị ban hành."),
            "organisation": _("Lời dẫn (nếu có); trách nhiệm từng cơ quan ghi ở trang “Trách nhiệm các cơ quan”."),
            "reporting": _("Để trống thì kế hoạch tự viết chế độ báo cáo theo các kỳ báo cáo đã khai."),
            "closing": _("Ví dụ: “Trên đây là Kế hoạch … Đề nghị các ngành, đoàn thể tổ chức thực hiện./.”"),
            "annex_title": _("Ví dụ: CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024 (phụ lục chỉ tiêu giao cho đơn vị trực thuộc)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.instance.ordered_parts()
        for part in Part:
            self.fields[f"order_{part.value}"] = forms.IntegerField(
                label=_("Thứ tự mục"), min_value=1, max_value=len(Part), initial=order.index(part) + 1)
        for name, field in self.fields.items():
            if name in self.Meta.widgets:
                field.help_text = field.help_text or MARKUP_HELP

    def sections(self):
        """(part, order field, heading field, text fields) for the template, in the current order."""
        return [(part, self[f"order_{part.value}"], self[f"{part.value}_heading"],
                 [self[f] for f in self.PART_FIELDS[part]]) for part in self.instance.ordered_parts()]

    def clean(self):
        data = super().clean()
        orders = {part: data.get(f"order_{part.value}") for part in Part}
        if all(orders.values()):
            # On a tie the part whose number was just changed goes first: "put Nhiệm vụ third".
            data["part_order"] = [p.value for p in sorted(Part, key=lambda p: (
                orders[p], f"order_{p.value}" not in self.changed_data, list(Part).index(p)))]
        return data


class PlanSignatureForm(forms.ModelForm):
    version = version_field()

    class Meta:
        model = Plan
        fields = SIGNATURE_FIELDS
        help_texts = {
            "sign_on_behalf": _("Ký thay mặt tập thể: “ỦY BAN NHÂN DÂN” (in ra: TM. ỦY BAN NHÂN DÂN). "
                                "Để trống nếu thủ trưởng ký trực tiếp."),
            "sign_for": _("Cấp phó ký thay: ghi “CHỦ TỊCH” (in ra: KT. CHỦ TỊCH) và chức vụ bên dưới là PHÓ CHỦ TỊCH."),
            "signer_position": _("Ví dụ: CHỦ TỊCH, PHÓ CHỦ TỊCH, TRƯỞNG PHÒNG."),
        }


class PlanIssueForm(forms.Form):
    number = forms.CharField(label=_("Số"), max_length=20, required=False,
                             help_text=_("Số văn bản do văn thư cấp, ví dụ 12 (in ra: Số: 12/KH-UBND)."))
    document_date = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=200)
    version = version_field()


class PlanCopyForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.all())
    year_from = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("Đến năm (nếu là kế hoạch giai đoạn)"), min_value=2000, max_value=2100,
                                 required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        span = plan.year_to - plan.year_from + 1
        year = plan.year_from + span
        self.fields["year_from"].initial = year
        if span > 1:
            self.fields["year_to"].initial = plan.year_to + span
        covering = Programme.objects.filter(start_year__lte=year, end_year__gte=year).first()
        self.fields["programme"].initial = covering or plan.programme


class PlanFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả"))] + list(Plan._meta.get_field("status").choices),
                               widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
