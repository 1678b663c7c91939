"""The guided rule builder of the policy form (Django admin: policies are the administrators' data, edited
where they already are; no page or permission of its own to keep).

The administrator ticks the parts of the rule — statuses on the date, household flags, deprivations, a
member's age range, schooling, work, sex, health insurance — and the form writes the JSON grammar of
support.rules ({"all": [...]}), checked by the same check_rule as any rule. Editing shows the current rule
in those fields when it has the builder's shape (round trip); a rule of another shape (a "not", an "any" of
statuses …) stays editable as JSON in "Điều kiện thụ hưởng (JSON, nâng cao)", used when no builder field
is filled in.
"""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from households.models import FLAG_FIELDS, Household, Schooling, Sex, Work
from support.models import Policy
from support.rules import MAX_AGE, STATUSES

STATUS_CHOICES = [("poor", _l("Hộ nghèo")), ("near_poor", _l("Hộ cận nghèo")),
                  ("newly_escaped", _l("Hộ mới thoát nghèo (trong thời hạn được hưởng chính sách)"))]
INSURANCE_CHOICES = [("", _l("Không xét")), ("yes", _l("Đã có thẻ BHYT")), ("no", _l("Chưa có thẻ BHYT"))]
MEMBER_FIELDS = ("age_min", "age_max", "schooling", "work", "sex", "health_insurance")
BUILDER_FIELDS = ("statuses", "flags", "deprivations", *MEMBER_FIELDS)


def _deprivation_choices():
    from households.models import DeprivationIndicator

    rows = DeprivationIndicator.objects.order_by("code", "order").values_list("code", "name")
    return list({code: f"{code}. {name}" for code, name in rows}.items())


def _multiple(choices, label, help_text=""):
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, help_text=help_text,
                                     widget=forms.CheckboxSelectMultiple)


class PolicyForm(forms.ModelForm):
    statuses = _multiple(STATUS_CHOICES, _l("Tình trạng của hộ tại ngày xét"), _l("một trong các tình trạng đã chọn"))
    flags = _multiple([(f, Household._meta.get_field(f).verbose_name) for f in FLAG_FIELDS], _l("Đặc điểm của hộ"),
                      _l("hộ có mọi đặc điểm đã chọn"))
    deprivations = _multiple([], _l("Thiếu hụt dịch vụ xã hội cơ bản"), _l("thiếu hụt ít nhất một chỉ số đã chọn"))
    age_min = forms.IntegerField(label=_l("Thành viên: tuổi từ"), required=False, min_value=0, max_value=MAX_AGE)
    age_max = forms.IntegerField(label=_l("Thành viên: tuổi đến"), required=False, min_value=0, max_value=MAX_AGE,
                                 help_text=_l("tuổi tròn tại ngày xét; dưới 5 tuổi là “đến 4”"))
    schooling = _multiple(Schooling.choices, _l("Thành viên: tình trạng đi học"))
    work = _multiple(Work.choices, _l("Thành viên: việc làm"))
    sex = _multiple(Sex.choices, _l("Thành viên: giới tính"))
    health_insurance = forms.ChoiceField(label=_l("Thành viên: thẻ BHYT"), choices=INSURANCE_CHOICES, required=False)

    class Meta:
        model = Policy
        fields = ["code", "name", "project", "agency_kind", "beneficiary", "measure", "period", "allows_repeats",
                  "needs_id_number", "rule", "legal_basis", "is_active", "indicator"]
        labels = {"rule": _l("Điều kiện thụ hưởng (JSON, nâng cao)")}
        help_texts = {"rule": _l("Chỉ dùng khi không chọn điều kiện nào ở trên.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deprivations"].choices = _deprivation_choices()
        self.fields["rule"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial.update(rule_to_fields(self.instance.rule))

    def clean(self):
        """With any builder field filled in, the rule is the builder's; Policy.clean then checks it (check_rule)."""
        data = super().clean()
        self.built = any(data.get(name) not in (None, "", []) for name in BUILDER_FIELDS)
        if self.built:
            if data.get("age_min") is not None and data.get("age_max") is not None \
                    and data["age_min"] > data["age_max"]:
                self.add_error("age_max", _("Tuổi đến (%(b)s) nhỏ hơn tuổi từ (%(a)s).")
                               % {"a": data["age_min"], "b": data["age_max"]})
            else:
                data["rule"] = fields_to_rule(data)
        return data

    def _post_clean(self):
        super()._post_clean()
        # a built rule that check_rule refuses is the builder's fault, not the JSON box's
        if getattr(self, "built", False) and "rule" in self._errors:
            for message in self._errors.pop("rule"):
                self.add_error("statuses", message)


def fields_to_rule(data):
    """The builder's fields as a rule of support.rules: the parts all hold."""
    parts = []
    if data.get("statuses"):
        parts.append({"status": list(data["statuses"])})
    parts += [{"flag": flag} for flag in data.get("flags") or []]
    deprivations = [{"deprivation": code} for code in data.get("deprivations") or []]
    if deprivations:
        parts.append(deprivations[0] if len(deprivations) == 1 else {"any": deprivations})
    member = {key: data[key] for key in ("age_min", "age_max") if data.get(key) is not None}
    member |= {key: list(data[key]) for key in ("schooling", "work", "sex") if data.get(key)}
    if data.get("health_insurance"):
        member["health_insurance"] = data["health_insurance"] == "yes"
    if member:
        parts.append({"member": member})
    return parts[0] if len(parts) == 1 else {"all": parts}


def rule_to_fields(rule):
    """The builder's initial values of `rule`, or {} when it has another shape (then only the JSON shows it)."""
    parts = rule.get("all") if isinstance(rule, dict) and list(rule) == ["all"] else [rule]
    fields = {}
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, dict) or len(part) != 1:
            return {}
        (key, value), = part.items()
        if key == "status" and "statuses" not in fields:
            values = value if isinstance(value, list) else [value]
            if any(v not in STATUSES for v in values):
                return {}
            fields["statuses"] = values
        elif key == "flag":
            fields.setdefault("flags", []).append(value)
        elif key in ("deprivation", "any") and "deprivations" not in fields:
            items = value if key == "any" else [part]
            if not all(isinstance(i, dict) and list(i) == ["deprivation"] for i in items):
                return {}
            fields["deprivations"] = [i["deprivation"] for i in items]
        elif key == "member" and "member" not in fields and isinstance(value, dict):
            fields["member"] = True
            for name in MEMBER_FIELDS:
                if name in value:
                    fields[name] = value[name]
            if "health_insurance" in value:
                fields["health_insurance"] = "yes" if value["health_insurance"] else "no"
        else:
            return {}
    fields.pop("member", None)
    return fields if fields_to_rule(fields) == rule else {}
