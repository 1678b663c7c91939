"""Forms of the households app: validate and normalise input; services do the writing."""
from django import forms
from django.db.models import Case, Q, Value, When
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from households import rules
from households.models import (
    FLAG_FIELDS,
    Household,
    PovertyCause,
    Relation,
    RoundKind,
    Schooling,
    Sex,
    Work,
    id_number_validator,
)
from households.models.reviews import ROUND_YEAR_MAX, ROUND_YEAR_MIN, round_year_error
from households.selectors import current_indicators
from households.status import HouseholdStatus
from povertyplan.access import is_national, scope_unit, visible_units
from povertyplan.models import AdministrativeUnit, Tier
from povertyplan.ordering import sort_in_tree_order, tree_ordered

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def unit_label(unit):
    return f"{unit.full_name} ({unit.code})"


class MoneyField(forms.CharField):
    """Whole đồng as officials type them (1.500.000, 1 500 000, 1500000): households.rules.parse_income."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return rules.parse_income(value).value
        except rules.ParseError as exc:
            raise forms.ValidationError(exc.message[:1].upper() + exc.message[1:], code="invalid") from None


def village_choices(user):
    """Villages (thôn, tổ dân phố) the user may put households in."""
    units = visible_units(user).select_related("parent")
    return sort_in_tree_order(u for u in units if u.tier == Tier.VILLAGE)


def filter_units(user):
    """Units to filter on: the scope root and two levels under it (province → commune, commune → villages)."""
    root = scope_unit(user)
    if root is None:
        near = Q(parent__isnull=True) | Q(parent__parent__isnull=True) if is_national(user) else Q(pk__in=[])
    else:
        near = Q(pk=root.pk) | Q(parent=root) | Q(parent__parent=root)
    return visible_units(user).filter(near).order_by("path")


class LightSelect(forms.Select):
    """A select drawn in Python instead of one template per option: the same HTML as forms.Select for flat
    choices, at a fraction of the time when a province's list offers its hundred communes."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in (self.format_value(value) or [])}
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (key, mark_safe(" selected") if str(key) in chosen else "", label)
            for key, label in ((k if k is not None else "", lab) for k, lab in self.choices)))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           options)


class _UnitOptions(BaseChoiceIterator):
    """Options of a unit select, read from `units()` only when the select is drawn (exports never draw it)."""

    def __init__(self, units, empty_label):
        self.units, self.empty_label = units, empty_label

    def __iter__(self):
        yield "", self.empty_label
        for unit in sort_in_tree_order(self.units()):  # the scope first, then its units by natural code order
            yield unit.pk, unit_label(unit)


class HouseholdFilterForm(forms.Form):
    """The list's filters. The unit is chosen in two light selects instead of one with every commune and
    village of a province (~1,100 options): `unit` offers the scope and the units right under it, `subunit`
    the units under the chosen one (htmx refills it when `unit` changes; without JavaScript, "Lọc" with a
    commune chosen filters by it and offers its villages). Either accepts any unit of filter_units, so a
    link with ?unit=<village> still works."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Tên chủ hộ, mã hộ hoặc số CCCD")}))
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=AdministrativeUnit.objects.none(), required=False,
                                  empty_label=_("— Tất cả —"), widget=LightSelect)
    subunit = forms.ModelChoiceField(label=_("Đơn vị trực thuộc"), queryset=AdministrativeUnit.objects.none(),
                                     required=False, empty_label=_("— Tất cả —"), widget=LightSelect)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False,
                               choices=[("", _("— Tất cả —")), *HouseholdStatus.choices], widget=LightSelect)
    year = forms.IntegerField(label=_("Năm rà soát"), required=False, min_value=ROUND_YEAR_MIN, max_value=ROUND_YEAR_MAX)
    flag = forms.ChoiceField(label=pgettext_lazy("household categories", "Đối tượng"), required=False,
                             widget=LightSelect)
    indicator = forms.ChoiceField(label=_("Thiếu hụt chỉ số"), required=False, widget=LightSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = filter_units(user)
        root = scope_unit(user)
        near = (Q(pk=root.pk) | Q(parent=root)) if root is not None else Q(parent__isnull=True)

        scope_first = Case(When(pk=root.pk, then=Value(0)), default=Value(1)) if root is not None else Value(1)

        def units_shown():  # the scope, then its units by code
            chosen = self._chosen()  # a unit further down (a link to a village) stays selected
            shown = allowed.filter(near | Q(pk=chosen.pk)) if chosen is not None else allowed.filter(near)
            return shown.order_by(scope_first, "code")

        def subunits_shown():
            chosen = self._chosen()
            return allowed.filter(parent=chosen).order_by("code") if chosen is not None else allowed.none()

        for name, shown in (("unit", units_shown), ("subunit", subunits_shown)):
            field = self.fields[name]
            field.queryset = allowed  # what may be chosen; the options below are read only when drawn
            field.widget.choices = _UnitOptions(shown, field.empty_label)
        self.fields["unit"].widget.attrs.update({  # refill the subunit select in place (htmx, no page reload)
            "hx-get": reverse_lazy("households:household_list"), "hx-trigger": "change", "hx-include": "#household-filter",
            "hx-select": "#div_id_subunit", "hx-target": "#div_id_subunit", "hx-swap": "outerHTML"})
        self.fields["flag"].choices = [("", _("— Tất cả —"))] + [
            (name, capfirst(Household._meta.get_field(name).verbose_name)) for name in FLAG_FIELDS]
        self.fields["indicator"].choices = [("", _("— Tất cả —"))] + [
            (i.code, f"{i.code}. {i.name}") for i in current_indicators()]

    def _chosen(self):
        return self.cleaned_data.get("unit") if self.is_bound and self.is_valid() else None

    def clean(self):
        data = super().clean()
        subunit, unit = data.get("subunit"), data.get("unit")
        if subunit is not None and (unit is None or not subunit.path.startswith(unit.path)):
            data["subunit"] = None  # left over from another unit: the unit chosen now wins
        return data

    def filters(self):
        """Keyword arguments for selectors.household_list (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        data["unit"] = data.pop("subunit") or data["unit"]
        return {k: v for k, v in data.items() if v not in (None, "")}

    def describe(self):
        """The filters in words ("Tình trạng: Hộ nghèo"), for the title block of an export."""
        lines = []
        for name, value in self.filters().items():
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                text = field.label_from_instance(value)
            elif isinstance(field, forms.ChoiceField):
                text = dict(field.choices).get(value, value)
            else:
                text = value
            lines.append(f"{field.label}: {text}")
        return lines


class HouseholdForm(forms.Form):
    code = forms.CharField(label=_("Mã hộ"), max_length=30)
    village = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=AdministrativeUnit.objects.none())
    head_name = forms.CharField(label=_("Họ và tên chủ hộ"), max_length=150)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    is_ethnic_minority = forms.BooleanField(label=_("Hộ dân tộc thiểu số"), required=False)
    is_meritorious = forms.BooleanField(label=_("Hộ người có công với cách mạng"), required=False)
    is_social_protection = forms.BooleanField(label=_("Hộ bảo trợ xã hội"), required=False)
    no_working_capacity = forms.BooleanField(label=_("Hộ không có khả năng lao động"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        villages = village_choices(user)
        self.fields["village"].queryset = AdministrativeUnit.objects.filter(pk__in=[v.pk for v in villages]).order_by(
            "path")
        self.fields["village"].label_from_instance = unit_label
        tree_ordered(self.fields["village"])

    @staticmethod
    def initial_for(household):
        return {name: getattr(household, name) for name in ["code", "village", "head_name", "address", *FLAG_FIELDS,
                                                             "version"]}


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE_INPUT)
    birth_year = forms.IntegerField(label=_("Năm sinh (nếu không rõ ngày sinh)"), required=False)
    id_number = forms.CharField(label=_("Số CCCD"), max_length=12, required=False, validators=[id_number_validator],
                                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    relation = forms.ChoiceField(label=_("Quan hệ với chủ hộ"), choices=Relation.choices)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=50, initial="Kinh")
    health_insurance = forms.BooleanField(label=_("Có thẻ BHYT"), required=False)
    schooling = forms.ChoiceField(label=_("Tình trạng đi học"), choices=[("", "—"), *Schooling.choices], required=False)
    work = forms.ChoiceField(label=_("Việc làm"), choices=[("", "—"), *Work.choices], required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if "birth_date" in self.errors or "birth_year" in self.errors:
            return data
        for name, message in rules.birth_errors(data.get("birth_date"), data.get("birth_year")).items():
            self.add_error(name, message)
        return data

    @staticmethod
    def initial_for(member):
        return {f: getattr(member, f) for f in ["full_name", "sex", "birth_date", "birth_year", "id_number", "relation",
                                                "ethnicity", "health_insurance", "schooling", "work", "version"]}


class MemberRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Lý do (chết, chuyển đi, tách hộ…)"), max_length=255)
    left_on = forms.DateField(label=_("Ngày ra khỏi hộ"), required=False, widget=DATE_INPUT)


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}. {obj.name}"


class ReviewForm(forms.Form):
    income_per_capita = MoneyField(label=_("Thu nhập bình quân (đồng/người/tháng)"),
                                   widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    deprivations = IndicatorChoiceField(label=_("Chỉ số thiếu hụt dịch vụ xã hội cơ bản"), required=False,
                                        queryset=None, widget=forms.CheckboxSelectMultiple)
    causes = forms.MultipleChoiceField(label=_("Nguyên nhân nghèo"), required=False, choices=PovertyCause.choices,
                                       widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard
        self.fields["deprivations"].queryset = standard.indicators.order_by("order")

    @staticmethod
    def initial_for(review):
        return {"income_per_capita": review.income_per_capita, "deprivations": list(review.deprivations.all()),
                "causes": list(review.causes.values_list("cause", flat=True)), "notes": review.notes,
                "version": review.version}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50,
                                      widget=forms.TextInput(attrs={"placeholder": "…/QĐ-UBND"}))
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if not self.errors:
            for name, message in rules.decision_errors(data.get("decision_number"), data.get("decision_date")).items():
                self.add_error(name, message)
        return data


class RoundForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Xã, phường, thị trấn"), queryset=AdministrativeUnit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=ROUND_YEAR_MIN, max_value=ROUND_YEAR_MAX,
                              error_messages={"min_value": round_year_error(), "max_value": round_year_error()})
    kind = forms.ChoiceField(label=_("Loại rà soát"), choices=RoundKind.choices)
    month = forms.IntegerField(label=_("Tháng (rà soát thường xuyên)"), required=False, min_value=1, max_value=12)
    follows_procedure = forms.BooleanField(
        label=_("Theo quy trình QĐ 24/2021: chỉ công nhận sau khi mọi thôn đã họp dân và đã hết thời gian niêm yết"),
        required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = [u.pk for u in visible_units(user).only("id", "kind", "parent_id") if u.tier == Tier.COMMUNE]
        self.fields["commune"].queryset = AdministrativeUnit.objects.filter(pk__in=communes).order_by("path")
        self.fields["commune"].label_from_instance = unit_label
        tree_ordered(self.fields["commune"])
        if len(communes) == 1:
            self.fields["commune"].initial = communes[0]
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if data.get("kind") == RoundKind.REGULAR and not data.get("month"):
            self.add_error("month", _("Rà soát thường xuyên cần ghi tháng."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel theo mẫu (.xlsx)"))
