"""Writing audit records. Every write that matters calls `record` inside its transaction."""

from typing import Any

from .models import AuditRecord


def record(
    action: str,
    *,
    actor: Any,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    org_unit_path: str = "",
    summary: str = "",
    changes: dict | None = None,
) -> AuditRecord:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditRecord.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        org_unit_path=org_unit_path,
        summary=summary[:500],
        changes=changes or {},
    )
