"""Published figures in the admin: staff add targets (and correct the shipped ones' notes) with an
audit record; computation runs are shown read-only."""

from django.contrib import admin

from zerobay.registry.admin import AuditedAdmin

from .models import ComputationRun, PublishedFigure


@admin.register(PublishedFigure)
class PublishedFigureAdmin(AuditedAdmin):
    list_display = ("indicator", "scope", "year", "kind", "value", "unit", "source", "published")
    list_filter = ("kind", "scope", "source")
    search_fields = ("indicator", "source", "note")
    readonly_fields = ("entered_by", "updated_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ComputationRun)
class ComputationRunAdmin(admin.ModelAdmin):
    list_display = ("id", "trigger", "started_at", "seconds", "values_written", "definitions")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
