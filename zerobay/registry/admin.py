"""The registry in Django's admin, for district administrators maintaining reference data."""

from django.contrib import admin
from django.db import transaction

from zerobay.accounts import audit

from .models import Carrier, Enterprise, Industry, OrgUnit, Qualification, Unit
from .signals import registry_changed


def _plain(value):
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits leave the same audit records as edits through the pages: what changed from what."""

    def save_model(self, request, obj, form, change):
        changes = {
            f: [_plain(form.initial.get(f)), _plain(form.cleaned_data.get(f))] for f in form.changed_data
        }
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = "updated" if change else "created"
            audit.record(
                f"{obj._meta.app_label}.{obj._meta.model_name}.{action}",
                actor=request.user,
                obj=obj,
                org_unit_path=_org_path(obj),
                summary=f"{obj} ({action} in the admin)",
                changes=changes,
            )
            _announce(obj)

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                f"{obj._meta.app_label}.{obj._meta.model_name}.deleted",
                actor=request.user,
                obj=obj,
                org_unit_path=_org_path(obj),
                summary=f"{obj} (deleted in the admin)",
            )
            super().delete_model(request, obj)
            _announce(obj)


def _announce(obj) -> None:
    """Enterprise and qualification edits change figures computed from the registry."""
    if isinstance(obj, Enterprise | Qualification):
        reason = f"{obj._meta.model_name} edited in the admin"
        transaction.on_commit(lambda: registry_changed.send(sender=type(obj), reason=reason))


def _org_path(obj) -> str:
    if isinstance(obj, OrgUnit):
        return obj.path
    unit = getattr(obj, "org_unit", None)
    return unit.path if unit else ""


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "parent", "source")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    readonly_fields = ("path",)


@admin.register(Industry)
class IndustryAdmin(AuditedAdmin):
    list_display = ("code", "name", "scheme", "level", "parent")
    list_filter = ("scheme", "level")
    search_fields = ("code", "name")


class QualificationInline(admin.TabularInline):
    model = Qualification
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdmin):
    list_display = ("name", "uscc", "org_unit", "above_scale", "source")
    list_filter = ("above_scale", "org_unit")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("industries",)
    inlines = [QualificationInline]


@admin.register(Carrier)
class CarrierAdmin(AuditedAdmin):
    list_display = ("name", "kind", "level", "operator", "org_unit", "source")
    list_filter = ("kind", "level")
    search_fields = ("name", "operator")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("code", "name", "short_name", "kind", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name", "short_name")
