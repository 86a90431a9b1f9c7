"""Registry actions: plain functions the pages, the API and commands call."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.access import require
from zerobay.accounts import audit

from .access import can_edit_enterprise, can_see_path, sees_whole_district
from .models import Enterprise, OrgUnit
from .signals import registry_changed

EDITABLE_FIELDS = ("name", "org_unit", "founded", "above_scale", "industries")


def _plain(value):
    """A value as the audit record keeps it (JSON)."""
    if isinstance(value, OrgUnit):
        return value.name
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _industry_names(industries) -> list[str]:
    return sorted(i.name for i in industries)


def update_enterprise(enterprise: Enterprise, *, acting_user, **changes) -> dict[str, list]:
    """Corrects an enterprise's registry facts (the keys of EDITABLE_FIELDS).

    Refuses with PermissionDenied when the user may not edit this enterprise, and with
    ValidationError ({field: message}) for a bad value, including an org unit outside the user's
    subtree. Saves and writes one audit record with {field: [old, new]}, in one transaction.
    Returns the changes (empty when nothing changed; then nothing is written)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    require(can_edit_enterprise(acting_user, enterprise))

    errors = {}
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        if not changes["name"]:
            errors["name"] = _("The name cannot be empty.")
        elif len(changes["name"]) > 200:
            errors["name"] = _("The name is too long (at most 200 characters).")
    if "org_unit" in changes:
        unit = changes["org_unit"]
        if unit is None and not sees_whole_district(acting_user):
            errors["org_unit"] = _("Choose an org unit of your own subtree.")
        elif unit is not None and not can_see_path(acting_user, unit.path):
            errors["org_unit"] = _("You cannot move an enterprise outside your own org unit.")
    if "founded" in changes and changes["founded"] and changes["founded"] > timezone.localdate():
        errors["founded"] = _("The founding date cannot be in the future.")
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        current = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        diff: dict[str, list] = {}
        for field in ("name", "org_unit", "founded", "above_scale"):
            if field not in changes:
                continue
            old, new = getattr(current, field), changes[field]
            if old != new:
                diff[field] = [_plain(old), _plain(new)]
                setattr(current, field, new)
        if "industries" in changes:
            old_set = set(current.industries.all())
            new_set = set(changes["industries"])
            if old_set != new_set:
                diff["industries"] = [_industry_names(old_set), _industry_names(new_set)]
        if not diff:
            return {}
        current.save()
        if "industries" in diff:
            current.industries.set(new_set)
        audit.record(
            "registry.enterprise.updated",
            actor=acting_user,
            obj=current,
            org_unit_path=current.org_path,
            summary=f"{current.name}（{current.uscc}）",
            changes=diff,
        )
        reason = f"enterprise {current.uscc} edited"
        transaction.on_commit(lambda: registry_changed.send(sender=Enterprise, reason=reason))
    # The caller's instance shows the saved state.
    for field in ("name", "org_unit", "founded", "above_scale", "org_path", "updated_at"):
        setattr(enterprise, field, getattr(current, field))
    return diff
