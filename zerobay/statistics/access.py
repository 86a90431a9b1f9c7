"""Scoped access to import batches: a scoped user sees the imports made within its subtree.
Pages and API endpoints load batches only through these; missing and forbidden are both 404."""

from django.db.models import QuerySet
from django.http import Http404

from zerobay.accounts.scope import NOTHING, scope_path

from .models import ImportBatch


def visible_batches(user) -> QuerySet[ImportBatch]:
    prefix = scope_path(user)
    batches = ImportBatch.objects.select_related("created_by")
    if prefix is None:
        return batches
    return batches.none() if prefix == NOTHING else batches.filter(scope_path__startswith=prefix)


def access_batch_by_id(user, pk: int) -> ImportBatch:
    try:
        return visible_batches(user).get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404("No such import") from None
