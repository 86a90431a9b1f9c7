"""What keeps the materialised indicators current: recompute after every import and registry
change, and bring the shipped published figures into the database after every migrate."""

import logging

from .engine.compute import recompute
from .figures import sync_published

log = logging.getLogger(__name__)


def after_import(sender, batch, **kwargs):
    # Only the imported year changes (a monthly file changes its months, quarters and year).
    recompute(f"import #{batch.pk}", years=[batch.year])


def after_registry_change(sender, reason="registry change", **kwargs):
    recompute(reason)


def after_migrate(sender, **kwargs):
    counts = sync_published()
    if any(counts.values()):
        log.info("published figures: %s", counts)
