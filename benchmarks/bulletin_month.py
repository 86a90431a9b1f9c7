"""Bulletin benchmark: draw the monthly bulletin (snapshot at the cut-off + Word document with its
charts) for a generated panel of 250,000 enterprises with the 80-task demo list and its weekly
updates, as a ratio to the indicator recompute over the same panel (the platform's heaviest routine
job, measured in the same process: the machines are shared and noisy, so ratios are the figures).

    .venv/bin/python benchmarks/bulletin_month.py [--enterprises 250000] [--period 2025-12] [--repeat 3]

Measured (2026-12-04, SQLite, 2 shared cores, 250,000 enterprises, 80 tasks, 3,125 updates): recompute
97.6 s (1.00x); snapshot 18.6 s (0.19x); Word document with 4 charts 0.7 s (0.01x); in all 0.20x.

DATABASE_URL selects the database (default: a fresh SQLite file in a temporary directory; a
PostgreSQL URL gets a fresh database `<name>_bench` dropped afterwards).
"""

import argparse
import datetime
import statistics

from bench_panel import bench_database, load_panel, timed
from indicators_recompute import FIELDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=250_000)
    parser.add_argument("--period", default="2025-12")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (the median is reported)")
    args = parser.parse_args()
    with bench_database():
        measure(args)


def measure(args) -> None:
    from django.db import connection

    from zerobay.indicators.engine.compute import recompute
    from zerobay.reports.bulletin import document, snapshot
    from zerobay.workplan import demo
    from zerobay.workplan.models import WeeklyUpdate

    load_panel(args.enterprises, FIELDS)
    demo.load(password="bench-only", seed=1, progress=print)  # noqa: S106 (a throwaway database)
    month = datetime.date.fromisoformat(f"{args.period}-01")
    base, snaps, docs = [], [], []
    for _ in range(args.repeat):
        seconds, _run = timed(lambda: recompute("benchmark"))
        base.append(seconds)
        seconds, snap = timed(lambda: snapshot.take(month))
        snaps.append(seconds)
        seconds, data = timed(lambda snap=snap: document.render(snap))
        docs.append(seconds)
    b, s, d = (statistics.median(x) for x in (base, snaps, docs))
    print(
        f"\nBulletin {args.period} for {args.enterprises:,} enterprises, {snap['tasks']['total']} key tasks, "
        f"{WeeklyUpdate.objects.count():,} weekly updates on {connection.vendor}, median of {args.repeat} runs"
    )
    print(f"  indicator recompute (baseline)      {b:7.2f} s   1.00x")
    print(f"  snapshot at the cut-off             {s:7.2f} s   {s / b:4.2f}x")
    print(f"  Word document with its charts       {d:7.2f} s   {d / b:4.2f}x   ({len(data) / 1024:.0f} KiB)")
    print(f"  the bulletin, in all                {s + d:7.2f} s   {(s + d) / b:4.2f}x")
    print("  aim: a fraction of the recompute (the bulletin reads stored values; it computes no indicator)")


if __name__ == "__main__":
    main()
