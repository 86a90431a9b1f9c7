"""What keeps the materialised indicators current: recompute after every import and registry
change, and bring the shipped published figures into the database after every migrate."""

import logging

from .engine.compute import recompute
from .figures import sync_published

log = logging.getLogger(__name__)


def after_import(sender, batch, changed=True, **kwargs):
    # Only the imported year changes (a monthly file changes its months, quarters and year), and
    # nothing when the file repeated what was stored (the same file again: the figures stand).
    # The import is committed whatever happens here: a failed recompute is logged (the figures stay
    # those of the previous run until the next one), never turned into a failed import.
    if not changed:
        log.info("import #%s changed no report: indicators not recomputed", batch.pk)
        return
    try:
        recompute(f"import #{batch.pk}", years=[batch.year])
    except Exception:
        log.exception("indicator recompute after import #%s failed", batch.pk)


def after_registry_change(sender, reason="registry change", **kwargs):
    # In the task worker: a web request that edited an enterprise returns at once. (An import's
    # recompute above runs in the worker already, where the import itself runs.)
    from .tasks import recompute_indicators

    recompute_indicators.enqueue(str(reason))


def after_migrate(sender, **kwargs):
    counts = sync_published()
    if any(counts.values()):
        log.info("published figures: %s", counts)
