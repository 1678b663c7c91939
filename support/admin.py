"""Policies are edited by administrators in Django admin: the rule is JSON of the support.rules grammar,
checked by Policy.clean() when the form is saved (a rule that cannot be evaluated is refused with its
message), so rules change without a deploy. Support records are written by agencies in the app."""
from django.contrib import admin

from support.models import Policy


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "project", "agency_kind", "beneficiary", "measure", "is_active"]
    list_filter = ["agency_kind", "beneficiary", "is_active"]
    search_fields = ["name", "code"]
