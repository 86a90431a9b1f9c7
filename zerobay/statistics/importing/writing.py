"""Committing validated rows: enterprises created where new, one current report per enterprise and
period, superseded values kept as revisions. Runs inside the caller's transaction.

Rows are written with executemany over plain tuples rather than model instances: building 250,000
model objects costs more than the whole database write (see benchmarks/import_annual.py).
"""

from collections.abc import Collection, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import batched
from operator import itemgetter

from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from zerobay.registry.models import Enterprise, OrgUnit

from ..models import AnnualReport, EnterpriseProfile, ImportBatch, MonthlyReport, ReportRevision
from ..periods import Period
from ..reportforms import Kind, ReportForm
from .validation import ValidRow, take

REPORT_MODELS = {
    "torch_annual": AnnualReport,
    "torch_monthly": MonthlyReport,
    "enterprise_profile": EnterpriseProfile,
}
SMALL_FILE = 5000  # below this many enterprises, look reports up by enterprise, else scan the period
CHUNK = 900  # parameters per IN (...) query, under every backend's limit
BULK_LOAD_ROWS = 50_000  # a load at least this large, into a table holding no more, rebuilds indexes


@dataclass
class CommitResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    enterprises_created: int = 0


def insert_rows(model, columns: list[str], rows: Iterable[tuple]) -> None:
    """Plain INSERTs (COPY on PostgreSQL) of value tuples: no model instances, no signals. `rows`
    may be a generator: it is consumed as the rows are written."""
    if isinstance(rows, list | tuple) and not rows:
        return
    qn = connection.ops.quote_name
    table, names = qn(model._meta.db_table), ", ".join(qn(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is an order of magnitude faster than executemany through Django's cursor.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Table and column names come from model metadata, quoted; values are parameters.
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        for chunk in batched(rows, 20_000):
            cursor.executemany(sql, chunk)


@contextmanager
def bulk_load(model, adding: int):
    """Around inserting `adding` rows into `model`'s table: on SQLite, when they are many and at
    least as many as the table holds, its plain (not unique) indexes are dropped for the insert and
    built again after it. Building an index sorts its keys once; inserting a quarter of a million
    names one by one into a B-tree costs three times as much (benchmarks/import_annual.py). It runs in
    the caller's transaction: readers keep seeing the table as it was, indexes and all, until the
    commit, and a failure rolls the drop back with the rows. PostgreSQL keeps its indexes: dropping
    one there locks the table against every reader until the import commits."""
    table = model._meta.db_table
    if connection.vendor != "sqlite" or adding < BULK_LOAD_ROWS:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        if cursor.fetchone()[0] > adding:
            yield
            return
        # The indexes' own CREATE statements, as the migrations made them (a unique constraint's
        # index has none: it stays, and checks the rows as they come).
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


def _update(model, columns: list[str], rows: list[tuple]) -> None:
    """Sets `columns` of the rows whose id ends each tuple."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One UPDATE from a COPY-filled temporary table, rather than a statement a row.
            names = ", ".join(qn(c) for c in [*columns, "id"])
            create = (
                f"CREATE TEMP TABLE zerobay_update ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA"  # noqa: S608
            )
            cursor.execute(create)
            with cursor.cursor.copy(f"COPY zerobay_update ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            assignments = ", ".join(f"{qn(c)} = u.{qn(c)}" for c in columns)
            update = f"UPDATE {table} AS t SET {assignments} FROM zerobay_update AS u WHERE t.id = u.id"  # noqa: S608
            cursor.execute(update)
            cursor.execute("DROP TABLE zerobay_update")
            return
        assignments = ", ".join(f"{qn(c)} = %s" for c in columns)
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # noqa: S608


def ids_creating_new(
    rows: list[ValidRow], known: dict, batch: ImportBatch, result: "CommitResult"
) -> dict[str, int]:
    """USCC → enterprise id for the rows of a higher app's form, registering (unassigned) the
    enterprises the pipeline's resolve did not find (`known`: its index, USCC → (id, …))."""
    new = {r.uscc: r for r in rows if r.uscc not in known}
    ids = {u: v[0] for u, v in known.items()}
    if new:
        ids.update(create_enterprises(list(new.values()), None, batch))
        result.enterprises_created = len(new)
    return ids


def revision_text(value) -> str | None:
    """A stored value as a revision keeps it and as two values are compared: money and areas with 2 places."""
    if value is None:
        return None
    return str(Decimal(value).quantize(Decimal("0.01"))) if isinstance(value, Decimal | float) else str(value)


def revise(
    current, values: dict, kept: list[str], batch, row: int, keep_revision, text=revision_text
) -> bool:
    """For the records of the higher apps' forms (carriers, support records) that carry `revision`,
    `batch` and `source_row`: sets `values` on `current` when one of them differs (compared as
    `text(value)`), after `keep_revision(old_values, batch_id, source_row)` kept what it held of
    `kept`; the record then names `batch` and `row`. False when nothing differs."""
    if all(text(getattr(current, k)) == text(v) for k, v in values.items()):
        return False
    keep_revision({k: text(getattr(current, k)) for k in kept}, current.batch_id, current.source_row)
    for k, v in values.items():
        setattr(current, k, v)
    current.revision += 1
    current.batch, current.source_row = batch, row
    current.save()
    return True


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def registry_index() -> dict[str, tuple[int, str, str]]:
    """uscc -> (id, org_path, name) of every enterprise in the registry, in one query: for large
    files, cheaper than looking codes up piecemeal, and its keys spare re-checking known codes."""
    table = connection.ops.quote_name(Enterprise._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT uscc, id, org_path, name FROM {table}")  # noqa: S608
        return {u: (i, p, n) for u, i, p, n in cursor.fetchall()}


def enterprise_index(usccs: list[str], index: dict | None = None) -> dict[str, tuple[int, str, str]]:
    """uscc -> (id, org_path, name) for the enterprises of the registry among `usccs`."""
    if index is not None:
        return {u: index[u] for u in usccs if u in index}
    qs = Enterprise.objects.values_list("uscc", "id", "org_path", "name")
    found = {}
    for chunk in _chunks(usccs):
        found.update({u: (i, p, n) for u, i, p, n in qs.filter(uscc__in=chunk)})
    return found


def reserve_ids(model, count: int) -> list[int]:
    """`count` new primary keys of `model`, ascending, that no row has or had: rows inserted with
    them need not be read back for their ids (a quarter of a million on a first import)."""
    if count <= 0:
        return []
    table, qn = model._meta.db_table, connection.ops.quote_name
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Drawn from the table's own sequence, so concurrent inserts get other ids. (The sequence
            # is looked up once: pg_get_serial_sequence per row cost ten times the nextval.)
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            (sequence,) = cursor.fetchone()
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
            return sorted(i for (i,) in cursor.fetchall())
        # SQLite: above the AUTOINCREMENT high-water mark (ids of deleted rows are not reused),
        # inside the caller's transaction, whose write lock (transaction_mode IMMEDIATE) keeps
        # other writers out until it commits.
        if not connection.in_atomic_block:
            raise RuntimeError("reserve_ids must run inside the transaction that inserts the rows")
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT MAX({qn(pk)}) FROM {qn(table)}), 0), "  # noqa: S608
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        (top,) = cursor.fetchone()
    return list(range(top + 1, top + 1 + count))


def create_enterprises(rows: list[ValidRow], unit: OrgUnit | None, batch: ImportBatch) -> dict[str, int]:
    """Registers the enterprises of `rows`; returns uscc -> id."""
    source = f"import:{batch.pk}"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    path = unit.path if unit else ""
    # In code order, with ascending ids: the unique index on the code and the primary key then
    # grow at their end instead of at random places, which a first import of a quarter of a
    # million enterprises notices.
    names = {r.uscc: r.name[:200] for r in rows}
    usccs = sorted(names)
    ids = reserve_ids(Enterprise, len(usccs))
    with bulk_load(Enterprise, len(usccs)):
        insert_rows(
            Enterprise,
            [
                "id",
                "uscc",
                "name",
                "org_unit_id",
                "org_path",
                "above_scale",
                "source",
                "created_at",
                "updated_at",
            ],
            [
                (i, u, names[u], unit.pk if unit else None, path, False, source, now, now)
                for i, u in zip(ids, usccs, strict=True)
            ],
        )
    return dict(zip(usccs, ids, strict=True))


def _period_filter(form: ReportForm, period: Period) -> dict:
    """The columns that tell one stored report from another of the same enterprise."""
    if not form.periodic:
        return {}
    return (
        {"year": period.year, "month": period.number}
        if form.code == "torch_monthly"
        else {"year": period.year}
    )


def _period_columns(form: ReportForm, period: Period) -> dict:
    """The period columns a new report is written with (a profile records the year it was imported)."""
    return _period_filter(form, period) if form.periodic else {"year": period.year}


def money_keys_of(form: ReportForm) -> set[str]:
    return {f.key for f in form.value_fields if f.kind == Kind.MONEY}


@dataclass
class PeriodReports:
    """Every stored report of a form's period, read ahead of the commit (while a large file is still
    being parsed), with the period's stamp at that moment: the commit uses them only if the stamp
    is still the same inside its transaction, and reads them again otherwise."""

    rows: dict[int, tuple]
    stamp: tuple


def period_stamp(form: ReportForm, period: Period) -> tuple:
    """(reports, the latest change) of the period: any report written since changes one of them."""
    found = REPORT_MODELS[form.code].objects.filter(**_period_filter(form, period))
    stamp = found.aggregate(n=Count("id"), at=Max("updated_at"))
    return stamp["n"], stamp["at"]


def read_period(form: ReportForm, period: Period) -> PeriodReports:
    stamp = period_stamp(form, period)
    return PeriodReports(current_reports(form, period, None, money_keys_of(form)), stamp)


def current_reports(
    form: ReportForm, period: Period, enterprise_ids: list[int] | None, money_keys: Collection[str] = ()
) -> dict[int, tuple]:
    """enterprise id -> the stored report as a tuple (id, enterprise, revision, batch, row, *values
    in the order of form.value_fields), as the database returns it: no model or dict per row; of
    every enterprise when `enterprise_ids` is None. Money (`money_keys`) comes as integer cents, as
    validation gives it: a re-import then compares rows without a Decimal or float conversion per
    value."""
    model = REPORT_MODELS[form.code]
    qn = connection.ops.quote_name
    values = [_cents_sql(qn(f.key)) if f.key in money_keys else qn(f.key) for f in form.value_fields]
    columns = [*(qn(c) for c in ("id", "enterprise_id", "revision", "batch_id", "source_row")), *values]
    period_values = _period_filter(form, period)
    where = " AND ".join([f"{qn(k)} = %s" for k in period_values] or ["1 = 1"])
    sql = f"SELECT {', '.join(columns)} FROM {qn(model._meta.db_table)} WHERE {where}"  # noqa: S608
    params = list(period_values.values())
    found: dict[int, tuple] = {}
    with connection.cursor() as cursor:
        if enterprise_ids is not None and len(enterprise_ids) < SMALL_FILE:
            for chunk in _chunks(enterprise_ids):
                cursor.execute(
                    f"{sql} AND enterprise_id IN ({', '.join(['%s'] * len(chunk))})", [*params, *chunk]
                )
                found.update((r[1], r) for r in cursor.fetchall())
        else:
            wanted = None if enterprise_ids is None else set(enterprise_ids)
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(20_000):
                found.update((r[1], r) for r in batch if wanted is None or r[1] in wanted)
    return found


def _cents_sql(column: str) -> str:
    """A stored amount of yuan as integer cents, exactly: SQLite keeps a REAL (the nearest double to
    the cents over 100, which ROUND brings back), PostgreSQL an exact numeric."""
    if connection.vendor == "sqlite":
        return f"CAST(ROUND({column} * 100) AS INTEGER)"
    return f"CAST({column} * 100 AS BIGINT)"


# Below this many cents (10^13 yuan) the double nearest cents/100 lies within 0.001 of it, so
# rounding that double to two places gives the exact amount back.
FLOAT_EXACT_CENTS = 10**15


def money_text(cents: int) -> str:
    """Integer cents as exact yuan text with two decimals ("-12.05"): half the cost of the integer
    arithmetic, which very large amounts still take."""
    if -FLOAT_EXACT_CENTS < cents < FLOAT_EXACT_CENTS:
        return "%.2f" % (cents / 100)  # noqa: UP031 (printf formatting is the fastest here)
    whole, part = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole}.{part:02d}"


def _db_values(money_keys: set[str], date_keys: set[str] = frozenset()):
    """A function giving a row's values, in the order of `keys`, as this database is written: money
    as yuan, a float for SQLite, whose decimals are REAL (dividing the exact cents gives the same
    nearest double as the decimal text would, without a Python adapter call per value), and text for
    PostgreSQL, whose COPY parses it into the exact numeric (a Decimal per value cost more than the
    rest of a first import's writing there)."""
    if connection.vendor == "sqlite":

        def money(cents: int) -> float | str:
            return cents / 100
    else:
        money = money_text

    plans: dict[tuple, tuple] = {}  # keys -> (its conversion or None, for each key), worked out once

    def convert(values: Mapping, keys: tuple[str, ...]) -> tuple:
        plan = plans.get(keys)
        if plan is None:
            plan = plans[keys] = tuple(
                money if k in money_keys else (str if k in date_keys else None) for k in keys
            )
        return tuple(
            [v if f is None or v is None else f(v) for v, f in zip(take(values, keys), plan, strict=True)]
        )

    return convert


def _json_value(value, money: bool):
    """A stored value as revision text: money (read as cents) in yuan with its two decimals, counts
    as whole numbers."""
    if value is None:
        return None
    return str(Decimal(value).scaleb(-2)) if money else str(value)


def commit_rows(
    form: ReportForm,
    period: Period,
    rows: list[ValidRow],
    present: list[str],
    batch: ImportBatch,
    known: dict[str, tuple[int, str, str]],
    new_unit: OrgUnit | None,
    ahead: PeriodReports | None = None,
) -> CommitResult:
    """Writes `rows` (already validated and scope-checked). `present` are the value fields the
    file carries: only these are set; fields the file lacks keep their stored values. `ahead`: the
    period's reports read before the transaction (read_period), used if none changed since."""
    result = CommitResult()
    new_rows = [r for r in rows if r.uscc not in known]
    ids = {u: v[0] for u, v in known.items()}
    if new_rows:
        ids.update(create_enterprises(new_rows, new_unit, batch))
        result.enterprises_created = len(new_rows)

    model = REPORT_MODELS[form.code]
    period_values = _period_filter(form, period)
    money_keys = money_keys_of(form)
    if ahead is not None and ahead.stamp == period_stamp(form, period):
        stored = ahead.rows
    else:
        stored = current_reports(form, period, [ids[r.uscc] for r in rows if r.uscc in known], money_keys)
    now = timezone.now()
    db_now = connection.ops.adapt_datetimefield_value(now)
    all_keys = tuple(f.key for f in form.value_fields)
    present = tuple(present)
    position = {k: 5 + i for i, k in enumerate(all_keys)}  # where each value sits in a stored tuple
    present_positions = [position[k] for k in present]
    date_keys = {f.key for f in form.value_fields if f.kind == Kind.DATE}
    dated = [k in date_keys for k in present] if date_keys & set(present) else []
    to_db = _db_values(money_keys, date_keys)
    insert_period = _period_columns(form, period)

    new_reports, updates, revisions = [], [], []
    for r in rows:
        enterprise_id = ids[r.uscc]
        old = stored.get(enterprise_id)
        if old is None:
            new_reports.append((enterprise_id, r))
            continue
        # Compared as validation gives them (money in cents), dates as text on both sides.
        seen = take(r.values, present)
        stored_values = tuple(map(old.__getitem__, present_positions))
        if dated:
            seen, stored_values = (
                tuple(str(v) if d and v is not None else v for d, v in zip(dated, t, strict=True))
                for t in (seen, stored_values)
            )
        if seen == stored_values:
            result.unchanged += 1
            continue
        report_id, _, revision, old_batch, old_row = old[:5]
        snapshot = {k: _json_value(old[position[k]], k in money_keys) for k in all_keys}
        revisions.append(
            (
                form.code,
                report_id,
                enterprise_id,
                period.year,
                period_values.get("month"),
                revision,
                snapshot,
                old_batch,
                old_row,
                batch.pk,
                db_now,
            )
        )
        updates.append((revision + 1, batch.pk, r.row, db_now, *to_db(r.values, present), report_id))

    # By enterprise: the (enterprise, period) index grows at its end. Converted as they are
    # written, so that PostgreSQL stores one part of the COPY while the next is converted.
    new_reports.sort(key=itemgetter(0))
    period_columns = tuple(insert_period.values())
    with bulk_load(model, len(new_reports)):
        insert_rows(
            model,
            [
                "enterprise_id",
                *insert_period.keys(),
                "revision",
                "batch_id",
                "source_row",
                "updated_at",
                *all_keys,
            ],
            (
                (enterprise_id, *period_columns, 1, batch.pk, r.row, db_now, *to_db(r.values, all_keys))
                for enterprise_id, r in new_reports
            ),
        )
    if revisions:
        insert_rows(
            ReportRevision,
            [
                "form",
                "report_id",
                "enterprise_id",
                "year",
                "month",
                "revision",
                "values",
                "batch_id",
                "source_row",
                "superseded_by_id",
                "superseded_at",
            ],
            [(*r[:6], connection.ops.adapt_json_value(r[6], None), *r[7:]) for r in revisions],
        )
    _update(model, ["revision", "batch_id", "source_row", "updated_at", *present], updates)
    result.created = len(new_reports)
    result.updated = len(updates)
    return result
