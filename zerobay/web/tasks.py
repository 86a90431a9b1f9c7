"""Background work of the shared parts, run by the task worker (`zerobay worker`)."""

import logging

from django.tasks import task

from . import versions

log = logging.getLogger(__name__)


@task()
def warm_caches(version: str) -> None:
    """The registered warmers for data version `version` (web.versions.warm)."""
    seconds = versions.warm(version)
    if seconds:
        log.info("caches warmed for data version %s: %s", version, seconds)
