"""On PostgreSQL the planner knows how many names a search matches (registry migration 0007), so a
search that matches most of the registry walks the name index to its first page instead of sorting
every match."""

import datetime

import pytest
from django.db import connection

from zerobay.registry.filters import EnterpriseFilter, filter_enterprises
from zerobay.registry.models import Enterprise

from ..factories import make_uscc

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's: run with DATABASE_URL"
    ),
]


def _estimated_rows(queryset) -> int:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        return cursor.fetchone()[0][0]["Plan"]["Plan Rows"]


def test_the_planner_estimates_a_common_search_term_from_statistics():
    Enterprise.objects.bulk_create(
        Enterprise(uscc=make_uscc(i), name=f"上海{'科技' if i % 4 else '贸易'}公司{i}") for i in range(4000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_enterprise")
    found = filter_enterprises(
        Enterprise.objects.all(), EnterpriseFilter(q="科技"), today=datetime.date(2026, 1, 1)
    )
    assert found.count() == 3000
    # Without statistics on UPPER(name) the guess is a fraction of one per cent (about 20 rows).
    assert 1500 < _estimated_rows(found) < 6000
