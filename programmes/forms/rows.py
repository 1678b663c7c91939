"""Formsets of a plan's lists. Each form validates one row; the formset checks the rows together
(one lead per sub-project, no sub-project twice) and hands the service a list of RowChange."""
from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programmes import selectors
from programmes.models import (
    Activity,
    Assignment,
    AssignmentRole,
    BudgetLine,
    LegalBasis,
    Recipient,
    ReportingRule,
    Responsibility,
)
from programmes.services.rows import ROW_SPECS, RowChange

WIDE, HALF, THIRD, NARROW = "col-12", "col-md-6", "col-md-4", "col-md-2"


def _text(rows=3, placeholder=""):
    return forms.Textarea(attrs={"rows": rows, "placeholder": placeholder})


def project_label(project):
    return f"{project.full_label}: {project.name}"


class RowForm(forms.ModelForm):
    """A row form: `cols` places each field in the Bootstrap grid; `order` may be left blank."""

    cols = {}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if "order" in self.fields:
            self.fields["order"].required = False
            if self.instance.pk is None:
                self.initial["order"] = None
        if "project" in self.fields:
            self.fields["project"].queryset = selectors.plan_projects(plan)
            self.fields["project"].label_from_instance = project_label
        if "agency" in self.fields:
            self.fields["agency"].queryset = selectors.agencies_for_unit(plan.issuing_unit)
            self.fields["agency"].label_from_instance = lambda a: a.full_name
        for name, field in self.fields.items():
            field.col = self.cols.get(name, WIDE)


class LegalBasisForm(RowForm):
    cols = {"order": NARROW, "text": "col-md-10"}

    class Meta:
        model = LegalBasis
        fields = ["order", "text"]
        widgets = {"text": _text(2, "Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ …;")}
        labels = {"order": _("STT")}


class ActivityForm(RowForm):
    cols = {"order": NARROW, "project": "col-md-10"}

    class Meta:
        model = Activity
        fields = ["order", "project", "objective", "beneficiaries", "support_content"]
        widgets = {"objective": _text(3), "beneficiaries": _text(3), "support_content": _text(4)}
        labels = {"order": _("STT")}
        help_texts = {"support_content": _("Mỗi nội dung một dòng, bắt đầu bằng “+” hoặc “-”.")}


class AssignmentForm(RowForm):
    cols = {"project": THIRD, "agency": THIRD, "role": NARROW, "tasks": WIDE}

    class Meta:
        model = Assignment
        fields = ["project", "agency", "role", "tasks"]
        widgets = {"tasks": _text(2, "Ví dụ: Triển khai thực hiện Tiểu dự án 2 thuộc Dự án 3.")}


class ResponsibilityForm(RowForm):
    cols = {"order": NARROW, "agency": "col-md-5", "heading": "col-md-5"}

    class Meta:
        model = Responsibility
        fields = ["order", "agency", "heading", "text"]
        widgets = {"text": _text(4)}
        labels = {"order": _("STT"), "heading": _("Tiêu đề (nếu khác tên cơ quan)")}
        help_texts = {"heading": _("Ví dụ: “Đối với các tổ dân phố”. Để trống thì dùng tên cơ quan.")}

    def clean(self):
        data = super().clean()
        if not data.get("agency") and not (data.get("heading") or "").strip():
            self.add_error("agency", _("Chọn cơ quan hoặc ghi tiêu đề."))
        return data


class BudgetLineForm(RowForm):
    cols = {"order": NARROW, "source": THIRD, "project": THIRD, "amount": NARROW, "note": WIDE}

    class Meta:
        model = BudgetLine
        fields = ["order", "source", "project", "amount", "note"]
        labels = {"order": _("STT")}
        help_texts = {"amount": _("Số tiền (đồng), để trống nếu chưa xác định.")}


OFFSET_CHOICES = [(0, _("Tháng đầu kỳ (với kỳ tháng: chính tháng đó)")),
                  (1, _("Tháng thứ 2 của kỳ (kỳ tháng: tháng sau)")),
                  (2, _("Tháng thứ 3 (tháng cuối quý)"))] + [
    (n, format_lazy(_("Tháng thứ {n} của kỳ"), n=n + 1)) for n in range(3, 12)] + [(12, _("Tháng đầu năm sau"))]


class ReportingRuleForm(RowForm):
    cols = {"order": NARROW, "frequency": NARROW, "timing": NARROW, "day": NARROW, "month_offset": THIRD,
            "reporters": THIRD, "reporter": THIRD, "recipient": THIRD, "content": THIRD}
    month_offset = forms.TypedChoiceField(label=_("Tháng nộp"), choices=OFFSET_CHOICES, coerce=int, initial=0,
                                          help_text=_("Hằng năm trước 01/12: chọn “Tháng thứ 12 của kỳ”."))

    class Meta:
        model = ReportingRule
        fields = ["order", "frequency", "timing", "day", "month_offset", "reporters", "reporter", "recipient", "content"]
        labels = {"order": _("STT")}
        help_texts = {"day": _("Ví dụ: 25 (vào ngày 25 hằng tháng); với hạn tính theo ngày làm việc: số ngày làm "
                               "việc sau khi hết kỳ.")}


class RecipientForm(RowForm):
    cols = {"order": NARROW, "text": "col-md-10"}

    class Meta:
        model = Recipient
        fields = ["order", "text"]
        labels = {"order": _("STT")}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "Phòng LĐTBXH;"})}


class PlanRowFormSet(BaseModelFormSet):
    part = ""

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        kwargs.setdefault("queryset", getattr(plan, ROW_SPECS[self.part].related_name).all())
        super().__init__(*args, form_kwargs={"plan": plan}, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # The row's id names a row deleted since the page was read (a stale page): say so.
        form.fields[self.model._meta.pk.name].error_messages["invalid_choice"] = gettext(
            "Dòng này vừa bị người khác xóa: đánh dấu “Xóa dòng này” hoặc mở lại trang.")

    def kept_forms(self):
        """(row number as shown, form) of the valid rows that stay (filled in and not deleted)."""
        return [(i, f) for i, f in enumerate(self.forms, start=1)
                if (f.instance.pk or f.has_changed()) and hasattr(f, "cleaned_data")
                and not (self.can_delete and self._should_delete_form(f))]

    def changes(self):
        """The edited list as RowChange rows for services.plan_rows_save."""
        fields = ROW_SPECS[self.part].fields
        rows, position = [], 0
        for form in self.forms:
            if not form.instance.pk and not form.has_changed():
                continue
            delete = self.can_delete and self._should_delete_form(form)
            values = {f: form.cleaned_data.get(f) for f in fields} if not delete else {}
            if not delete:
                position += 1
                if "order" in values and not values["order"]:
                    values["order"] = position
            rows.append(RowChange(pk=form.instance.pk, values=values, delete=delete))
        return rows


class ActivityFormSet(PlanRowFormSet):
    part = "activities"

    def clean(self):
        super().clean()
        seen = {}
        for number, form in self.kept_forms():
            project = form.cleaned_data.get("project")
            if project is None:
                continue
            if project.pk in seen:
                form.add_error("project", gettext("Dòng %(n)s: %(project)s đã có ở dòng %(first)s.") % {
                    "n": number, "project": project.full_label, "first": seen[project.pk]})
            seen.setdefault(project.pk, number)


class AssignmentFormSet(PlanRowFormSet):
    part = "assignments"

    def clean(self):
        super().clean()
        pairs, leads = {}, {}
        for number, form in self.kept_forms():
            project, agency = form.cleaned_data.get("project"), form.cleaned_data.get("agency")
            if project is None or agency is None:
                continue
            if (project.pk, agency.pk) in pairs:
                form.add_error("agency", gettext("Dòng %(n)s: cơ quan này đã được phân công %(project)s ở dòng "
                                                 "%(first)s.") % {"n": number, "project": project.full_label,
                                                                  "first": pairs[(project.pk, agency.pk)]})
            pairs.setdefault((project.pk, agency.pk), number)
            if form.cleaned_data.get("role") == AssignmentRole.LEAD:
                if project.pk in leads:
                    form.add_error("role", gettext("Dòng %(n)s: %(project)s đã có cơ quan chủ trì ở dòng %(first)s; "
                                                   "mỗi dự án, tiểu dự án chỉ có một cơ quan chủ trì.") % {
                        "n": number, "project": project.full_label, "first": leads[project.pk]})
                leads.setdefault(project.pk, number)


def _formset(form, base, part, extra=1):
    base = type(f"{form.__name__}Set", (base,), {"part": part}) if base is PlanRowFormSet else base
    return modelformset_factory(form._meta.model, form=form, formset=base, extra=extra, can_delete=True)


FORMSETS = {
    "legal-bases": (_formset(LegalBasisForm, PlanRowFormSet, "legal-bases", 2), _("Căn cứ")),
    "activities": (_formset(ActivityForm, ActivityFormSet, "activities"), _("Nội dung hoạt động theo dự án")),
    "assignments": (_formset(AssignmentForm, AssignmentFormSet, "assignments", 2),
                    _("Phân công chủ trì, phối hợp thực hiện dự án")),
    "responsibilities": (_formset(ResponsibilityForm, PlanRowFormSet, "responsibilities"),
                         _("Trách nhiệm các cơ quan")),
    "budget": (_formset(BudgetLineForm, PlanRowFormSet, "budget"), _("Nguồn kinh phí")),
    "reporting": (_formset(ReportingRuleForm, PlanRowFormSet, "reporting"), _("Chế độ báo cáo")),
    "recipients": (_formset(RecipientForm, PlanRowFormSet, "recipients", 2), _("Nơi nhận")),
}
