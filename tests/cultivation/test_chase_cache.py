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
    from zerobay.statistics.versions import per_version

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
