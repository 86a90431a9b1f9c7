"""Account pages: the audit log and the user's notifications. Login and logout are Django's own views (see urls.py)."""

from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from zerobay.access import require
from zerobay.web.pagination import paginate

from .access import can_read_audit
from .actions import action_choices, action_label
from .models import AuditRecord, Notification
from .notifications import mark_all_read, unread_count
from .scope import within_scope

AUDIT_PAGE_SIZE = 50

# Names of the fields and details audit records carry in `changes`.
CHANGE_LABELS = {
    "name": _("name"),
    "org_unit": _("org unit"),
    "founded": _("date founded"),
    "above_scale": _("above designated size"),
    "industries": _("industries"),
    "file": _("file"),
    "sha256": "SHA-256",
    "rows_imported": _("rows imported"),
    "created": _("created"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "enterprises_created": _("enterprises created"),
    "skipped_rows": _("rows skipped"),
}


def visible_audit_records(user) -> QuerySet[AuditRecord]:
    """District admins see every record; an operator those of its own org-unit subtree."""
    require(can_read_audit(user))
    return within_scope(AuditRecord.objects.select_related("actor"), user, "org_unit_path")


def _display(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return str(_(", ")).join(str(v) for v in value) or "—"
    return value


def _change_rows(changes) -> list[dict]:
    """{"field": [old, new]} pairs as rows; other details as plain key/value rows."""
    if not isinstance(changes, dict):
        return [{"field": "", "value": changes}]
    rows = []
    for key, value in changes.items():
        label = CHANGE_LABELS.get(key, key)
        if isinstance(value, list) and len(value) == 2:
            rows.append({"field": label, "old": _display(value[0]), "new": _display(value[1]), "diff": True})
        else:
            rows.append({"field": label, "value": _display(value)})
    return rows


def audit_list(request):
    records = visible_audit_records(request.user)
    action = request.GET.get("action", "")
    if action:
        records = records.filter(action=action)
    actor = request.GET.get("actor", "").strip()
    if actor:
        records = records.filter(actor__username=actor)
    page = paginate(request, records, AUDIT_PAGE_SIZE)
    for rec in page.object_list:
        rec.action_label = action_label(rec.action)
        rec.change_rows = _change_rows(rec.changes)
    return render(
        request,
        "accounts/audit_list.html",
        {
            "page_obj": page,
            "actions": action_choices(
                visible_audit_records(request.user).values_list("action", flat=True).distinct().order_by()
            ),
            "action": action,
            "actor": actor,
        },
    )


NOTIFICATION_PAGE_SIZE = 30


def notification_list(request):
    """The user's own notifications, newest first; POST marks them read."""
    mine = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        mark_all_read(request.user)
        return redirect("notification-list")
    page = paginate(request, mine, NOTIFICATION_PAGE_SIZE)
    return render(request, "accounts/notification_list.html", {"page_obj": page})


def notifications(request):
    """Context processor: the unread count shown in the top bar."""
    return {"unread_notifications": unread_count(request.user) if hasattr(request, "user") else 0}
