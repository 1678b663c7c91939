"""Policies are edited by administrators in Django admin with the guided rule builder (support.rule_form): the
form writes the JSON grammar of support.rules, checked by Policy.clean() when saved (a rule that cannot be
evaluated is refused with its message), so rules change without a deploy. Support records are written by
agencies in the app."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from support.models import Policy
from support.rule_form import PolicyForm


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    form = PolicyForm
    list_display = ["name", "code", "project", "agency_kind", "beneficiary", "measure", "is_active"]
    list_filter = ["agency_kind", "beneficiary", "is_active"]
    search_fields = ["name", "code"]
    fieldsets = [
        (None, {"fields": ["code", "name", "project", "agency_kind", "beneficiary", "measure", "period",
                           "allows_repeats", "needs_id_number", "legal_basis", "is_active", "indicator"]}),
        (_("Điều kiện thụ hưởng: mọi điều kiện đã chọn đều phải đúng"),
         {"fields": ["statuses", "flags", "deprivations", ("age_min", "age_max"), "schooling", "work", "sex",
                     "health_insurance"]}),
        (_("Điều kiện thụ hưởng dạng JSON (nâng cao)"), {"classes": ["collapse"], "fields": ["rule"]}),
    ]
