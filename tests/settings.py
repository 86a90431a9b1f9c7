"""Test settings: the project's settings, with tasks run in-process and fast password hashing."""

import os
import tempfile

# One temporary var directory for the run, and in it one for each xdist worker: the demos write their
# workbooks there, and two workers writing the same file at once corrupt it.
BASE_VAR = os.environ.setdefault("ZEROBAY_TEST_VAR_DIR", tempfile.mkdtemp(prefix="zerobay-test-"))
os.environ["ZEROBAY_VAR_DIR"] = os.path.join(BASE_VAR, os.environ.get("PYTEST_XDIST_WORKER", "main"))

from zerobay.settings import *  # noqa: E402, F403

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "media"  # noqa: F405
# Tests build their own org trees with factories; the shipped one is loaded by a test of its own.
ZEROBAY_LOAD_REFERENCE_ON_MIGRATE = False
# In-process cache: each test empties it (tests/conftest.py), and no file outlives a test run.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Warming the district's page caches after every change would run the cultivation screens after
# each test's imports: the tests of warming turn it on (tests/web/test_warming.py).
ZEROBAY_WARM_AFTER_SECONDS = None
