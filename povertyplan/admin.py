"""Django admin for reference data (administrators only), with the unit-list upload."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from povertyplan import services
from povertyplan.audit import record, snapshot
from povertyplan.forms import UnitImportForm, UnitMappingImportForm
from povertyplan.lib.tabular import ImportFailed
from povertyplan.models import AdministrativeUnit, AuditEvent, Officer, UnitOffice, UnitSuccession

admin.site.site_header = "povertyplan"
admin.site.site_title = "povertyplan"


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    raw_id_fields = ["successor"]
    extra = 0


class OfficeInline(admin.TabularInline):
    model = UnitOffice
    extra = 0


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "area", "valid_from", "valid_to"]
    list_filter = ["kind", "area"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    inlines = [SuccessionInline, OfficeInline]
    list_select_related = ["parent"]
    change_list_template = "admin/povertyplan/administrativeunit/change_list.html"

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="unit_import"),
                path("mapping/", self.admin_site.admin_view(self.mapping_view), name="unit_mapping_import"),
                ] + super().get_urls()

    def save_model(self, request, obj, form, change):
        # The admin view runs in a transaction, so the audit row commits with the change.
        before = snapshot(AdministrativeUnit.objects.get(pk=obj.pk), services.UNIT_FIELDS) if change else None
        super().save_model(request, obj, form, change)
        services.rebuild_paths()  # a new or moved unit gets its path
        record(actor=request.user, action="unit.change" if change else "unit.create", obj=obj, unit=obj,
               before=before, after=snapshot(obj, services.UNIT_FIELDS))

    def import_view(self, request):
        form = UnitImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = services.units_import(actor=request.user, file=upload, filename=upload.name,
                                               valid_from=form.cleaned_data["valid_from"])
            except ImportFailed as exc:
                errors = exc.errors
            else:
                messages.success(request, _("Đã nhập: %(created)s đơn vị mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
                                 % result.__dict__)
                return redirect("admin:povertyplan_administrativeunit_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "errors": errors,
                   "opts": self.model._meta, "title": _("Nhập danh mục đơn vị hành chính")}
        return render(request, "admin/povertyplan/unit_import.html", context)

    def mapping_view(self, request):
        """The old → new arrangement (sắp xếp đơn vị hành chính) from a file: all rows or none."""
        if not self.has_change_permission(request):  # staff without the right to change units
            raise PermissionDenied
        form = UnitMappingImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = services.unit_mapping_import(actor=request.user, file=upload, filename=upload.name,
                                                      effective_on=form.cleaned_data["effective_on"])
            except ImportFailed as exc:
                errors = exc.errors
            else:
                messages.success(request, _("Đã nhập bảng sắp xếp: %(created_units)s đơn vị cũ mới tạo, %(successions)s "
                                            "cặp kế thừa mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
                                 % result.__dict__)
                return redirect("admin:povertyplan_administrativeunit_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "errors": errors,
                   "opts": self.model._meta, "title": _("Nhập bảng sắp xếp đơn vị hành chính (cũ → mới)")}
        return render(request, "admin/povertyplan/unit_mapping_import.html", context)


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["unit"]
    list_select_related = ["user", "unit"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is append-only: readable here, never edited."""

    list_display = ["at", "actor", "action", "object_type", "object_id", "object_repr", "unit"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor", "unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
