"""Scoped access to import batches: a scoped user sees the imports made within its subtree.
Pages and API endpoints load batches only through these; missing and forbidden are both 404."""

from django.db.models import QuerySet
from django.http import Http404

from zerobay.accounts.scope import within_scope

from .models import ImportBatch


def visible_batches(user) -> QuerySet[ImportBatch]:
    return within_scope(ImportBatch.objects.select_related("created_by"), user, "scope_path")


def access_batch_by_id(user, pk: int) -> ImportBatch:
    try:
        return visible_batches(user).get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404("No such import") from None
