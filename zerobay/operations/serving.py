"""The production server: gunicorn serving the WSGI application (static files through whitenoise)
beside the task worker that runs imports and reports, supervised together.

Plain functions so that the `zerobay serve` command stays thin and the pieces can be tested.
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class ServeOptions:
    bind: str = "127.0.0.1:8000"
    workers: int = 0  # 0: two per core plus one, at most 9
    threads: int = 4
    timeout: int = 120  # seconds a request may take before its worker is replaced
    with_worker: bool = True


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def restrict_files() -> list[Path]:
    """The secret key and the embedded database readable by the owner only; returns what was changed.
    New files of this process (uploads, the database's journal) get the same through the umask."""
    os.umask(0o077)
    changed = []
    candidates = [settings.VAR_DIR / "secret_key"]
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(str(db["NAME"]))
        candidates += [name, Path(f"{name}-wal"), Path(f"{name}-shm")]
    for path in [settings.VAR_DIR, *candidates]:
        if path.exists():
            mode = 0o700 if path.is_dir() else 0o600
            if path.stat().st_mode & 0o777 != mode:
                path.chmod(mode)
                changed.append(path)
    return changed


def gunicorn_command(opts: ServeOptions) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "zerobay.wsgi:application",
        "--bind",
        opts.bind,
        "--workers",
        str(opts.workers or default_workers()),
        "--threads",
        str(opts.threads),
        "--timeout",
        str(opts.timeout),
        "--access-logfile",
        "-",
        "--no-control-socket",  # one per user by default: two deployments on a host would collide
        "--forwarded-allow-ips",
        os.environ.get("ZEROBAY_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    ]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "zerobay.cli", "worker"]


def run(opts: ServeOptions, out=print) -> int:
    """Starts the server (and the worker) and waits; when either stops, or on SIGTERM/SIGINT, stops
    both. Returns the exit status: 0 after a signal, the failing child's status otherwise."""
    env = os.environ.copy()
    children = {"server": subprocess.Popen(gunicorn_command(opts), env=env)}  # noqa: S603 (our interpreter)
    if opts.with_worker:
        children["worker"] = subprocess.Popen(worker_command(), env=env)  # noqa: S603
    stopping = {"signal": False}

    def stop(*_):
        stopping["signal"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    try:
        while not stopping["signal"]:
            for name, child in children.items():
                code = child.poll()
                if code is None:
                    continue
                if name == "worker":
                    # A worker that died (a file it could not survive, memory) is started again; it
                    # fails the import it left running, and the site stays up meanwhile.
                    out(f"worker stopped with status {code}; starting it again")
                    time.sleep(1)  # a worker that cannot start at all is not restarted in a busy loop
                    children["worker"] = subprocess.Popen(worker_command(), env=env)  # noqa: S603
                    break
                out(f"{name} stopped with status {code}")
                status = code or 1
                stopping["signal"] = True
                break
            time.sleep(0.2)
    finally:
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    return status
