"""A first import into an empty registry rebuilds the tables' plain indexes on SQLite instead of
inserting into them row by row: afterwards they are there, as the migrations made them, and a
failed import leaves them as they were."""

import pytest
from django.db import connection

from zerobay.registry.models import Enterprise
from zerobay.statistics.importing import writing
from zerobay.statistics.models import AnnualReport

from ..factories import EnterpriseFactory, make_uscc
from .helpers import HEADER, run_import

pytestmark = pytest.mark.django_db(transaction=True)
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="PostgreSQL keeps its indexes")


def indexes(model) -> list[tuple[str, str]]:
    sql = (
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s ORDER BY name"
        if connection.vendor == "sqlite"
        else "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [model._meta.db_table])
        return cursor.fetchall()


def rows(count):
    return [[make_uscc(), f"企业{i}", 10, 1000, 5, 1, 10, 1, 0, 0] for i in range(count)]


@pytest.fixture
def small_bulk(monkeypatch):
    monkeypatch.setattr(writing, "BULK_LOAD_ROWS", 3)


@sqlite_only
def test_a_first_import_rebuilds_the_plain_indexes_as_they_were(workbook, district, small_bulk, monkeypatch):
    before = {m: indexes(m) for m in (Enterprise, AnnualReport)}
    dropped = []
    real_insert = writing.insert_rows

    def spy(model, columns, values):
        dropped.append((model, {n for n, _ in before[model]} - {n for n, _ in indexes(model)}))
        real_insert(model, columns, values)

    monkeypatch.setattr(writing, "insert_rows", spy)
    status, report = run_import(workbook(HEADER, rows(5)))
    assert status == 0 and report["rows_imported"] == 5
    # During the insert the name index (and the other plain ones) were gone, the unique ones kept.
    assert dropped[0][0] is Enterprise and "enterprise_name" in dropped[0][1]
    assert dropped[1][0] is AnnualReport and dropped[1][1]
    assert not any(name.startswith("sqlite_autoindex") for _, names in dropped for name in names)
    assert {m: indexes(m) for m in (Enterprise, AnnualReport)} == before
    assert Enterprise.objects.count() == AnnualReport.objects.count() == 5
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        assert cursor.fetchone()[0] == "ok"


@pytest.mark.parametrize("already", [6, 0])
def test_a_load_into_a_fuller_table_and_every_load_on_postgresql_keep_the_indexes(
    workbook, district, small_bulk, monkeypatch, already
):
    if already == 0 and connection.vendor == "sqlite":
        pytest.skip("an empty SQLite registry rebuilds them (the test above)")
    EnterpriseFactory.create_batch(already)
    seen = []
    real_insert = writing.insert_rows

    def spy(model, columns, values):
        seen.append(len(indexes(model)))
        real_insert(model, columns, values)

    monkeypatch.setattr(writing, "insert_rows", spy)
    status, _ = run_import(workbook(HEADER, rows(4)))
    assert status == 0
    assert seen[0] == len(indexes(Enterprise))  # nothing dropped while the rows went in


@sqlite_only
def test_a_failed_load_leaves_the_indexes_and_the_registry_as_they_were(
    workbook, district, small_bulk, monkeypatch
):
    before = indexes(Enterprise), indexes(AnnualReport)
    real_insert = writing.insert_rows

    def failing(model, columns, values):
        real_insert(model, columns, values)
        if model is AnnualReport:
            raise RuntimeError("disk full")

    monkeypatch.setattr(writing, "insert_rows", failing)
    with pytest.raises(RuntimeError):
        run_import(workbook(HEADER, rows(5)))
    assert (indexes(Enterprise), indexes(AnnualReport)) == before
    assert not Enterprise.objects.exists() and not AnnualReport.objects.exists()
