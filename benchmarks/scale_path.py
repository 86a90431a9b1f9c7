"""The scale path on paper, measured: the indicator recompute that follows every import and the two
slowest pages of the pages benchmark, at 1,000,000 enterprises on PostgreSQL, as ratios to the same at
250,000 (each size's panel built as `pages_at_scale.py` builds it, without the apps' demo data, in a
database of its own).

Each size runs in a process of its own (Django is set up once per process); the figures of a size
are: the recompute (median of `--repeat`), each page's first request after the recompute (it computes
what is cached per data version) and its later requests (median of `--repeat`), through Django's test
client in-process, as one logged-in district admin. The enterprise list page is timed too, as the
pages benchmark's baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zb .venv/bin/python benchmarks/scale_path.py \\
        [--sizes 250000,1000000] [--page /cultivation/screen/hte/ --page ...] [--repeat 3] [--keep]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from bench_panel import bench_database, mark_prepared

BASELINE = "/enterprises/"
# The slowest pages at 250,000 of those that read the panel (README's pages table): the name search,
# which reads every name, and the district-wide cultivation and indicator pages built per data version.
PAGES = [
    "/enterprises/?q=%E7%A7%91%E6%8A%80",
    "/cultivation/certificates/",
    "/cultivation/",
    "/indicators/park.rd_intensity/drill/?year=2025",
]


def measure_size(enterprises: int, pages: list[str], repeat: int, keep: bool) -> dict:
    with bench_database(keep=f"panel-{enterprises}" if keep else "") as ready:
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from pages_at_scale import prepare

        from zerobay.accounts.models import User
        from zerobay.indicators.engine.compute import recompute

        if not ready:
            prepare(enterprises, demos=False)
            if keep:
                mark_prepared()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them
        recomputes = []
        for _ in range(repeat):
            start = time.perf_counter()
            recompute("benchmark")
            recomputes.append(time.perf_counter() - start)
        cache.clear()  # the first request of each page computes what it caches per data version
        client = Client()
        client.force_login(User.objects.get(username="bench"))
        figures = {"recompute": statistics.median(recomputes), "pages": {}}
        for page in [BASELINE, *pages]:
            times = []
            for _ in range(repeat + 1):
                start = time.perf_counter()
                response = client.get(page, HTTP_HOST="127.0.0.1")
                times.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise RuntimeError(f"{page}: {response.status_code}")
            figures["pages"][page] = {"first": times[0], "later": statistics.median(times[1:])}
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,1000000")
    parser.add_argument(
        "--page", action="append", help="a page to time (repeatable); default: the slowest two"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep each size's database and reuse it")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size, JSON out
    args = parser.parse_args()
    pages = args.page or PAGES
    if args.one:
        print(json.dumps(measure_size(args.one, pages, args.repeat, args.keep)))
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database: PostgreSQL is the scale path")
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size), "--repeat", str(args.repeat)]
        command += [f"--page={p}" for p in pages] + (["--keep"] if args.keep else [])
        start = time.perf_counter()
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
        results[size] = json.loads(out.strip().splitlines()[-1])
        print(f"{size:,} enterprises: built and measured in {time.perf_counter() - start:.0f} s", flush=True)
    small, large = sizes[0], sizes[-1]
    a, b = results[small], results[large]
    print(f"\n| PostgreSQL | {small:,} | {large:,} | × |\n|---|---|---|---|")
    print(
        f"| indicator recompute | {a['recompute']:.1f} s | {b['recompute']:.1f} s | {b['recompute'] / a['recompute']:.1f}× |"
    )
    for page in [BASELINE, *pages]:
        for when in ("first", "later"):
            x, y = a["pages"][page][when], b["pages"][page][when]
            label = f"`{page}` {'first request after an import' if when == 'first' else 'later requests'}"
            print(f"| {label} | {x * 1000:.0f} ms | {y * 1000:.0f} ms | {y / x:.1f}× |")


if __name__ == "__main__":
    main()
