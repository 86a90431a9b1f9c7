"""Import actions: create a batch from a file, validate it, import it. Used by the CLI, the web
pages, the API and the demo alike."""

import datetime
import hashlib
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.registry.access import NOTHING, scope_path
from zerobay.tabular.issues import ImportReport
from zerobay.tabular.reading import SUFFIXES

from .importing.pipeline import Progress, run_batch
from .importing.targets import TARGETS
from .models import ImportBatch
from .periods import Period, PeriodType
from .reportforms import FORMS

log = logging.getLogger(__name__)


class ImportRefused(ValueError):
    """The request cannot start an import; the message says why (translated)."""


def check_period(form_code: str, period: Period) -> None:
    form = FORMS[form_code]
    if form.period_type != period.type:
        expected = (
            _("a year (e.g. 2025)") if form.period_type == PeriodType.YEAR else _("a month (e.g. 2025-03)")
        )
        raise ImportRefused(
            _('%(form)s: the report period should be %(expected)s, not "%(period)s"')
            % {"form": form.name, "expected": expected, "period": period}
        )


def create_batch(
    *,
    source,
    original_name: str,
    form_code: str,
    period: Period,
    user=None,
    channel=ImportBatch.Channel.WEB,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> ImportBatch:
    """Stores the uploaded file (a path or a file object) and records a new batch for it."""
    if form_code not in FORMS:
        raise ImportRefused(_('Unknown report form "%(form)s"') % {"form": form_code})
    check_period(form_code, period)
    target = TARGETS.get(form_code)  # a higher app's form says who may file it (see targets.py)
    if user is not None and not (target.may_import(user) if target else user.can_import):
        raise ImportRefused(_("This account is read-only and cannot import data"))
    suffix = Path(original_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(
            _('Unsupported file type "%(suffix)s": upload an xlsx, xls, xlsb, ods or csv file')
            % {"suffix": suffix or _("no extension")}
        )
    prefix = scope_path(user) if user is not None else None
    if prefix == NOTHING and target is not None:
        prefix = None  # the target's resolve limits such a user to its own records
    elif prefix == NOTHING:
        raise ImportRefused(
            _(
                "This account has no park assigned and cannot import data: "
                "contact the district S&T commission's administrator"
            )
        )
    batch = ImportBatch(
        form=form_code,
        year=period.year,
        month=period.number or None,
        original_name=original_name[:255],
        channel=channel,
        created_by=user,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        scope_path=prefix or "",
    )
    digest = hashlib.sha256()
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
            fh.seek(0)
            batch.file.save(Path(original_name).name, File(fh), save=False)
    else:
        for chunk in source.chunks():
            digest.update(chunk)
        source.seek(0)
        batch.file.save(Path(original_name).name, source, save=False)
    batch.sha256 = digest.hexdigest()
    batch.save()
    return batch


def import_file(
    path: str | Path,
    *,
    form_code: str,
    period: Period,
    user=None,
    channel=ImportBatch.Channel.CLI,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportBatch, ImportReport]:
    """Validates and imports a file in this process (the CLI and the demo)."""
    batch = create_batch(
        source=path,
        original_name=Path(path).name,
        form_code=form_code,
        period=period,
        user=user,
        channel=channel,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )
    return batch, run_batch(batch, commit=True, progress=progress)


def upload_for_validation(**batch) -> ImportBatch:
    """The web upload: stores the file as a new batch (see `create_batch` for the arguments) and
    queues its validation, in one transaction."""
    with transaction.atomic():
        created = create_batch(**batch)
        start_validation(created)
    return created


def start_validation(batch: ImportBatch) -> None:
    """Validates the batch off the request (the task worker), after the batch row is committed."""
    from .tasks import validate_batch

    transaction.on_commit(lambda: validate_batch.enqueue(batch.pk))


def confirm_import(batch: ImportBatch, *, user, skip_invalid: bool) -> None:
    """Imports a validated batch off the request."""
    from .tasks import import_batch

    if batch.dry_run:
        raise ImportRefused(
            _("Import #%(id)s is a dry run and writes no data: upload it again") % {"id": batch.pk}
        )
    if batch.status != ImportBatch.Status.VALIDATED:
        raise ImportRefused(
            _('Import #%(id)s is "%(status)s" and cannot be confirmed')
            % {"id": batch.pk, "status": batch.get_status_display()}
        )
    if batch.error_count and not skip_invalid:
        raise ImportRefused(
            _(
                'The file has rows with errors: correct them and upload it again, or choose "import the valid rows only"'
            )
        )
    if batch.rows_valid == 0:
        raise ImportRefused(_("The file has no valid rows to import"))
    updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.VALIDATED).update(
        # The validation's counts are not the import's: the page shows a waiting bar until it starts.
        status=ImportBatch.Status.IMPORTING,
        skip_invalid=skip_invalid,
        phase="queued",
        progress_done=0,
        progress_total=0,
    )
    if not updated:  # someone else confirmed it a moment ago
        raise ImportRefused(_("Import #%(id)s is already being processed") % {"id": batch.pk})
    transaction.on_commit(lambda: import_batch.enqueue(batch.pk))


def cancel_import(batch: ImportBatch, *, user) -> None:
    if batch.status not in (ImportBatch.Status.VALIDATED, ImportBatch.Status.UPLOADED):
        raise ImportRefused(
            _('Import #%(id)s is "%(status)s" and cannot be cancelled')
            % {"id": batch.pk, "status": batch.get_status_display()}
        )
    batch.status = ImportBatch.Status.CANCELLED
    batch.save(update_fields=["status"])


def import_in_worker(batch: ImportBatch) -> None:
    """Validates and imports the batch in the task worker, as `zerobay import` would (the API's
    `wait`): a file that takes down the process reading it takes down the worker, never the web
    process, and the restarted worker fails the batch for retry. Called outside a transaction
    (the API's upload is committed already), so the worker finds the batch."""
    from .tasks import import_batch

    import_batch.enqueue(batch.pk)


def wait_for(batch: ImportBatch, seconds: float) -> ImportBatch:
    """The batch once it has finished, or as it stands after `seconds` (still running)."""
    deadline = time.monotonic() + seconds
    while True:
        batch.refresh_from_db()
        if batch.status not in (*RUNNING, ImportBatch.Status.UPLOADED) or time.monotonic() >= deadline:
            return batch
        time.sleep(0.25)


# Batches whose file is worth nothing once the retention period has passed: nothing of them was
# imported. Imported batches keep their file: it is the provenance of every figure they wrote.
UNIMPORTED = (ImportBatch.Status.REJECTED, ImportBatch.Status.FAILED, ImportBatch.Status.CANCELLED)
RUNNING = (ImportBatch.Status.VALIDATING, ImportBatch.Status.IMPORTING)


def prune_import_files(*, days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Removes the stored files of rejected, failed, cancelled and dry-run batches finished more than
    `days` ago (ZEROBAY_REJECTED_FILE_DAYS), after cancelling the checked batches nobody confirmed in
    that time; the batches and their reports stay. Returns how many files were removed."""
    days = settings.ZEROBAY_REJECTED_FILE_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    # A checked file nobody confirmed within the period is superseded (uploaded again, or given up).
    ImportBatch.objects.filter(
        status=ImportBatch.Status.VALIDATED, dry_run=False, finished_at__lt=cutoff
    ).update(
        status=ImportBatch.Status.CANCELLED, message=_("Not confirmed within %(days)s days") % {"days": days}
    )
    stale = ImportBatch.objects.filter(finished_at__lt=cutoff).exclude(file="")
    stale = stale.filter(status__in=UNIMPORTED) | stale.filter(dry_run=True)
    removed = 0
    for batch in stale.only("pk", "file"):
        batch.file.delete(save=False)
        ImportBatch.objects.filter(pk=batch.pk).update(file="")
        removed += 1
    return removed


def recover_interrupted_batches() -> int:
    """At the start of the task worker: the web and API batches still validating or importing were
    left by a worker that died (there is one worker); they are failed with the reason, so that the
    user can retry them. Command-line imports run in their own process and are left alone."""
    return ImportBatch.objects.filter(
        status__in=RUNNING, channel__in=(ImportBatch.Channel.WEB, ImportBatch.Channel.API)
    ).update(
        status=ImportBatch.Status.FAILED,
        phase="",
        finished_at=timezone.now(),
        message=_("The task worker stopped while working on this import; nothing was imported. Retry it."),
    )


def retry_import(batch: ImportBatch, *, user) -> None:
    """A failed batch whose file is still stored is validated again from the start."""
    if batch.status != ImportBatch.Status.FAILED or not batch.file:
        raise ImportRefused(
            _('Import #%(id)s is "%(status)s" and cannot be retried')
            % {"id": batch.pk, "status": batch.get_status_display()}
        )
    with transaction.atomic():
        updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.FAILED).update(
            status=ImportBatch.Status.UPLOADED, message="", finished_at=None, report={}
        )
        if not updated:
            raise ImportRefused(_("Import #%(id)s is already being processed") % {"id": batch.pk})
        batch.refresh_from_db()
        start_validation(batch)
