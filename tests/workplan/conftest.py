"""A small task list: 区科委 leads task 1 (with 吴泾镇 co-operating), 区发展改革委 leads task 2;
a liaison for each of 区科委, 吴泾镇 and 区经委 (which has no task)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from zerobay.accounts.models import Role
from zerobay.workplan.models import Milestone, Task, TaskList
from zerobay.workplan.services import refresh_statuses

from .workbooks import make_units


@pytest.fixture
def units(db):
    return make_units()


@pytest.fixture
def plan(units, district):
    today = timezone.localdate()
    task_list = TaskList.objects.create(year=today.year, name="大零号湾重点工作任务清单")
    one = Task.objects.create(
        task_list=task_list, code="1", sort=1, title="建设概念验证中心", category="一、策源功能",
        due=today + datetime.timedelta(days=120),
    )  # fmt: skip
    one.lead_units.set([units["KW"]])
    one.co_units.set([units["WJ"]])
    two = Task.objects.create(
        task_list=task_list, code="2", sort=2, title="设立天使基金", category="二、科技金融",
        due=today + datetime.timedelta(days=200),
    )  # fmt: skip
    two.lead_units.set([units["FGW"]])
    Milestone.objects.create(task=one, due=today + datetime.timedelta(days=60), deliverable="选址方案")
    Milestone.objects.create(task=two, due=today + datetime.timedelta(days=5), deliverable="基金章程")
    refresh_statuses(task_list.tasks.all())
    return {"list": task_list, "one": one, "two": two}


@pytest.fixture
def liaisons(units):
    return {
        code: UserFactory(username=f"liaison-{code.lower()}", role=Role.UNIT_LIAISON, unit=units[code])
        for code in ("KW", "WJ", "JW", "FGW")
    }
