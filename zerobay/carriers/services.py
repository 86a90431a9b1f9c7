"""Carrier actions the pages and the API call."""

from zerobay.statistics.importing.pipeline import run_batch
from zerobay.statistics.models import ImportBatch
from zerobay.statistics.periods import Period
from zerobay.statistics.services import create_batch
from zerobay.tabular.issues import ImportReport

from .reportform import CARRIER_ANNUAL


def file_statistics(
    *,
    user,
    source,
    original_name: str,
    year: int,
    skip_invalid: bool = False,
    dry_run: bool = False,
    channel=None,
) -> tuple[ImportBatch, ImportReport]:
    """A carrier's annual statistics workbook through the statistics pipeline, validated and
    imported at once (a carrier's file is a row or a few). The pipeline checks that the uploader
    files only for carriers it may (its own, for a carrier operator). ImportRefused when the
    upload itself is refused (role, file type)."""
    batch = create_batch(
        source=source,
        original_name=original_name,
        form_code=CARRIER_ANNUAL.code,
        period=Period(year),
        user=user,
        channel=channel or ImportBatch.Channel.WEB,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )
    return batch, run_batch(batch, commit=True)
