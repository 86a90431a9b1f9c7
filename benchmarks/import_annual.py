"""Import benchmark: a generated 250,000-row Torch annual workbook through the whole pipeline.

Prints the import time as a ratio to a plain python-calamine read of the same file, measured in
the same session (these machines are shared and noisy: ratios, not seconds, are the figures), and
the peak memory of each step. Each step runs in a fresh child process so that its peak memory is
its own. Two imports are measured:

- first import: an empty registry, so every row also registers a new enterprise and every USCC's
  check character is computed;
- yearly re-import: the same file again, the enterprises known, every row found unchanged.

    .venv/bin/python benchmarks/import_annual.py [--rows 250000] [--repeat 2]

DATABASE_URL selects the database (default: a fresh SQLite file in a temporary directory; a
PostgreSQL URL gets a fresh database `<name>_bench` dropped afterwards).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_read(path: str) -> dict:
    import python_calamine

    start = time.perf_counter()
    rows = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "peak_mib": peak_mib()}


def child_import(path: str) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
    django.setup()
    from django.core.management import call_command

    from zerobay.statistics.periods import Period
    from zerobay.statistics.services import import_file

    call_command("migrate", verbosity=0)
    result = {}
    for label in ("first", "again"):
        start = time.perf_counter()
        _, report = import_file(path, form_code="torch_annual", period=Period(2025))
        result[label] = {
            "seconds": time.perf_counter() - start,
            "imported": report.rows_imported,
            "created": report.created,
            "unchanged": report.unchanged,
            "errors": len(report.errors),
        }
    result["peak_mib"] = peak_mib()
    return result


def run_child(step: str, path: Path, env: dict, script: str = __file__) -> dict:
    """`script --child step path` in a fresh process: the JSON it prints last."""
    out = subprocess.run(
        [sys.executable, script, "--child", step, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.exit(f"{step} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def workbook(rows: int) -> Path:
    path = CACHE / f"torch-annual-{rows}.xlsx"
    if not path.exists():
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
        from zerobay.demo.generator import generate_panel
        from zerobay.demo.workbooks import write_annual_workbook

        CACHE.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        panel = generate_panel(rows, [2025])
        write_annual_workbook(path, panel, 2025)
        print(f"generated {path.relative_to(ROOT)} in {time.perf_counter() - start:.1f} s")
    return path


def database_env(base: dict) -> tuple[dict, callable]:
    env = dict(base)
    url = env.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        env.pop("DATABASE_URL", None)
        return env, lambda: None
    import psycopg

    admin_url, name = url.rsplit("/", 1)
    bench = f"{name}_bench"

    def reset():
        with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{bench}"')
            conn.execute(f'CREATE DATABASE "{bench}"')

    env["DATABASE_URL"] = f"{admin_url}/{bench}"
    return env, reset


def arguments(doc: str) -> argparse.Namespace:
    """--rows, --repeat and the hidden --child STEP FILE that run_child passes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each step (the median is reported)")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = arguments(__doc__)
    if args.child:
        step, path = args.child
        print(json.dumps(child_read(path) if step == "read" else child_import(path)))
        return

    path = workbook(args.rows)
    reads, firsts, agains, peaks = [], [], [], {"read": 0.0, "import": 0.0}
    for _ in range(args.repeat):
        read = run_child("read", path, os.environ.copy())
        reads.append(read["seconds"])
        peaks["read"] = max(peaks["read"], read["peak_mib"])
        with tempfile.TemporaryDirectory(prefix="zerobay-bench-") as var:
            env, reset = database_env({**os.environ, "ZEROBAY_VAR_DIR": var})
            reset()
            imp = run_child("import", path, env)
        assert imp["first"]["imported"] == args.rows and imp["first"]["errors"] == 0, imp
        assert imp["again"]["unchanged"] == args.rows, imp
        firsts.append(imp["first"]["seconds"])
        agains.append(imp["again"]["seconds"])
        peaks["import"] = max(peaks["import"], imp["peak_mib"])

    read, first, again = (statistics.median(x) for x in (reads, firsts, agains))
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"\nTorch annual import of {args.rows:,} rows on {db}, median of {args.repeat} runs")
    print(f"  plain python-calamine read   {read:7.2f} s   1.00x   peak {peaks['read']:6.0f} MiB")
    print(
        f"  first import (all new)       {first:7.2f} s   {first / read:4.2f}x   peak {peaks['import']:6.0f} MiB"
    )
    print(f"  yearly re-import (unchanged) {again:7.2f} s   {again / read:4.2f}x")
    print("  aim: import within 3x the plain read, under 2 GiB")


if __name__ == "__main__":
    main()
