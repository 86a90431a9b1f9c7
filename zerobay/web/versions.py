"""The version of the data the pages compute from: it changes with every import and every registry
change, so whatever is computed from reports and registry can be cached until then (`per_version`).

The version is a token in the shared cache, replaced by the import and registry signals (connected in
statistics/apps.py); a shared part, so that every app may cache by it (the registry too); a
token the cache lost is simply a new version, so nothing stale can be served."""

import datetime
import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)

KEY = "data-version"


def current() -> str:
    return str(cache.get_or_set(KEY, lambda: uuid.uuid4().hex, timeout=None))


def bump(*args, changed: bool = True, **kwargs) -> None:
    """A signal receiver: reports were imported, or the registry changed. An import that changed
    nothing (`changed=False`: the same file again) keeps the version, and with it every cached value
    and the warming already done."""
    if not changed:
        return
    version = uuid.uuid4().hex
    cache.set(KEY, version, timeout=None)
    schedule_warm(version)


# ---------------------------------------------------------------------------- warming
# What the district-wide pages compute per data version (a screening of every enterprise, the
# month's reporting chase) takes half a minute at 250,000 enterprises and minutes at a million: the
# first visitor after an import would wait for it, or time out. So the apps register warmers, and the
# task worker runs them once the change is committed and has settled (ZEROBAY_WARM_AFTER_SECONDS: a
# burst of registry edits is warmed once, by the task of the last version).

WARMERS: dict[str, Callable[[], object]] = {}


def register_warmer(name: str, warmer: Callable[[], object]) -> None:
    """`warmer()` computes, through the same cached functions the pages call, what a district-wide
    user's pages read: their cache entries are then there when the user comes."""
    WARMERS[name] = warmer


def warm(version: str | None = None) -> dict[str, float]:
    """Runs every warmer; seconds each took. Nothing when `version` is no longer the current one (a
    later change has queued its own warming). A failing warmer is logged: its page computes on demand."""
    if version is not None and version != current():
        return {}
    seconds = {}
    for name, warmer in WARMERS.items():
        start = time.monotonic()
        try:
            warmer()
        except Exception:
            log.exception("warming %s failed", name)
        seconds[name] = round(time.monotonic() - start, 3)
    return seconds


def schedule_warm(version: str) -> None:
    """Queues the warming of `version` for the task worker, once the change that made it commits."""
    delay = settings.ZEROBAY_WARM_AFTER_SECONDS
    if delay is None:
        return
    from .tasks import warm_caches

    task = warm_caches
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    transaction.on_commit(lambda: task.enqueue(version))


# A value stays as long as its data version is current (a day's idle time included: the key names the
# version, so nothing stale can be read; entries of past versions are culled with the cache's oldest).
TIMEOUT = 24 * 3600
# While one process computes a value, the others wait up to this long for it rather than all
# computing it at once (ten users opening a district-wide page right after an import).
WAIT_SECONDS = 60
_MISSING = object()


def per_version(name: str, parts, compute):
    """`compute()`, cached until the data change. `parts` tell the variants apart (scope, period, day...)."""
    key = ":".join([name, current(), *(str(p) for p in parts)])
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    lock = f"{key}:computing"
    if not cache.add(lock, 1, timeout=WAIT_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if (found := cache.get(key, _MISSING)) is not _MISSING:
                return found
    try:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    finally:
        cache.delete(lock)
    return value


CHUNK = 1000  # list items a cache entry holds: a few dozen entries for a district's month


class CachedList(Sequence):
    """A long list cached per data version in chunks (`per_version_list`): a page of it unpickles
    only its own chunk; a chunk the cache lost is rebuilt from `compute`."""

    def __init__(self, key: str, count: int, compute: Callable[[], list]):
        self.key, self._count, self.compute = key, count, compute
        self._chunks: dict[int, list] = {}

    def __len__(self) -> int:
        return self._count

    def count(self, *_value) -> int:  # type: ignore[override]  # Django's Paginator asks for count()
        return self._count

    def _chunk(self, i: int) -> list:
        if i not in self._chunks:
            items = cache.get(f"{self.key}:{i}")
            self._chunks[i] = items if items is not None else self.compute()[i * CHUNK : (i + 1) * CHUNK]
        return self._chunks[i]

    def __getitem__(self, index):
        if isinstance(index, int):
            index = index if index >= 0 else self._count + index
            return self._chunk(index // CHUNK)[index % CHUNK]
        start, stop, _step = index.indices(self._count)
        if stop <= start:
            return []
        out: list = []
        for i in range(start // CHUNK, (stop - 1) // CHUNK + 1):
            out += self._chunk(i)
        first = (start // CHUNK) * CHUNK
        return out[start - first : stop - first]


def per_version_list(name: str, parts, compute: Callable[[], list]) -> CachedList:
    """`compute()` (a list), cached until the data change like `per_version`, but in chunks, for the
    pages that show one page of tens of thousands of items."""

    def store() -> tuple[str, int]:
        items = compute()
        key = ":".join([name, "chunks", uuid.uuid4().hex])
        cache.set_many(
            {f"{key}:{i}": items[i * CHUNK : (i + 1) * CHUNK] for i in range(len(items) // CHUNK + 1)},
            timeout=TIMEOUT,
        )
        return key, len(items)

    key, count = per_version(name, parts, store)
    return CachedList(key, count, compute)


def query_key(queryset) -> str | None:
    """A digest of the query's own SQL and parameters (so scopes and filters never share a cache
    entry); None for a query that can only be empty (e.g. `.none()`: a reader who sees nothing)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()


def count_per_version(queryset) -> int:
    """`queryset.count()`, cached until the data change: a filtered count over a district's registry
    (every valid high-tech enterprise, say) reads most of it, where the page itself reads 50 rows."""
    key = query_key(queryset)
    return 0 if key is None else per_version("count", (key,), queryset.count)
