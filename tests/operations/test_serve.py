"""`zerobay serve` on a fresh var directory serves pages with their static files and security headers,
and the production profile passes Django's deployment checks without an issue."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ZEROBAY = [sys.executable, "-m", "zerobay.cli"]


def _env(var_dir: Path, **extra) -> dict:
    """A fresh deployment of its own: the embedded database in `var_dir`, whatever the suite runs on."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "ZEROBAY_VAR_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    env.update(ZEROBAY_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="zerobay.settings", **extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 (http://127.0.0.1 only)
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


PRODUCTION = {"ZEROBAY_PRODUCTION": "1", "ALLOWED_HOSTS": "127.0.0.1"}


def test_production_profile_passes_the_deployment_checks(tmp_path):
    done = subprocess.run(  # noqa: S603
        [*ZEROBAY, "check", "--deploy", "--fail-level", "WARNING"],
        env=_env(tmp_path, **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50)),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_without_the_production_profile_the_checks_say_what_is_missing(tmp_path):
    done = subprocess.run(  # noqa: S603
        [*ZEROBAY, "check", "--deploy", "--fail-level", "WARNING"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode != 0
    assert "SECURE_HSTS_SECONDS" in done.stderr


def test_serve_answers_pages_and_static_files_with_a_csp(tmp_path):
    env = _env(tmp_path, **PRODUCTION, ZEROBAY_HTTPS_REDIRECT="0")
    subprocess.run([*ZEROBAY, "migrate", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*ZEROBAY, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/accounts/login/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("zerobay serve did not answer: " + server.stdout.read1().decode())
                time.sleep(0.3)
        assert status == 200
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Server"].startswith("gunicorn")
        css = body.decode().split('href="/static/css/', 1)[1].split('"', 1)[0]
        assert css.endswith(".css") and css != "zerobay.css"  # hashed by the manifest storage
        status, headers, body = _get(f"http://127.0.0.1:{port}/static/css/{css}")
        assert status == 200 and b"{" in body
        assert _get(f"http://127.0.0.1:{port}/static/vendor/echarts.min.js")[0] == 200
        # The secret key and the database are the owner's only.
        assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
        assert (tmp_path / "zerobay.sqlite3").stat().st_mode & 0o077 == 0
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0
