"""Background work of the import pipeline, run by the task worker (`zerobay worker`)."""

import logging

from django.tasks import task
from django.utils import timezone

from .importing.pipeline import run_batch
from .models import ImportBatch

log = logging.getLogger(__name__)


def _run(batch_id: int, commit: bool) -> None:
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        run_batch(batch, commit=commit)
    except Exception as exc:
        log.exception("import %s failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportBatch.Status.FAILED,
            finished_at=timezone.now(),
            phase="",
            message=f"{type(exc).__name__}: {exc}",
        )
        raise


@task()
def validate_batch(batch_id: int) -> None:
    _run(batch_id, commit=False)


@task()
def import_batch(batch_id: int) -> None:
    _run(batch_id, commit=True)
