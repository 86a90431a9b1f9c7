"""Setting up programmes in the admin: policies, clauses (conditions and materials validated),
calls with their score-sheet criteria, expert profiles. Applications, batches and payments are
read-only here: they move only through the services (the workflow, the budget and payment checks)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zerobay.registry.admin import AuditedAdmin

from . import eligibility
from .models import Application, ApprovalBatch, Call, Clause, ExpertProfile, Payment, Policy, ReviewCriterion


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = [
            "policy",
            "code",
            "number",
            "title",
            "text",
            "support_type",
            "amount_rule",
            "amount_rate",
            "amount_cap",
            "budget",
            "track",
            "conditions",
            "materials",
            "active",
        ]

    def clean_conditions(self):
        conditions = self.cleaned_data["conditions"]
        errors = eligibility.validate_conditions(conditions)
        if errors:
            raise ValidationError(errors)
        return conditions

    def clean_materials(self):
        materials = self.cleaned_data["materials"]
        if not isinstance(materials, list) or not all(
            isinstance(m, dict) and m.get("code") for m in materials
        ):
            raise ValidationError(
                _("The materials must be a list, each item with code, name, required, types")
            )
        return materials


@admin.register(Policy)
class PolicyAdmin(AuditedAdmin):
    list_display = ("code", "title", "issuer", "published_on", "budget")
    search_fields = ("code", "title")


@admin.register(Clause)
class ClauseAdmin(AuditedAdmin):
    form = ClauseForm
    list_display = ("code", "title", "policy", "support_type", "amount_cap", "budget", "active")
    list_filter = ("policy", "support_type", "active")
    search_fields = ("code", "title")


class CriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0


@admin.register(Call)
class CallAdmin(AuditedAdmin):
    list_display = ("code", "title", "policy", "opens_on", "closes_on", "budget")
    list_filter = ("policy",)
    filter_horizontal = ("clauses",)
    inlines = [CriterionInline]
    readonly_fields = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ExpertProfile)
class ExpertProfileAdmin(AuditedAdmin):
    list_display = ("user", "affiliation", "affiliated_enterprise")
    raw_id_fields = ("affiliated_enterprise",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "enterprise", "clause", "state", "approved_amount", "paid_amount")
    list_filter = ("state", "call")
    search_fields = ("code", "title", "enterprise__name")


@admin.register(ApprovalBatch)
class ApprovalBatchAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "policy", "state", "notice_from", "notice_to")


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("application", "instalment", "amount", "paid_on", "reference")
