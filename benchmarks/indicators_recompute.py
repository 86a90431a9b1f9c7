"""Indicator benchmark: recompute every computed indicator for a generated panel of 250,000
enterprises × 3 years, for all org units and industry nodes, against a hand-written DuckDB query
of the same aggregates over the same data (read from the same database with the same cursor).

Prints each time as a ratio to the DuckDB baseline, measured in the same process (the machines
are shared and noisy: ratios, not seconds, are the figures):

- compute: read the data and compute every value (nothing stored);
- recompute: the same and store the values, as after every import.

    .venv/bin/python benchmarks/indicators_recompute.py [--enterprises 250000] [--repeat 3]

DATABASE_URL selects the database (default: a fresh SQLite file in a temporary directory; a
PostgreSQL URL gets a fresh database `<name>_bench` dropped afterwards). Needs the `bench` extra
(duckdb), which `make setup` installs.
"""

import argparse
import statistics
import time

from bench_panel import YEARS, bench_database, load_panel, timed

FIELDS = (
    "employees",
    "revenue",
    "industrial_output",
    "net_profit",
    "taxes_paid",
    "exports",
    "rd_staff",
    "rd_expenditure",
    "patent_applications",
    "invention_applications",
    "pct_applications",
    "valid_invention_patents",
    "value_added",
    "hightech_revenue",
)
QUALIFICATIONS = ("hte", "srdi", "little_giant", "sh_tech_giant", "listed", "unicorn", "hidden_champion")


def fetch(sql: str) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def duckdb_baseline() -> tuple[int, float]:
    """The same aggregates, hand-written in DuckDB SQL over the raw tables."""
    import duckdb
    import pandas as pd

    from zerobay.indicators.engine.compute import as_of
    from zerobay.statistics.periods import Period

    start = time.perf_counter()
    casts = ", ".join(f"CAST({f} AS DOUBLE PRECISION) AS {f}" for f in FIELDS)
    frames = {
        "ent": pd.DataFrame(
            fetch("SELECT id, org_unit_id, above_scale FROM registry_enterprise"),
            columns=["id", "org_unit_id", "above_scale"],
        ),
        "links": pd.DataFrame(
            fetch("SELECT enterprise_id, industry_id FROM registry_enterprise_industries"),
            columns=["enterprise_id", "industry_id"],
        ),
        "industry": pd.DataFrame(
            fetch("SELECT id, parent_id FROM registry_industry"), columns=["id", "parent_id"]
        ),
        "org": pd.DataFrame(
            fetch("SELECT id, path, kind FROM registry_orgunit"), columns=["id", "path", "kind"]
        ),
        "qual": pd.DataFrame(
            fetch("SELECT enterprise_id, kind, valid_from, valid_to FROM registry_qualification"),
            columns=["enterprise_id", "kind", "valid_from", "valid_to"],
        ),
        "annual": pd.DataFrame(
            fetch(f"SELECT enterprise_id, year, {casts} FROM statistics_annualreport"),  # noqa: S608
            columns=["enterprise_id", "year", *FIELDS],
        ),
    }
    read = time.perf_counter() - start
    frames["qual"]["valid_from"] = pd.to_datetime(frames["qual"]["valid_from"])
    frames["qual"]["valid_to"] = pd.to_datetime(frames["qual"]["valid_to"])
    days = pd.DataFrame({"year": [*YEARS, 2026], "day": [as_of(Period(y)) for y in (*YEARS, 2026)]})
    days["day"] = pd.to_datetime(days["day"])
    con = duckdb.connect()
    for name, frame in {**frames, "days": days}.items():
        con.register(name, frame)
    members = """
        WITH RECURSIVE up AS (
            SELECT enterprise_id, industry_id AS node FROM links
            UNION
            SELECT up.enterprise_id, i.parent_id FROM up JOIN industry i ON i.id = up.node
            WHERE i.parent_id IS NOT NULL
        ),
        nodes AS (SELECT enterprise_id, node FROM up UNION ALL SELECT id, 0 FROM ent),
        park AS (SELECT id FROM org WHERE kind = 'park' LIMIT 1),
        leaf AS (SELECT e.id, coalesce(e.org_unit_id, (SELECT id FROM park)) AS org_id, e.above_scale FROM ent e),
        anc AS (SELECT l.id AS leaf_id, a.id AS org_id FROM org l JOIN org a ON starts_with(l.path, a.path)),
        members AS (
            SELECT leaf.id, anc.org_id, nodes.node, leaf.above_scale
            FROM leaf JOIN anc ON anc.leaf_id = leaf.org_id JOIN nodes ON nodes.enterprise_id = leaf.id
        )
    """
    sums = ", ".join(f"sum({f})" for f in FIELDS)
    annual = con.execute(
        f"""{members}
        SELECT a.year, m.org_id, m.node, count(*), {sums}
        FROM annual a JOIN members m ON m.id = a.enterprise_id GROUP BY ALL"""  # noqa: S608
    ).fetchall()
    flags = ", ".join(f"bool_or(q.kind = '{k}') AS {k}" for k in QUALIFICATIONS)
    counts = ", ".join(f"count(*) FILTER (WHERE v.{k})" for k in QUALIFICATIONS[:5])
    registry = con.execute(
        f"""{members},
        valid AS (
            SELECT d.year, q.enterprise_id, {flags} FROM days d JOIN qual q
            ON (q.valid_from IS NULL OR q.valid_from <= d.day) AND (q.valid_to IS NULL OR q.valid_to >= d.day)
            GROUP BY ALL
        )
        SELECT d.year, m.org_id, m.node, count(*) FILTER (WHERE m.above_scale), {counts},
               count(*) FILTER (WHERE v.unicorn OR v.hidden_champion)
        FROM members m CROSS JOIN days d
        LEFT JOIN valid v ON v.enterprise_id = m.id AND v.year = d.year GROUP BY ALL"""  # noqa: S608
    ).fetchall()
    return len(annual) + len(registry), read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (the median is reported)")
    args = parser.parse_args()

    with bench_database():
        measure(args)


def measure(args) -> None:
    from django.db import connection

    from zerobay.indicators.catalogue import catalogue
    from zerobay.indicators.engine.compute import compute_cells, periods_with_data, recompute

    load_panel(args.enterprises, FIELDS)
    indicators = catalogue().computed()
    baseline, reads, compute, store = [], [], [], []
    for _ in range(args.repeat):
        seconds, (groups, read) = timed(duckdb_baseline)
        baseline.append(seconds)
        reads.append(read)
        seconds, cells = timed(lambda: compute_cells(indicators, periods_with_data()))
        compute.append(seconds)
        seconds, run = timed(lambda: recompute("benchmark"))
        store.append(seconds)
    base, read, comp, rec = (statistics.median(x) for x in (baseline, reads, compute, store))
    print(
        f"\nIndicators for {args.enterprises:,} enterprises × {len(YEARS)} years on {connection.vendor}, "
        f"median of {args.repeat} runs"
    )
    print(f"  {len(indicators)} computed indicators, {len(cells):,} values; DuckDB groups: {groups:,}")
    print(
        f"  hand-written DuckDB query (baseline) {base:7.2f} s   1.00x   (of which reading the tables {read:.2f} s)"
    )
    print(f"  compute every value (not stored)     {comp:7.2f} s   {comp / base:4.2f}x")
    print(
        f"  recompute and store (after imports)  {rec:7.2f} s   {rec / base:4.2f}x   ({run.values_written:,} rows)"
    )
    print("  aim: within 2x the DuckDB query")


if __name__ == "__main__":
    main()
