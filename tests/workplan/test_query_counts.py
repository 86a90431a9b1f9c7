"""The key-task pages run as many queries for a long list as for a short one."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zerobay.workplan.models import Decision, Meeting, Milestone, Task, TaskChange, WeeklyUpdate, week_start

pytestmark = pytest.mark.django_db


def grow(plan, units, n: int, start: int) -> None:
    today = timezone.localdate()
    meeting = Meeting.objects.get_or_create(held_on=today, defaults={"title": "周调度会"})[0]
    for i in range(start, start + n):
        task = Task.objects.create(
            task_list=plan["list"], code=f"{i}", sort=i, title=f"任务{i}", category=f"类别{i % 3}",
            due=today + datetime.timedelta(days=i),
        )  # fmt: skip
        task.lead_units.set([units["KW"], units["JW"]])
        task.co_units.set([units["WJ"]])
        Milestone.objects.create(
            task=task, due=today + datetime.timedelta(days=i % 20), deliverable=f"节点{i}"
        )
        Milestone.objects.create(task=task, due=today - datetime.timedelta(days=1), deliverable=f"逾期{i}")
        WeeklyUpdate.objects.create(
            task=task, unit=units["KW"], week=week_start(today), progress="进展", problems=f"问题{i}",
            declared_status="green",
        )  # fmt: skip
        TaskChange.objects.create(task=task, source="status", changes={"status": ["green", "red"]})
        Decision.objects.create(meeting=meeting, task=task, text=f"议定{i}", owner=units["JW"], due=today)
    Task.objects.update(status_on=None)


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["workplan-home", "workplan-board", "workplan-meeting"])
def test_pages_do_not_grow_with_the_list(client, admin_user, plan, units, name):
    client.force_login(admin_user)
    grow(plan, units, 3, 100)
    count(client, reverse(name))  # statuses computed once for the day
    small = count(client, reverse(name))
    grow(plan, units, 30, 200)
    count(client, reverse(name))
    assert count(client, reverse(name)) <= small
