"""The task worker: started again when it dies (the site stays up), and at its start it fails the
imports a dead worker left running, so that their users can retry them."""

import os
import signal
import subprocess
import sys
import threading

from zerobay.operations import serving

from .test_serve import ROOT, ZEROBAY, _env

SLEEP = [sys.executable, "-c", "import time; time.sleep(60)"]
DIE = [sys.executable, "-c", "import sys; sys.exit(134)"]  # as a reader killed by its allocator


def test_a_dying_worker_is_started_again_and_the_server_keeps_running(monkeypatch):
    monkeypatch.setattr(serving, "gunicorn_command", lambda opts: SLEEP)
    monkeypatch.setattr(serving, "worker_command", lambda: DIE)
    said: list[str] = []
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    timer = threading.Timer(3.5, lambda: os.kill(os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        status = serving.run(serving.ServeOptions(), out=said.append)
    finally:
        timer.cancel()
        for s, handler in previous.items():
            signal.signal(s, handler)
    restarts = [line for line in said if line.startswith("worker stopped with status 134")]
    assert len(restarts) >= 2  # started again each time, about once a second
    assert not any(line.startswith("server stopped") for line in said)
    assert status == 0  # stopped by the signal, not by the worker


def _zerobay(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [*ZEROBAY, *args], env=env, capture_output=True, text=True, cwd=ROOT, check=False, **kwargs
    )


def test_the_worker_fails_the_imports_a_dead_worker_left_running(tmp_path):
    env = _env(tmp_path)
    assert _zerobay(env, "migrate", "-v0").returncode == 0
    stuck = (
        "from zerobay.statistics.models import ImportBatch as B;"
        "B.objects.create(form='torch_annual', year=2025, status='importing', channel='web', file='imports/x.xlsx')"
    )
    assert _zerobay(env, "shell", "-c", stuck).returncode == 0
    done = _zerobay(env, "worker", "--", "--batch", "--no-startup-delay", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 interrupted imports failed for retry" in done.stdout
    check = "from zerobay.statistics.models import ImportBatch as B; b = B.objects.get(); print(b.status, b.message)"
    out = _zerobay(env, "shell", "-c", check).stdout
    assert "failed 后台任务进程在处理本批次时中断" in out
