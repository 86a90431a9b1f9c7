"""Committing validated rows: enterprises created where new, one current report per enterprise and
period, superseded values kept as revisions. Runs inside the caller's transaction.

Rows are written with executemany over plain tuples rather than model instances: building 250,000
model objects costs more than the whole database write (see benchmarks/import_annual.py).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from zerobay.registry.models import Enterprise, OrgUnit

from ..models import AnnualReport, ImportBatch, MonthlyReport, ReportRevision
from ..periods import Period
from ..reportforms import ReportForm
from .validation import ValidRow

REPORT_MODELS = {"torch_annual": AnnualReport, "torch_monthly": MonthlyReport}
SMALL_FILE = 5000  # below this many enterprises, look reports up by enterprise, else scan the period
CHUNK = 900  # parameters per IN (...) query, under every backend's limit


@dataclass
class CommitResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    enterprises_created: int = 0


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    qn = connection.ops.quote_name
    # Table and column names come from model metadata, quoted; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        qn(model._meta.db_table), ", ".join(qn(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def enterprise_index(usccs: list[str]) -> dict[str, tuple[int, str, str]]:
    """uscc -> (id, org_path, name) for the enterprises of the registry among `usccs`."""
    qs = Enterprise.objects.values_list("uscc", "id", "org_path", "name")
    if len(usccs) < SMALL_FILE:
        found = {}
        for chunk in _chunks(usccs):
            found.update({u: (i, p, n) for u, i, p, n in qs.filter(uscc__in=chunk)})
        return found
    wanted = set(usccs)
    return {u: (i, p, n) for u, i, p, n in qs.iterator(chunk_size=20_000) if u in wanted}


def create_enterprises(rows: list[ValidRow], unit: OrgUnit | None, batch: ImportBatch) -> dict[str, int]:
    """Registers the enterprises of `rows`; returns uscc -> id."""
    source = f"import:{batch.pk}"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    path = unit.path if unit else ""
    _insert(
        Enterprise,
        ["uscc", "name", "org_unit_id", "org_path", "above_scale", "source", "created_at", "updated_at"],
        [(r.uscc, r.name[:200], unit.pk if unit else None, path, False, source, now, now) for r in rows],
    )
    return dict(Enterprise.objects.filter(source=source).values_list("uscc", "id"))


def _period_filter(form: ReportForm, period: Period) -> dict:
    return (
        {"year": period.year, "month": period.number}
        if form.code == "torch_monthly"
        else {"year": period.year}
    )


def current_reports(form: ReportForm, period: Period, enterprise_ids: list[int]) -> dict[int, dict]:
    """enterprise id -> the stored report (id, revision, batch, row and every value) for the period."""
    model = REPORT_MODELS[form.code]
    keys = ["id", "enterprise_id", "revision", "batch_id", "source_row", *(f.key for f in form.value_fields)]
    qs = model.objects.filter(**_period_filter(form, period)).values(*keys)
    if len(enterprise_ids) < SMALL_FILE:
        found = {}
        for chunk in _chunks(enterprise_ids):
            found.update({r["enterprise_id"]: r for r in qs.filter(enterprise_id__in=chunk)})
        return found
    wanted = set(enterprise_ids)
    return {r["enterprise_id"]: r for r in qs.iterator(chunk_size=20_000) if r["enterprise_id"] in wanted}


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is new
    return Decimal(old) == Decimal(new)


def _json_value(value):
    return None if value is None else str(value)


def commit_rows(
    form: ReportForm,
    period: Period,
    rows: list[ValidRow],
    present: list[str],
    batch: ImportBatch,
    known: dict[str, tuple[int, str, str]],
    new_unit: OrgUnit | None,
) -> CommitResult:
    """Writes `rows` (already validated and scope-checked). `present` are the value fields the
    file carries: only these are set; fields the file lacks keep their stored values."""
    result = CommitResult()
    new_rows = [r for r in rows if r.uscc not in known]
    ids = {u: v[0] for u, v in known.items()}
    if new_rows:
        ids.update(create_enterprises(new_rows, new_unit, batch))
        result.enterprises_created = len(new_rows)

    model = REPORT_MODELS[form.code]
    period_values = _period_filter(form, period)
    stored = current_reports(form, period, [ids[r.uscc] for r in rows if r.uscc in known])
    now = timezone.now()
    db_now = connection.ops.adapt_datetimefield_value(now)
    all_keys = [f.key for f in form.value_fields]

    inserts, updates, revisions = [], [], []
    for r in rows:
        enterprise_id = ids[r.uscc]
        old = stored.get(enterprise_id)
        if old is None:
            inserts.append(
                (
                    enterprise_id,
                    *period_values.values(),
                    1,
                    batch.pk,
                    r.row,
                    db_now,
                    *(r.values.get(k) for k in all_keys),
                )
            )
            continue
        if all(_same(old[k], r.values.get(k)) for k in present):
            result.unchanged += 1
            continue
        revisions.append(
            (
                form.code,
                old["id"],
                enterprise_id,
                period.year,
                period_values.get("month"),
                old["revision"],
                {k: _json_value(old[k]) for k in all_keys},
                old["batch_id"],
                old["source_row"],
                batch.pk,
                db_now,
            )
        )
        updates.append(
            (old["revision"] + 1, batch.pk, r.row, db_now, *(r.values.get(k) for k in present), old["id"])
        )

    _insert(
        model,
        [
            "enterprise_id",
            *period_values.keys(),
            "revision",
            "batch_id",
            "source_row",
            "updated_at",
            *all_keys,
        ],
        inserts,
    )
    if revisions:
        _insert(
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
    if updates:
        qn = connection.ops.quote_name
        assignments = ", ".join(
            f"{qn(c)} = %s" for c in ["revision", "batch_id", "source_row", "updated_at", *present]
        )
        sql = f"UPDATE {qn(model._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.executemany(sql, updates)
    result.created = len(inserts)
    result.updated = len(updates)
    return result
