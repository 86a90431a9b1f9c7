"""What the panel benchmarks share: a fresh database of their own, a generated panel of enterprises
with their annual reports written straight into it, and a timer.

A script in this folder imports it as `bench_panel` (Python puts the script's folder on the path).
"""

import contextlib
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEARS = (2023, 2024, 2025)


@contextlib.contextmanager
def bench_database(keep: str = ""):
    """Django set up on a fresh database: SQLite in a temporary directory, or, when DATABASE_URL is a
    PostgreSQL URL, a database `<name>_bench` created now and dropped afterwards. Yields False.

    With `keep` (a name that says what the database holds, e.g. "pages-250000"), the database is kept
    for the next run instead (SQLite under var/bench/<keep>-sqlite, PostgreSQL as `<name>_<keep>`), and
    the context yields True when a kept one is there and complete (`mark_prepared()` was called on it):
    the caller then skips its preparation. An incomplete one is started afresh."""
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith("postgres")
    if keep:
        var = ROOT / "var" / "bench" / f"{keep}-{'postgresql' if postgres else 'sqlite'}"
        ready = (var / PREPARED).exists()
        if not ready:
            shutil.rmtree(var, ignore_errors=True)
        var.mkdir(parents=True, exist_ok=True)
    else:
        var, ready = Path(tempfile.mkdtemp(prefix="zerobay-bench-")), False
    os.environ["ZEROBAY_VAR_DIR"] = str(var)
    admin_url = database = None
    if postgres:
        import psycopg

        admin_url, name = url.rsplit("/", 1)
        database = f"{name}_{keep or 'bench'}".replace("-", "_")
        if not ready:
            with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = f"{admin_url}/{database}"
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
    import django

    django.setup()
    try:
        yield ready
    finally:
        if admin_url and not keep:
            import psycopg
            from django.db import connection

            connection.close()
            with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


PREPARED = "prepared"  # a kept database's marker, written once its preparation finished


def mark_prepared() -> None:
    (Path(os.environ["ZEROBAY_VAR_DIR"]) / PREPARED).write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))


def load_panel(enterprises: int, fields: tuple[str, ...]):
    """Migrates, loads the reference data and the generated panel (registry and qualifications through
    the demo's code), and writes the panel's annual reports (`fields`) with one bulk insert.
    Returns (panel, enterprise ids by USCC, the import batch the reports belong to)."""
    from django.core.management import call_command

    from zerobay.demo.generator import generate_panel
    from zerobay.demo.services import register_enterprises
    from zerobay.registry.models import Enterprise
    from zerobay.registry.reference import load_reference
    from zerobay.statistics.importing.writing import insert_rows
    from zerobay.statistics.models import AnnualReport, ImportBatch

    call_command("migrate", verbosity=0)
    load_reference()
    start = time.perf_counter()
    panel = generate_panel(enterprises, list(YEARS))
    register_enterprises(panel)
    ids = dict(Enterprise.objects.values_list("uscc", "id"))
    batch = ImportBatch.objects.create(form="torch_annual", year=2025, original_name="bench", file="bench")
    columns = ["enterprise_id", "year", "revision", "batch_id", "source_row", "updated_at", *fields]
    rows = [
        (ids[e.uscc], year, 1, batch.id, k + 2, NOW, *(getattr(figures, f) for f in fields))
        for k, e in enumerate(panel.enterprises)
        for year, figures in e.annual.items()
    ]
    insert_rows(AnnualReport, columns, rows)
    print(
        f"panel: {enterprises:,} enterprises, {len(rows):,} annual reports ({time.perf_counter() - start:.0f} s)"
    )
    return panel, ids, batch


NOW = "2026-01-01 00:00:00"  # updated_at of every row the benchmarks write


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def login_opener(base: str, username: str, password: str):
    """A urllib opener logged in to the server at `base` (http://127.0.0.1:PORT) through its login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    request = urllib.request.Request(f"{base}/accounts/login/", data=data.encode(), headers={"Referer": base})
    opener.open(request).read()
    return opener


@contextlib.contextmanager
def served(command: list[str], env: dict):
    """The base URL of a server started with `command` (given `{port}` to fill in) once it answers;
    stopped on leaving."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and entry point)
        [part.format(port=port) for part in command],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/").read()  # noqa: S310 (127.0.0.1 only)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait()
