"""The wall chart (挂图作战) of a list: tasks by category with their milestones on a timeline, coloured
by status, and the matrix of lead units × status whose cells drill to their tasks."""

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zerobay.web.charts import bar_chart, series, timeline_chart

from .models import Status, Task, TaskList
from .status import COLOURS, ORDER, TONES


def status_counts(tasks: QuerySet[Task]) -> list[dict]:
    counted = dict(tasks.values_list("status").annotate(n=Count("id")).order_by())
    return [
        {"status": s.value, "label": s.label, "tone": TONES[s], "count": counted.get(s.value, 0)}
        for s in ORDER
    ]


def matrix(tasks: QuerySet[Task], task_list: TaskList) -> list[dict]:
    """One row per lead unit: its tasks by status, each cell with the link to those tasks."""
    cells: dict[tuple[int, str], int] = Counter()
    names = {}
    for unit_id, unit_short, unit_name, status in tasks.values_list(
        "lead_units", "lead_units__short_name", "lead_units__name", "status"
    ):
        if unit_id is None:
            continue
        cells[(unit_id, status)] += 1
        names[unit_id] = unit_short or unit_name
    base = reverse("workplan-home")
    rows = []
    for unit_id, name in sorted(names.items(), key=lambda kv: -sum(cells[(kv[0], s.value)] for s in ORDER)):
        row = {"unit": name, "cells": [], "total": 0}
        for s in ORDER:
            n = cells[(unit_id, s.value)]
            query = urlencode({"list": task_list.pk, "unit": unit_id, "status": s.value})
            row["cells"].append({"status": s.value, "tone": TONES[s], "count": n, "href": f"{base}?{query}"})
            row["total"] += n
        rows.append(row)
    return rows


def row_label(task: Task) -> str:
    return f"{task.code} {task.title}"[:40]


def by_category(tasks: QuerySet[Task], year: int, today: datetime.date) -> list[dict]:
    """Categories in list order, each with its tasks and a timeline of their milestones and due
    dates, coloured by the task's status."""
    groups: dict[str, list[Task]] = defaultdict(list)
    for task in tasks.prefetch_related("lead_units", "milestones").order_by("sort", "code"):
        groups[task.category or _("Uncategorised")].append(task)
    return [
        {
            "category": c,
            "name": f"timeline-{i}",
            "chips": [{"task": t, "tone": TONES[Status(t.status)]} for t in ts],
            "chart": timeline(ts, year, today),
            "height": f"{80 + 28 * len(ts)}px",
        }
        for i, (c, ts) in enumerate(groups.items(), start=1)
    ]


def timeline(tasks: list[Task], year: int, today: datetime.date) -> dict:
    points: dict[str, list] = {s.value: [] for s in ORDER}
    for task in tasks:
        row = row_label(task)
        for m in task.milestones.all():
            points[task.status].append([m.due.isoformat(), row, m.deliverable])
        if task.due:
            points[task.status].append([task.due.isoformat(), row, pgettext("workplan", "due")])
    start = min(
        [
            datetime.date(year, 1, 1),
            *(datetime.date.fromisoformat(p[0]) for ps in points.values() for p in ps),
        ]
    )
    end = max(
        [
            datetime.date(year, 12, 31),
            *(datetime.date.fromisoformat(p[0]) for ps in points.values() for p in ps),
        ]
    )
    return timeline_chart(
        [row_label(t) for t in tasks],
        [series(str(Status(s).label), points[s.value], colour=COLOURS[s]) for s in ORDER if points[s.value]],
        start=start.isoformat(),
        end=end.isoformat(),
        today=today.isoformat(),
    )


def status_chart(counts: list[dict]) -> dict:
    return bar_chart(
        [c["label"] for c in counts],
        [
            series(
                _("Tasks"),
                [c["count"] for c in counts],
                colours=[COLOURS[Status(c["status"])] for c in counts],
                labels=True,
            )
        ],
    )


def build(tasks: QuerySet[Task], task_list: TaskList, today: datetime.date | None = None) -> dict:
    counts = status_counts(tasks)
    return {
        "counts": counts,
        "matrix": matrix(tasks, task_list),
        "groups": by_category(tasks, task_list.year, today or timezone.localdate()),
        "status_chart": status_chart(counts),
        "colours": {s.value: COLOURS[s] for s in ORDER},
    }
