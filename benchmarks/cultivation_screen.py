"""Cultivation benchmark: screen a generated panel of 250,000 enterprises × 3 years (with an enterprise
profile each) for HTE, against the indicator recompute over the same panel, in the same process.

Prints each time as a ratio to the indicator computation (the machines are shared and noisy: ratios,
not seconds, are the figures):

- indicators: compute every computed indicator (not stored) — the baseline, 1.00x;
- indicators recompute: the same, stored;
- screen: read the facts and evaluate every HTE criterion and status for every enterprise;
- screen + JSON: the same and build the `zerobay cultivation screen --format json` rows of all.

    .venv/bin/python benchmarks/cultivation_screen.py [--enterprises 250000] [--repeat 3]

DATABASE_URL selects the database (default: a fresh SQLite file in a temporary directory; a
PostgreSQL URL gets a fresh database `<name>_bench` dropped afterwards).
"""

import argparse
import datetime
import random
import statistics

from bench_panel import NOW, YEARS, bench_database, load_panel, timed

AS_OF = datetime.date(2026, 6, 30)
FIELDS = (
    "employees",
    "revenue",
    "rd_staff",
    "st_staff",
    "rd_expenditure",
    "hightech_revenue",
    "valid_invention_patents",
)
TECH_FIELDS = ("电子信息", "生物与新医药", "先进制造与自动化", "新材料", "高技术服务")


def add_profiles(panel, ids, batch) -> None:
    """One enterprise profile each (registration date, assets, IP, technology field, sector code)."""
    from zerobay.statistics.importing.writing import insert_rows
    from zerobay.statistics.models import EnterpriseProfile

    rnd = random.Random(6)
    profile = [
        (
            ids[e.uscc],
            2026,
            1,
            batch.id,
            k + 2,
            NOW,
            e.founded.isoformat(),
            rnd.randint(1, 50_000) * 10_000,
            rnd.choice((0, 0, 1, 2)),
            rnd.randint(0, 8),
            rnd.choice(TECH_FIELDS),
            "6513",
        )
        for k, e in enumerate(panel.enterprises)
    ]
    insert_rows(
        EnterpriseProfile,
        [
            "enterprise_id",
            "year",
            "revision",
            "batch_id",
            "source_row",
            "updated_at",
            "registered_on",
            "total_assets",
            "ip_class1",
            "ip_class2",
            "tech_field",
            "industry_code",
        ],
        profile,
    )
    print(f"profiles: {len(profile):,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (the median is reported)")
    parser.add_argument(
        "--json", action="store_true", help="also time building the JSON rows of every enterprise"
    )
    args = parser.parse_args()

    with bench_database():
        measure(args)


def measure(args) -> None:
    from django.db import connection

    from zerobay.cultivation.screening import screen
    from zerobay.indicators.catalogue import catalogue
    from zerobay.indicators.engine.compute import compute_cells, periods_with_data, recompute

    add_profiles(*load_panel(args.enterprises, FIELDS))
    indicators = catalogue().computed()
    base, store, core, full = [], [], [], []
    for _ in range(args.repeat):
        base.append(timed(lambda: compute_cells(indicators, periods_with_data()))[0])
        store.append(timed(lambda: recompute("benchmark"))[0])
        seconds, result = timed(lambda: screen("hte", AS_OF))
        core.append(seconds)
        if args.json:
            full.append(timed(lambda: screen("hte", AS_OF).as_dict())[0])
    b, s, c = (statistics.median(x) for x in (base, store, core))
    counts = result.counts()
    print(
        f"\nHTE screening of {args.enterprises:,} enterprises × {len(YEARS)} years on {connection.vendor}, median of {args.repeat} runs"
    )
    print(f"  statuses: {counts}")
    print(f"  indicators: compute every value (baseline)  {b:7.2f} s   1.00x")
    print(f"  indicators: recompute and store            {s:7.2f} s   {s / b:4.2f}x")
    print(
        f"  screen for HTE (facts, criteria, status)   {c:7.2f} s   {c / b:4.2f}x   ({c / s:4.2f}x the recompute)"
    )
    if full:
        f = statistics.median(full)
        print(
            f"  screen + JSON rows of every enterprise     {f:7.2f} s   {f / b:4.2f}x   ({f / s:4.2f}x the recompute)"
        )


if __name__ == "__main__":
    main()
