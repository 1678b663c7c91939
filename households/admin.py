"""Django admin for the reference data of the households app: poverty standards and their indicators.

Households, members and reviews are edited through the app's own pages (scoped, audited services).
"""
from django.contrib import admin

from households import admin_procedure  # noqa: F401  (registers the procedure's view-only admins)
from households.models import DeprivationIndicator, PovertyStandard
from povertyplan.audit import record, snapshot

STANDARD_FIELDS = ["code", "name", "legal_basis", "valid_from", "valid_to", "poor_line_rural", "poor_line_urban",
                   "average_line_rural", "average_line_urban", "min_deprivations", "notes", "confirmed",
                   "average_confirmed", "province", "local_use"]


class DeprivationIndicatorInline(admin.TabularInline):
    model = DeprivationIndicator
    extra = 0
    fields = ["order", "code", "service", "name"]


@admin.register(PovertyStandard)
class PovertyStandardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "valid_from", "valid_to", "poor_line_rural", "poor_line_urban",
                    "min_deprivations", "confirmed", "average_confirmed"]
    list_filter = ["confirmed", "province"]
    raw_id_fields = ["province"]
    list_select_related = ["province"]
    inlines = [DeprivationIndicatorInline]

    def save_model(self, request, obj, form, change):
        # The admin view runs in a transaction, so the audit row commits with the change.
        before = snapshot(PovertyStandard.objects.get(pk=obj.pk), STANDARD_FIELDS) if change else None
        super().save_model(request, obj, form, change)
        record(actor=request.user, action="standard.change" if change else "standard.create", obj=obj,
               before=before, after=snapshot(obj, STANDARD_FIELDS))
