from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditRecord, User


@admin.register(User)
class ZerobayUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("zerobay", {"fields": ("role", "org_unit", "enterprise", "unit", "carrier")}),
    )
    list_display = ("username", "role", "org_unit", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("enterprise",)  # 250,000 enterprises: no drop-down


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action",)
    search_fields = ("object_id", "summary")
    readonly_fields = [f.name for f in AuditRecord._meta.fields]

    # The log is evidence: nobody adds, edits or deletes a record through any interface.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
