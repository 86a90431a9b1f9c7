"""Scoped access to import batches: a scoped user sees the imports made within its subtree.
Pages and API endpoints load batches only through these; missing and forbidden are both 404."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.scope import within_scope

from .models import ImportBatch


def visible_batches(user) -> QuerySet[ImportBatch]:
    return within_scope(ImportBatch.objects.select_related("created_by"), user, "scope_path")


def access_batch_by_id(user, pk: int) -> ImportBatch:
    return load_or_404(visible_batches(user), pk=pk)


def can_import_data(user) -> Decision:
    """Uploading, confirming and cancelling imports: operators and district admins."""
    if not user.can_import:
        return refuse(_("This account is read-only and cannot import data"))
    return ALLOWED
