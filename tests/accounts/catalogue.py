"""The compiled Chinese catalogue the page tests read (the .mo files are not in git).

`compiled_catalogue` is a session fixture the page test modules use: it runs
`zerobay compile_translations` when a .mo is missing or older than its .po, under a file lock so
that parallel test workers do not read a half-written catalogue."""

import fcntl
import io
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


def _stale() -> bool:
    for locale_dir in settings.LOCALE_PATHS:
        for po in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                return True
    return False


def ensure_compiled() -> None:
    with open(Path(tempfile.gettempdir()) / "zerobay-compile-translations.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if _stale():
                call_command("compile_translations", stdout=io.StringIO())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    # Forget catalogues this process loaded before they were compiled, here or by another test
    # worker (as Django's own tests do when LOCALE_PATHS changes).
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogue():
    ensure_compiled()
