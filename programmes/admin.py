"""Admin for reference data only: plans, agencies and targets are written through the app's pages
(services keep the audit trail and the lock of issued plans)."""
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from povertyplan.lib.tabular import ImportFailed
from programmes.forms.structure import StructureImportForm
from programmes.models import Indicator, Programme, ProgrammeGoal, Project, PublicHoliday
from programmes.services.structure import REQUIRED, programme_structure_import


class ProjectInline(admin.TabularInline):
    model = Project
    fields = ["code", "number", "parent", "name", "position"]
    extra = 0


class GoalInline(admin.TabularInline):
    model = ProgrammeGoal
    fields = ["position", "scope", "measure", "value_min", "value_max", "text"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "start_year", "end_year", "structure_confirmed"]
    inlines = [GoalInline, ProjectInline]
    change_form_template = "admin/programmes/programme/change_form.html"

    def get_urls(self):
        return [path("<int:pk>/structure-import/", self.admin_site.admin_view(self.structure_import_view),
                     name="programme_structure_import")] + super().get_urls()

    def structure_import_view(self, request, pk):
        """Nhập cơ cấu (dự án, tiểu dự án, chỉ tiêu) from a file; every error listed, nothing saved."""
        programme = get_object_or_404(Programme, pk=pk)
        if not self.has_change_permission(request, programme):
            return redirect("admin:index")
        form = StructureImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = programme_structure_import(actor=request.user, programme=programme, file=upload,
                                                    filename=upload.name, confirmed=form.cleaned_data["confirmed"])
            except ImportFailed as exc:
                errors = exc.errors
            else:
                messages.success(request, _("Đã nhập cơ cấu %(programme)s: %(projects)s dự án, tiểu dự án; "
                                            "%(indicators)s chỉ tiêu; xóa %(removed)s dòng cũ.")
                                 % {"programme": programme, **result.__dict__})
                return redirect("admin:programmes_programme_change", programme.pk)
        context = {**self.admin_site.each_context(request), "form": form, "errors": errors, "programme": programme,
                   "columns": REQUIRED, "opts": self.model._meta,
                   "title": _("Nhập cơ cấu chương trình: %(programme)s") % {"programme": programme}}
        return render(request, "admin/programmes/structure_import.html", context)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "source", "additive", "aggregation", "programme", "position"]
    list_filter = ["programme", "source", "additive", "aggregation"]
    search_fields = ["code", "name"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    """Ngày nghỉ lễ, Tết: kept up to date each year from the government's announcement of days off."""

    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    search_fields = ["name"]
