"""The import to-dos on an importer's home (web.todos)."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.web.todos import Todo

from .access import visible_batches
from .models import ImportBatch

RECENT_DAYS = 30


def import_todos(user, today: datetime.date) -> list[Todo]:
    if not (user.is_authenticated and user.can_import):
        return []
    since = today - datetime.timedelta(days=RECENT_DAYS)
    mine = visible_batches(user).filter(created_at__date__gte=since)
    listing = reverse("import-list")
    status = ImportBatch.Status
    wanted = (
        (status.VALIDATED, _("Imports awaiting confirmation"), "amber"),
        (status.FAILED, _("Imports that failed (retry them)"), "red"),
        (status.REJECTED, _("Imports rejected for errors in the last 30 days"), "blue"),
    )
    counts = dict(
        mine.exclude(dry_run=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
    return [
        Todo(label, counts.get(code, 0), f"{listing}?status={code}", tone, key=f"statistics.{code}")
        for code, label, tone in wanted
    ]
