"""The demo's key tasks: 80 tasks imported through the real importer, weekly updates since June
with some missing, meetings with decisions; loading twice changes nothing; wipe removes it."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from zerobay.workplan import demo
from zerobay.workplan.assessment import Quarter, assess
from zerobay.workplan.dispatch import missing_updates
from zerobay.workplan.models import Decision, Meeting, Task, TaskList, WeeklyUpdate
from zerobay.workplan.services import list_tasks

pytestmark = pytest.mark.django_db


def test_the_demo_list(units):
    logins = demo.load(password="pw", seed=7, progress=lambda _m: None)
    assert [u for u, _d in logins] == ["wp-liaison-kw", "wp-liaison-fgw"]
    task_list = TaskList.objects.get(source="demo")
    tasks = list_tasks(task_list)
    assert len(tasks) == 80 and len({t["category"] for t in tasks}) == 6
    assert sum(t["continuous"] for t in tasks) >= 10 and all(t["due"] or t["continuous"] for t in tasks)
    statuses = {t["status"] for t in tasks}
    assert {"done", "red"} <= statuses
    assert sum(1 for t in tasks if t["indicators"]) >= 40
    assert WeeklyUpdate.objects.filter(week__lt="2025-06-02").count() == 0
    assert WeeklyUpdate.objects.count() > 1500
    first = WeeklyUpdate.objects.order_by("week").first().week
    assert missing_updates(Task.objects.all(), first)  # some units missed the first week
    assert Meeting.objects.count() >= 20 and Decision.objects.filter(closed_on__isnull=False).exists()
    result = assess(Quarter(2025, 3), today=datetime.date(2026, 1, 10))
    assert len(result["units"]) >= 15 and all(r["total"] is not None for r in result["units"])
    counts = (Task.objects.count(), WeeklyUpdate.objects.count(), Meeting.objects.count())
    demo.load(password="pw", seed=7, progress=lambda _m: None)
    assert (Task.objects.count(), WeeklyUpdate.objects.count(), Meeting.objects.count()) == counts
    out = StringIO()
    call_command("workplan", "list", "--year", "2025", "--format", "json", stdout=out)
    assert '"code": "80"' in out.getvalue()
    assert demo.wipe() > 80
    assert not Task.objects.exists() and not Meeting.objects.exists()
