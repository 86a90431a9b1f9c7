"""The version of the data the pages compute from: it changes with every import and every registry
change, so whatever is computed from reports and registry can be cached until then (`per_version`).

The version is a token in the shared cache, replaced by the import and registry signals (apps.py); a
token the cache lost is simply a new version, so nothing stale can be served."""

import uuid

from django.core.cache import cache

KEY = "data-version"


def current() -> str:
    return cache.get_or_set(KEY, lambda: uuid.uuid4().hex, timeout=None)


def bump(*args, **kwargs) -> None:
    """A signal receiver: reports were imported, or the registry changed."""
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def per_version(name: str, parts, compute):
    """`compute()`, cached until the data change. `parts` tell the variants apart (scope, period, day...)."""
    key = ":".join([name, current(), *(str(p) for p in parts)])
    return cache.get_or_set(key, compute, timeout=3600)
