"""The loop's data: status from the indicator tracking, tasks turning red, missing updates and
their reminder, the meeting's agenda."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from zerobay.accounts.models import Notification
from zerobay.indicators.models import PublishedFigure
from zerobay.workplan import dispatch
from zerobay.workplan.models import Milestone, Task, WeeklyUpdate, week_start
from zerobay.workplan.services import list_tasks, refresh_statuses, states, with_details

pytestmark = pytest.mark.django_db


def figure(indicator, year, kind, value):
    PublishedFigure.objects.create(
        indicator=indicator, scope="MH", year=year, kind=kind, value=value, unit="家",
        source="test.txt", published=datetime.date(year, 12, 31),
    )  # fmt: skip


def test_a_task_whose_indicator_lags_is_yellow_with_its_completion_as_progress(plan):
    one = plan["one"]
    this_year = timezone.localdate().year
    figure("district.hte_recognised", this_year - 2, "actual", 100)
    figure("district.hte_recognised", this_year - 1, "actual", 100)
    figure("district.hte_recognised", this_year + 1, "target", 1_000_000)
    one.indicators = ["district.hte_recognised"]
    one.save()
    state = states(with_details(Task.objects.filter(pk=one.pk)))[0]
    assert state.indicators[0].status in ("at_risk", "off_track")
    assert state.status == "yellow" and state.reason in (
        "a linked indicator is at risk or off track",
        "关联指标有风险或滞后",
    )
    completion = state.indicators[0].completion
    assert completion < 0.01 and state.progress == round(100 * completion)
    row = next(t for t in list_tasks(plan["list"]) if t["code"] == "1")
    assert (
        row["status"] == "yellow"
        and row["progress"] == state.progress
        and row["indicators"] == ["district.hte_recognised"]
    )


def test_a_task_turning_red_is_on_the_meetings_agenda(plan):
    one = plan["one"]
    today = timezone.localdate()
    week = week_start(today)
    assert dispatch.agenda(Task.objects.all(), week).turned_red == []
    Milestone.objects.create(task=one, due=today - datetime.timedelta(days=1), deliverable="方案")
    assert refresh_statuses(Task.objects.all()) == 1
    agenda = dispatch.agenda(Task.objects.all(), week)
    assert [t.code for t, _at in agenda.turned_red] == ["1"]
    assert [m.deliverable for m in agenda.milestones] == ["基金章程"]  # due in 5 days; 选址方案 in 60


def test_missing_updates_per_unit_and_the_reminder(plan, liaisons):
    today = timezone.localdate()
    week = week_start(today)
    tasks = Task.objects.all()
    missing = dispatch.missing_updates(tasks, week)
    assert {str(u): [t.code for t in ts] for u, ts in missing.items()} == {
        "区科委": ["1"],
        "区发展改革委": ["2"],
    }
    WeeklyUpdate.objects.create(
        task=plan["one"],
        unit=plan["one"].lead_units.get(),
        week=week,
        progress="推进中",
        declared_status="green",
    )
    liaisons["FGW"].email = "fgw@example.org"
    liaisons["FGW"].save()
    out = io.StringIO()
    call_command("workplan", "remind", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {"week": dispatch.iso_week(week), "missing": {"区发展改革委": 1}}
    assert Notification.objects.filter(user=liaisons["FGW"]).count() == 1
    assert not Notification.objects.filter(user=liaisons["KW"]).exists()
    assert mail.outbox[0].to == ["fgw@example.org"] and "设立天使基金" in mail.outbox[0].body


def test_the_deadline_is_configurable(settings):
    week = datetime.date(2026, 6, 1)
    assert timezone.localtime(dispatch.deadline_of(week)).strftime("%a %H:%M") == "Thu 17:00"
    settings.WORKPLAN_UPDATE_DEADLINE = {"weekday": 4, "time": "12:00"}
    assert timezone.localtime(dispatch.deadline_of(week)).strftime("%a %H:%M") == "Fri 12:00"
    assert dispatch.parse_week("2026-W23") == week
    with pytest.raises(ValueError):
        dispatch.parse_week("2026-W99", strict=True)


def test_a_daily_run_reminds_on_the_day_before_the_deadline_only(plan, liaisons, monkeypatch):
    from zerobay.accounts.models import Notification

    week = datetime.date(2026, 6, 1)  # deadline Thursday 4 June 17:00
    assert dispatch.is_reminder_day(week, datetime.date(2026, 6, 3))
    assert not dispatch.is_reminder_day(week, datetime.date(2026, 6, 4))
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 6, 2))
    call_command("workplan", "remind", "--week", "2026-W23", "--daily", stdout=io.StringIO())
    assert not Notification.objects.exists()
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 6, 3))
    call_command("workplan", "remind", "--week", "2026-W23", "--daily", stdout=io.StringIO())
    assert Notification.objects.filter(user=liaisons["KW"]).exists()
