"""Background work of the indicators, run by the task worker (`zerobay worker`)."""

import logging

from django.tasks import task

from .engine.compute import recompute

log = logging.getLogger(__name__)


@task()
def recompute_indicators(reason: str) -> None:
    """Every indicator recomputed after a registry change: at district scale this takes seconds to
    minutes (8 s at 250,000 enterprises on SQLite), which an edit's web request must not wait for."""
    try:
        recompute(reason)
    except Exception:
        log.exception("indicator recompute after %s failed", reason)
