"""Dashboard benchmark: the indicator overview page under 10 parallel clients, as a ratio to a
trivial page of the same app (the login page) under the same load, in the same session.

It loads the demo district into a temporary database, serves it with `zerobay runserver`
(threaded), logs 10 clients in as the district admin, and has each fetch the trivial page and
then the overview page `--requests` times. Reports the mean and 95th-percentile response times
and their ratios (these machines are shared and noisy: ratios, not seconds, are the figures).

    .venv/bin/python benchmarks/overview_load.py [--clients 10] [--requests 30]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_panel import login_opener, served

ROOT = Path(__file__).resolve().parent.parent
ZEROBAY = ROOT / ".venv" / "bin" / "zerobay"


def client(base: str):
    return login_opener(base, "admin", "zerobay-demo")


def load(openers, url: str, requests: int) -> list[float]:
    times: list[float] = []
    lock = threading.Lock()

    def work(opener):
        mine = []
        for _ in range(requests):
            start = time.perf_counter()
            with opener.open(url) as response:
                response.read()
                assert response.status == 200
            mine.append(time.perf_counter() - start)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=work, args=(o,)) for o in openers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.mean(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30, help="requests per client and page")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="zerobay-bench-")
    env = {**os.environ, "ZEROBAY_VAR_DIR": var}
    env.pop("DATABASE_URL", None)
    subprocess.run([ZEROBAY, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    with served([str(ZEROBAY), "runserver", "--noreload", "127.0.0.1:{port}"], env) as base:
        openers = [client(base) for _ in range(args.clients)]
        pages = {"trivial page (login)": "/accounts/login/", "indicator overview": "/indicators/"}
        for url in pages.values():  # warm up: first requests compile templates, fill caches
            load(openers[:1], base + url, 2)
        results = {name: summary(load(openers, base + url, args.requests)) for name, url in pages.items()}
    trivial_mean, trivial_p95 = results["trivial page (login)"]
    print(f"\n{args.clients} parallel clients × {args.requests} requests each, demo district, runserver")
    for name, (mean, p95) in results.items():
        print(
            f"  {name:<22} mean {mean * 1000:7.1f} ms  {mean / trivial_mean:5.2f}x   "
            f"p95 {p95 * 1000:7.1f} ms  {p95 / trivial_p95:5.2f}x"
        )
    print("  aim: the overview within 3x the trivial page")
    sys.exit(0)


if __name__ == "__main__":
    main()
