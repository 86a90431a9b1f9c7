"""Carrier evaluation benchmark: evaluate 2,000 carriers with 250,000 resident enterprises under the
district incubator scheme (this year and the year before, for the consecutive-fails rule and the
year-on-year change), as a ratio to the indicator recompute over the same panel, measured in the same
process (the machines are shared and noisy: ratios, not seconds, are the figures); and what a page
pays once that evaluation is cached for the same data (the fingerprint queries).

    .venv/bin/python benchmarks/carriers_evaluate.py [--enterprises 250000] [--carriers 2000] [--repeat 3]

DATABASE_URL selects the database (default: a fresh SQLite file in a temporary directory; a
PostgreSQL URL gets a fresh database `<name>_bench` dropped afterwards).
"""

import argparse
import datetime
import random
import statistics

from bench_panel import NOW, bench_database, load_panel, timed

FIELDS = (
    "employees",
    "revenue",
    "rd_expenditure",
    "patent_applications",
    "invention_applications",
    "valid_invention_patents",
)
YEAR = 2025


def carriers_and_residents(ids: dict[str, int], carriers: int) -> None:
    """`carriers` incubators (half comprehensive, half specialised) sharing every enterprise as a
    resident, a statement each for the last two years, and financing rounds for one firm in ten."""
    from zerobay.carriers.models import CarrierStatistics, Financing, Residency
    from zerobay.registry.models import Carrier
    from zerobay.statistics.importing.writing import insert_rows
    from zerobay.statistics.models import ImportBatch

    rng = random.Random(14)
    Carrier.objects.bulk_create(
        Carrier(name=f"基准孵化器{i:04d}", kind="incubator", focus=("comprehensive", "specialised")[i % 2])
        for i in range(carriers)
    )
    carrier_ids = list(Carrier.objects.filter(name__startswith="基准孵化器").values_list("id", flat=True))
    enterprise_ids = sorted(ids.values())
    residencies = [
        (
            carrier_ids[k % len(carrier_ids)],
            eid,
            datetime.date(2018 + rng.randrange(8), 1 + rng.randrange(12), 1),
            None,
            "bench",
            NOW,
        )
        for k, eid in enumerate(enterprise_ids)
    ]
    insert_rows(
        Residency,
        ["carrier_id", "enterprise_id", "entered_on", "left_on", "source", "updated_at"],
        residencies,
    )
    insert_rows(
        Financing,
        ["enterprise_id", "received_on", "amount", "kind", "investor", "source"],
        [
            (
                eid,
                datetime.date(YEAR - rng.randrange(3), 6, 1),
                rng.randrange(1, 8) * 1_000_000,
                "venture",
                "",
                "bench",
            )
            for eid in enterprise_ids[::10]
        ],
    )
    for year in (YEAR - 1, YEAR):
        batch = ImportBatch.objects.create(
            form="carrier_annual", year=year, original_name="bench", file="bench"
        )
        insert_rows(
            CarrierStatistics,
            [
                "carrier_id",
                "year",
                "revision",
                "batch_id",
                "source_row",
                "updated_at",
                "residents",
                "resident_hte",
                "mentors",
                "service_staff",
                "tech_platforms",
                "events",
                "total_income",
                "property_income",
                "service_income",
                "space_m2",
                "incubation_space_m2",
                "graduates_total",
                "resident_revenue",
                "invention_patents",
                "incubation_fund",
            ],
            [
                (
                    cid,
                    year,
                    1,
                    batch.pk,
                    k + 2,
                    NOW,
                    125,
                    rng.randrange(40),
                    rng.randrange(30),
                    rng.randrange(20),
                    rng.randrange(5),
                    rng.randrange(40),
                    1_000_000,
                    rng.randrange(1_000_000),
                    rng.randrange(500_000),
                    10_000,
                    rng.randrange(4_000, 10_000),
                    rng.randrange(60),
                    rng.randrange(10**9),
                    rng.randrange(200),
                    rng.randrange(10**7),
                )
                for k, cid in enumerate(carrier_ids)
            ],
        )
    print(f"carriers: {len(carrier_ids):,} incubators, {len(residencies):,} residents")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=250_000)
    parser.add_argument("--carriers", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with bench_database():
        from zerobay.carriers.evaluation.run import evaluate
        from zerobay.carriers.evaluation.schemes import schemes
        from zerobay.indicators.engine.compute import recompute

        _panel, ids, _batch = load_panel(args.enterprises, FIELDS)
        carriers_and_residents(ids, args.carriers)
        scheme = schemes()["district-incubator"]
        baseline, evaluation = [], []
        for _ in range(args.repeat):
            seconds, _run = timed(lambda: recompute("benchmark"))
            baseline.append(seconds)
            seconds, result = timed(lambda: evaluate(YEAR, scheme))
            evaluation.append(seconds)
        from zerobay.carriers.evaluation.cache import cached_evaluation

        cached_evaluation(YEAR, scheme)  # what the first page view after a change pays
        hit, _result = timed(lambda: cached_evaluation(YEAR, scheme))  # every later view
        base, ours = statistics.median(baseline), statistics.median(evaluation)
        flagged = sum(1 for r in result.results if r.flags)
        print(f"indicator recompute: {base:.1f} s (baseline)")
        print(
            f"carrier evaluation ({len(result.results):,} carriers, two years): {ours:.1f} s = "
            f"{ours / base:.2f} × the indicator recompute; {flagged:,} carriers with a flagged statement"
        )
        print(
            f"a page's evaluation once computed for the same data: {hit * 1000:.0f} ms = {hit / base:.4f} × the recompute"
        )


if __name__ == "__main__":
    main()
