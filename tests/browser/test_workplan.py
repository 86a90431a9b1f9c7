"""Key tasks in a real browser: a unit's liaison files a weekly update with a problem; the
commission's staff see it in the weekly meeting view and record a decision; the task page and the
wall chart show the task's colour; the month's bulletin draft names the red task."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from zerobay.accounts.models import Role
from zerobay.workplan.models import Decision, Milestone, Task, TaskList, WeeklyUpdate
from zerobay.workplan.services import refresh_statuses

from ..conftest import PASSWORD
from ..workplan.workbooks import make_units

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, url, username):
    page.goto(url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()


def test_liaison_update_meeting_decision_board(page, live_server, tmp_path):
    units = make_units()
    today = timezone.localdate()
    plan = TaskList.objects.create(year=today.year, name="大零号湾重点工作任务清单")
    late = Task.objects.create(
        task_list=plan, code="3", sort=3, title="建设概念验证中心", category="一、提升科技创新策源功能",
        due=today + datetime.timedelta(days=90),
    )  # fmt: skip
    late.lead_units.set([units["KW"]])
    Milestone.objects.create(task=late, due=today - datetime.timedelta(days=3), deliverable="选址方案")
    other = Task.objects.create(
        task_list=plan, code="4", sort=4, title="设立天使基金", category="二、科技金融",
        due=today + datetime.timedelta(days=200),
    )  # fmt: skip
    other.lead_units.set([units["FGW"]])
    refresh_statuses(plan.tasks.all())
    UserFactory(username="kw-liaison", role=Role.UNIT_LIAISON, unit=units["KW"])
    UserFactory(username="staff", role=Role.DISTRICT_ADMIN)

    # The liaison of 区科委 sees its task only and files the week's update with a problem.
    login(page, f"{live_server.url}/accounts/login/?next=/workplan/", "kw-liaison")
    page.wait_for_url("**/workplan/")
    rows = page.locator("#tasks tbody tr[data-code]")
    assert rows.count() == 1 and rows.first.get_attribute("data-status") == "red"
    assert "设立天使基金" not in page.content()
    page.screenshot(path=str(tmp_path / "liaison-list.png"), full_page=True)
    rows.first.locator("a").first.click()
    page.locator("#file-update").click()
    page.fill("textarea[name=progress]", "完成两处候选场地踏勘")
    page.fill("textarea[name=problems]", "候选地块用地指标需区规划资源局协调")
    page.select_option("select[name=declared_status]", "yellow")
    page.locator("#update-form button[type=submit]").click()
    page.wait_for_url(f"**/workplan/tasks/{late.pk}/")
    assert "用地指标需区规划资源局协调" in page.locator("#updates").inner_text()
    assert "⚑" in page.locator("#declared-status").inner_text()  # declared yellow, computed red
    assert WeeklyUpdate.objects.get().declared_status == "yellow"
    page.context.clear_cookies()

    # The staff see the problem and the missing update of 区发展改革委 in the meeting view.
    login(page, f"{live_server.url}/accounts/login/?next=/workplan/meeting/", "staff")
    page.wait_for_url("**/workplan/meeting/")
    assert "用地指标需区规划资源局协调" in page.locator("#problems").inner_text()
    assert "区发展改革委" in page.locator("#missing").inner_text()
    page.fill("#decision-form textarea[name=text]", "区规划资源局两周内反馈用地指标意见")
    page.select_option("#decision-form select[name=owner]", str(units["KW"].pk))
    page.fill("#decision-form input[name=due]", str(today + datetime.timedelta(days=14)))
    page.select_option("#decision-form select[name=task]", str(late.pk))
    page.locator("#decision-form button[type=submit]").click()
    page.wait_for_url("**/workplan/meeting/?week=*")
    assert "区规划资源局两周内反馈用地指标意见" in page.locator("#decisions").inner_text()
    assert Decision.objects.get().task == late
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.screenshot(path=str(tmp_path / "meeting-1440.png"), full_page=True)

    # The wall chart shows the task in red, its timeline drawn; the matrix drills to it.
    page.goto(f"{live_server.url}/workplan/board/")
    chip = page.locator('.task-chips a[data-code="3"]')
    assert chip.get_attribute("data-status") == "red" and "badge-red" in chip.get_attribute("class")
    page.wait_for_function("document.querySelector('#timeline-1-chart canvas') !== null")
    page.screenshot(path=str(tmp_path / "board-1440.png"), full_page=True)
    page.locator("#matrix a.badge-red").first.click()
    page.wait_for_url("**/workplan/?*status=red*")
    assert page.locator("#tasks tbody tr[data-code]").count() == 1
    # The month's bulletin draft names the red task with its lead unit.
    page.goto(f"{live_server.url}/reports/bulletins/")
    page.fill("#draft-form input[name=period]", f"{today:%Y-%m}")
    page.locator("#draft-form button[type=submit]").click()
    page.wait_for_url("**/reports/bulletins/*/")
    red = page.locator('#tasks tr.red-task[data-code="3"]')
    assert "建设概念验证中心" in red.inner_text() and "区科委" in red.inner_text()
    page.screenshot(path=str(tmp_path / "bulletin-1440.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/workplan/tasks/{late.pk}/")
    assert "badge-red" in page.locator("#computed-status").inner_html()
    assert "区规划资源局两周内反馈用地指标意见" in page.locator("#decisions").inner_text()
    page.screenshot(path=str(tmp_path / "task-390.png"), full_page=True)
