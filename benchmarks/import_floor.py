"""What a first import cannot go below: the parts of `import_annual.py`'s first import that come
before its first row exists or after its last is written, and the database's writing of the rows
from ready values, each timed alone, as ratios to the same plain python-calamine read.

    .venv/bin/python benchmarks/import_floor.py [--rows 250000] [--repeat 2]

The parts, each in a fresh child process, on the same generated workbook:

- measure: tabular.measure on the file, which must finish before anything parses it;
- parse: calamine builds the sheet (python-calamine hands over no row before the whole sheet is
  parsed, so nothing can be validated or written meanwhile);
- write: the rows a first import writes (every enterprise and report, read back from a real import
  and then removed) inserted again in one transaction, with no validation or conversion: on SQLite
  from ready tuples exactly as the import inserts them (writing.bulk_load and writing.insert_rows),
  on PostgreSQL as ready COPY text, so that only the server's share is timed;
- commit: that transaction's commit (on PostgreSQL, the deferred foreign-key checks of every row);
- recompute: the indicator recompute that follows every import.

Their sum is a lower bound for any import built from the same reader and the same database writes:
validation and conversion can at best hide behind the writes, never behind the parse (no row exists
yet) or the commit and recompute (every row must be written first). If the sum exceeds 3x, no
pipeline of these parts reaches the 3x aim. The last line is the floor if the reader handed rows
over as it parsed them (the writes beside the parse). DATABASE_URL selects the database, as for
import_annual.py.
"""

import json
import os
import statistics
import tempfile
import time

from import_annual import arguments, child_read, database_env, run_child, workbook

PARTS = ("measure", "parse", "write", "commit", "recompute")


def child_parse(path: str) -> dict:
    from pathlib import Path

    import python_calamine

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
    import django

    django.setup()
    from zerobay.tabular.measure import measure_file

    start = time.perf_counter()
    measure_file(Path(path))
    measured = time.perf_counter()
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    parsed = time.perf_counter()
    assert sheet.height > 0
    return {"measure": measured - start, "parse": parsed - measured}


def child_write(path: str) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from zerobay.indicators.engine.compute import recompute
    from zerobay.registry.models import Enterprise
    from zerobay.statistics.importing.writing import bulk_load, insert_rows
    from zerobay.statistics.models import AnnualReport
    from zerobay.statistics.periods import Period
    from zerobay.statistics.services import import_file

    call_command("migrate", verbosity=0)
    import_file(path, form_code="torch_annual", period=Period(2025))  # untimed: the rows to write
    tables = {}
    with connection.cursor() as cursor:
        for model in (Enterprise, AnnualReport):
            table = connection.ops.quote_name(model._meta.db_table)
            columns = [f.column for f in model._meta.concrete_fields]
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            if connection.vendor == "postgresql":
                # The rows as COPY's own text: the server's share alone, no driver formatting.
                with cursor.cursor.copy(f"COPY (SELECT {names} FROM {table} ORDER BY id) TO STDOUT") as copy:  # noqa: S608
                    tables[model] = (columns, b"".join(bytes(block) for block in copy))
            else:
                cursor.execute(f"SELECT {names} FROM {table} ORDER BY id")  # noqa: S608
                tables[model] = (columns, cursor.fetchall())
        for model in reversed(tables):  # the reports before the enterprises they reference
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        # Tables and indexes rewritten empty, as a first import finds them.
        cursor.execute("VACUUM FULL" if connection.vendor == "postgresql" else "VACUUM")

    start = time.perf_counter()
    with transaction.atomic():
        for model, (columns, rows) in tables.items():
            if connection.vendor == "postgresql":
                _copy_text(connection, model, columns, rows)
                continue
            with bulk_load(model, len(rows)):
                insert_rows(model, columns, rows)
        written = time.perf_counter()
    committed = time.perf_counter()
    recompute("import floor benchmark", years=[2025])
    done = time.perf_counter()
    return {"write": written - start, "commit": committed - written, "recompute": done - committed}


def _copy_text(connection, model, columns: list[str], data: bytes) -> None:
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    sql = f"COPY {qn(model._meta.db_table)} ({names}) FROM STDIN"  # noqa: S608
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for start in range(0, len(data), 1 << 20):
            copy.write(data[start : start + (1 << 20)])


def main() -> None:
    args = arguments(__doc__)
    if args.child:
        step, path = args.child
        children = {"read": child_read, "parse": child_parse, "write": child_write}
        print(json.dumps(children[step](path)))
        return

    path = workbook(args.rows)
    runs: dict[str, list[float]] = {part: [] for part in ("read", *PARTS)}
    for _ in range(args.repeat):
        runs["read"].append(run_child("read", path, os.environ.copy(), __file__)["seconds"])
        for part, seconds in run_child("parse", path, os.environ.copy(), __file__).items():
            runs[part].append(seconds)
        with tempfile.TemporaryDirectory(prefix="zerobay-bench-") as var:
            env, reset = database_env({**os.environ, "ZEROBAY_VAR_DIR": var})
            reset()
            for part, seconds in run_child("write", path, env, __file__).items():
                runs[part].append(seconds)

    median = {part: statistics.median(values) for part, values in runs.items()}
    read = median["read"]
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"\nFirst-import floor, {args.rows:,} rows on {db}, median of {args.repeat} runs")
    print(f"  plain python-calamine read  {read:7.2f} s   1.00x")
    for part in PARTS:
        print(f"  {part:<27} {median[part]:7.2f} s   {median[part] / read:4.2f}x")
    floor = sum(median[part] for part in PARTS)
    print(f"  floor (their sum)           {floor:7.2f} s   {floor / read:4.2f}x   (aim: 3x)")
    # A reader that handed rows over as it parsed them would let the writes run beside the parse.
    streamed = (
        median["measure"] + max(median["parse"], median["write"]) + median["commit"] + median["recompute"]
    )
    print(f"  floor with a streaming reader {streamed:5.2f} s   {streamed / read:4.2f}x")


if __name__ == "__main__":
    main()
