"""The chase pages' cached figures change when what they show may change: a duty or a deadline set
by staff, an import (a new computation run), another day."""

import datetime
from types import SimpleNamespace

import pytest

from zerobay.cultivation.chase.versions import chase_stamp
from zerobay.statistics import completeness as svc
from zerobay.statistics.periods import Period, PeriodType

from .chase_fixtures import month_fixture  # noqa: F401 (the fixture "month")

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 20)


def test_the_stamp_follows_duties_deadlines_runs_and_days(month, operator):
    first = chase_stamp(DAY)
    assert chase_stamp(DAY) == first
    svc.set_duty(month["丁"], user=operator, duty="exempt", reason="停产")
    second = chase_stamp(DAY)
    assert second != first
    svc.set_deadline(Period(2026, PeriodType.MONTH, 5), datetime.date(2026, 6, 15), user=None)
    third = chase_stamp(DAY)
    assert third != second
    assert chase_stamp(DAY + datetime.timedelta(days=1)) != chase_stamp(DAY)


def test_a_cached_figure_is_computed_again_after_an_import_or_a_registry_change(db):
    from zerobay.registry.signals import registry_changed
    from zerobay.statistics.signals import reports_imported
    from zerobay.web.versions import per_version

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert per_version("t", ("x",), compute) == 1
    assert per_version("t", ("x",), compute) == 1
    reports_imported.send(sender=None, batch=SimpleNamespace(pk=0, year=2025))  # as an import does
    assert per_version("t", ("x",), compute) == 2
    registry_changed.send(sender=None, reason="test")
    assert per_version("t", ("x",), compute) == 3
    # An import that changed no report (the same file again) keeps what was computed.
    reports_imported.send(sender=None, batch=SimpleNamespace(pk=1, year=2025), changed=False)
    assert per_version("t", ("x",), compute) == 3


def test_the_chase_page_reads_its_rows_by_chunk_and_rebuilds_a_lost_one(month, monkeypatch):
    """The chase page unpickles only its page's chunk of the month (paged.py through
    web.versions.per_version_list); the chunks, read in order, are the month's rows as the
    filter and the chase order give them, and a chunk the cache lost is rebuilt from the month."""
    from django.core.cache import cache

    from zerobay.cultivation.chase import months, paged
    from zerobay.registry.models import Enterprise
    from zerobay.web import versions

    monkeypatch.setattr(versions, "CHUNK", 2)
    period = Period(2026, PeriodType.MONTH, 5)

    def compute():
        return svc.completeness(period, Enterprise.objects.all(), as_of=DAY)

    expected = months.filtered_rows(compute())
    summary, rows = paged.month(("t", period), compute, "", "")
    assert len(rows) == rows.count() == len(expected) == 4 and summary.result.rows == []
    assert summary.result.total.expected == 4
    assert [r.enterprise_id for r in rows[0:4]] == [r.enterprise_id for r in expected]
    assert [r.status for r in rows[1:3]] == [r.status for r in expected[1:3]]  # across two chunks
    assert rows[-1].enterprise_id == expected[-1].enterprise_id and rows[3:3] == []
    cache.delete(f"{rows.key}:1")
    _summary, again = paged.month(("t", period), compute, "", "")
    assert [r.enterprise_id for r in again[2:4]] == [r.enterprise_id for r in expected[2:4]]
    _s, missing = paged.month(("t", period), compute, "missing", "")
    assert {r.status for r in missing[0:10]} == {"missing"} and len(missing) == 2
