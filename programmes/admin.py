"""Admin for reference data only: plans, agencies and targets are written through the app's pages
(services keep the audit trail and the lock of issued plans)."""
from django.contrib import admin

from programmes.models import Indicator, Programme, Project, PublicHoliday


class ProjectInline(admin.TabularInline):
    model = Project
    fields = ["code", "number", "parent", "name", "position"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "start_year", "end_year"]
    inlines = [ProjectInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "source", "additive", "aggregation", "position"]
    list_filter = ["source", "additive", "aggregation"]
    search_fields = ["code", "name"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    """Ngày nghỉ lễ, Tết: kept up to date each year from the government's announcement of days off."""

    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    search_fields = ["name"]
