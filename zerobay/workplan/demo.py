"""The demo of the key tasks (see zerobay.demo.services.APP_DEMOS): the district's 2025 list of 80
key tasks (data/demo_tasks.json, in our own wording, each naming the document it comes from),
imported through the real importer from a workbook written as the office writes it; milestones;
weekly updates since June with some missing (one unit habitually late); weekly meetings with
decisions closed a few weeks later; the leadership's evaluations of two assessed quarters. The 2025 summary (000) counts 24 weekly meetings since June."""

import datetime
import json
import random
import tempfile
from pathlib import Path

import xlsxwriter
from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.registry.models import Unit
from zerobay.registry.units import find_unit, unit_index

from .dispatch import deadline_of
from .importing import import_tasks
from .models import (
    Decision,
    LeadershipScore,
    Meeting,
    Milestone,
    Status,
    Task,
    TaskList,
    WeeklyUpdate,
    week_start,
)
from .services import refresh_statuses

SOURCE = "demo"
YEAR = 2025
LIST_NAME = "大零号湾2025年度重点工作任务清单"
FILE_NAME = "demo-2025年度重点工作任务清单.xlsx"
DATA = Path(__file__).parent / "data" / "demo_tasks.json"
FIRST_WEEK = datetime.date(2025, 6, 2)  # weekly dispatch since June
LATE_UNIT = "区规划资源局"  # misses a quarter of its updates
ACCOUNTS = (
    ("wp-liaison-kw", "区科委", "单位联络员（unit_liaison）·区科委：填报本单位牵头任务的周进展"),
    ("wp-liaison-fgw", "区发展改革委", "单位联络员（unit_liaison）·区发展改革委：填报周进展，查看配合任务"),
)
STEPS = ("制定工作方案", "完成阶段性目标", "形成年度成果并验收")
PROBLEMS = (
    "用地指标需区规划资源局协调",
    "配套资金拨付进度需区财政局协调",
    "项目审批需多部门联合会商",
    "高校团队落地所需实验空间不足",
    "企业诉求涉及跨区事项，需市级部门支持",
)
PROGRESS = ("召开专题推进会，明确分工", "完成调研走访", "形成初稿并征求意见", "推进项目对接", "完成阶段任务")


def _workbook(path: Path, sections: list[dict]) -> Path:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("任务清单")
    header = ["序号", "重点任务", "具体举措", "牵头单位", "配合单位", "完成时限", "对应指标"]
    ws.merge_range(0, 0, 0, len(header) - 1, LIST_NAME)
    ws.write_row(1, 0, header)
    row, number = 2, 0
    for section in sections:
        ws.merge_range(row, 0, row, len(header) - 1, section["category"])
        row += 1
        for t in section["tasks"]:
            number += 1
            ws.write_row(
                row, 0, [str(number), t["title"], t["content"], t["lead"], t["co"], t["due"], t["indicators"]]
            )
            row += 1
    wb.close()
    return path


def _accounts(password: str) -> list[tuple[str, str]]:
    index = unit_index()
    for username, unit_name, _description in ACCOUNTS:
        user, _created = User.objects.get_or_create(username=username)
        user.role, user.unit = Role.UNIT_LIAISON, find_unit(unit_name, index)
        user.set_password(password)
        user.save()
    return [(u, d) for u, _n, d in ACCOUNTS]


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    if not Unit.objects.exists():
        return []  # the registry's units are loaded with the reference data
    logins = _accounts(password)
    if TaskList.objects.filter(source=SOURCE).exists():
        return logins
    progress("重点任务：导入2025年度80项重点工作任务清单，生成周进展与周调度会……")
    rng = random.Random(seed)
    sections = json.loads(DATA.read_text(encoding="utf-8"))["sections"]
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        path = _workbook(Path(tmp) / FILE_NAME, sections)
        task_list, report = import_tasks(path, year=YEAR, list_name=LIST_NAME, name=FILE_NAME)
        if report.errors or task_list is None:
            raise RuntimeError(f"the demo task list did not import: {report.as_dict(limit=5)}")
        task_list.source, task_list.owner = SOURCE, find_unit("区科委")
        task_list.save(update_fields=["source", "owner"])
        today = timezone.localdate()
        tasks = list(task_list.tasks.prefetch_related("lead_units").order_by("sort"))
        finished = _milestones(tasks, rng, today)
        _updates(tasks, finished, rng, today)
        _meetings(rng, today)
        _leadership(tasks, rng)
        refresh_statuses(task_list.tasks.all(), today)
        audit.record(
            "workplan.demo.loaded",
            actor=None,
            obj=task_list,
            summary=f"重点任务演示数据：{len(tasks)} 项任务",
        )
    return logins


def _milestones(tasks: list[Task], rng: random.Random, today: datetime.date) -> dict[int, datetime.date]:
    """Milestones of every task; most of the year's tasks done and accepted, some late, the
    continuous ones going on. Returns {task id: the date its last milestone was accepted}."""
    rows, finished = [], {}
    for task in tasks:
        if task.continuous:  # quarterly milestones, going on past the list's year
            start = datetime.date(YEAR, 9, 30)
            for q in range(6):
                due = _quarter_end(start, q)
                done = due < today - datetime.timedelta(days=rng.randint(0, 10))
                rows.append(
                    Milestone(
                        task=task,
                        due=due,
                        deliverable=f"第{q + 1}次阶段总结",
                        done_on=due if done else None,
                        accepted=done,
                    )
                )
            if rng.random() < 0.25:  # one falls due within the next two weeks
                rows.append(
                    Milestone(
                        task=task,
                        due=today + datetime.timedelta(days=rng.randint(3, 12)),
                        deliverable="专项督办事项",
                    )
                )
            continue
        due = task.due or datetime.date(YEAR, 12, 31)
        dates = sorted(
            {due - datetime.timedelta(days=d) for d in (rng.randint(90, 150), rng.randint(30, 60), 0)}
        )
        late = rng.random() < 0.12
        for i, (when, step) in enumerate(zip(dates, STEPS, strict=False)):
            last = i == len(dates) - 1
            done_on = None if (late and last) else when - datetime.timedelta(days=rng.randint(0, 6))
            rows.append(
                Milestone(
                    task=task, due=when, deliverable=step, done_on=done_on, accepted=done_on is not None
                )
            )
            if last and done_on is not None:
                finished[task.pk] = done_on
    Milestone.objects.bulk_create(rows)
    return finished


def _quarter_end(start: datetime.date, quarters: int) -> datetime.date:
    month = start.month + 3 * quarters
    year, month = start.year + (month - 1) // 12, (month - 1) % 12 + 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _updates(
    tasks: list[Task], finished: dict[int, datetime.date], rng: random.Random, today: datetime.date
) -> None:
    rows = []
    this_week = week_start(today)
    for task in tasks:
        end = min(week_start(finished[task.pk]) if task.pk in finished else this_week, this_week)
        for unit in task.lead_units.all():
            week = FIRST_WEEK
            while week <= end:
                skip = 0.25 if unit.short_name == LATE_UNIT else 0.06
                if rng.random() >= skip:
                    problem = rng.choice(PROBLEMS) if rng.random() < 0.04 else ""
                    declared = Status.YELLOW if problem else Status.GREEN
                    if week == week_start(finished.get(task.pk, datetime.date.max)):
                        declared = Status.DONE
                    # Filed before the Thursday deadline, now and then a day late.
                    hours = rng.randint(2, 60) * (-1 if rng.random() < 0.9 else 0.4)
                    rows.append(
                        WeeklyUpdate(
                            task=task, unit=unit, week=week, progress=rng.choice(PROGRESS), problems=problem,
                            next_steps="按计划推进下一阶段工作", declared_status=declared,
                            submitted_at=deadline_of(week) + datetime.timedelta(hours=hours),
                        )
                    )  # fmt: skip
                week += datetime.timedelta(days=7)
    WeeklyUpdate.objects.bulk_create(rows, batch_size=2000)


def _meetings(rng: random.Random, today: datetime.date) -> None:
    """A meeting most weeks; each problem raised gets a decision, closed within a few weeks."""
    problems = WeeklyUpdate.objects.exclude(problems="").select_related("task", "unit").order_by("week")
    by_week: dict[datetime.date, list[WeeklyUpdate]] = {}
    for update in problems:
        by_week.setdefault(update.week, []).append(update)
    week = FIRST_WEEK
    while week <= week_start(today) - datetime.timedelta(days=7):
        if rng.random() < 0.85 or week in by_week:
            meeting = Meeting.objects.create(
                held_on=week + datetime.timedelta(days=4),
                title=f"周调度会 {week.isocalendar()[0]}-W{week.isocalendar()[1]:02d}",
                source=SOURCE,
            )
            for update in by_week.get(week, []):
                due = week + datetime.timedelta(days=7 * rng.randint(1, 3))
                closed = due + datetime.timedelta(days=rng.randint(-3, 4))
                Decision.objects.create(
                    meeting=meeting, task=update.task, owner=update.unit,
                    text=f"关于“{update.problems}”：由{update.unit}牵头会商，{due:%m月%d日}前反馈",
                    due=due, closed_on=closed if closed < today else None,
                    closing_note="已协调解决" if closed < today else "",
                )  # fmt: skip
        week += datetime.timedelta(days=7)


def _leadership(tasks: list[Task], rng: random.Random) -> None:
    """The leadership's evaluations of the two assessed quarters (2025Q3, 2025Q4)."""
    units = {u.pk: u for task in tasks for u in task.lead_units.all()}
    LeadershipScore.objects.bulk_create(
        [
            LeadershipScore(unit=unit, year=YEAR, quarter=q, score=rng.randint(70, 98), note="demo")
            for q in (3, 4)
            for unit in units.values()
        ]
    )


def wipe() -> int:
    lists = TaskList.objects.filter(source=SOURCE)
    n = Task.objects.filter(task_list__in=lists).count()
    Decision.objects.filter(meeting__source=SOURCE).delete()
    n += Meeting.objects.filter(source=SOURCE).delete()[0]
    n += LeadershipScore.objects.filter(note="demo").delete()[0]
    lists.delete()
    n += User.objects.filter(username__in=[u for u, _n, _d in ACCOUNTS]).delete()[0]
    # Units the demo's workbook created (a unit not in the registry is created with a warning).
    n += Unit.objects.filter(
        code__startswith="NEW", source__startswith=FILE_NAME, led_tasks=None, co_tasks=None
    ).delete()[0]
    return n
