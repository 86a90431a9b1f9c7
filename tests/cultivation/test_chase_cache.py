"""The chase pages' cached figures change when what they show may change: a duty or a deadline set
by staff, an import (a new computation run), another day."""

import datetime

import pytest
from django.urls import reverse

from zerobay.cultivation.chase.versions import chase_stamp
from zerobay.indicators.models import ComputationRun
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


def test_a_cached_figure_is_computed_again_after_the_next_computation_run(db):
    from django.utils import timezone

    from zerobay.indicators.services import per_run

    calls = []
    assert per_run("t", ("x",), lambda: calls.append(1) or len(calls)) == 1
    assert per_run("t", ("x",), lambda: calls.append(1) or len(calls)) == 1
    ComputationRun.objects.create(trigger="import #9", finished_at=timezone.now())
    assert per_run("t", ("x",), lambda: calls.append(1) or len(calls)) == 2


def test_the_history_page_shows_a_duty_change_at_once(client, admin_user, month):
    client.force_login(admin_user)
    url = reverse("reporting-history") + "?end=2026-05"
    before = client.get(url).content.decode()
    svc.set_duty(month["丙"], user=admin_user, duty="exempt", reason="停产")
    after = client.get(url).content.decode()
    assert before != after
