"""The commission's staff keep a task's milestones: add one, mark it done, accept it (which, for
the last milestone, makes the task done). Every change is in the task's history and the audit log,
and the task's computed status follows at once."""

import datetime

from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit

from .models import Milestone, Task, TaskChange
from .services import refresh_statuses

ACTIONS = ("done", "accept", "reopen")


@transaction.atomic
def add_milestone(user, task: Task, due: datetime.date, deliverable: str) -> Milestone:
    milestone = Milestone.objects.create(task=task, due=due, deliverable=deliverable)
    TaskChange.objects.create(
        task=task, user=user, source="milestone", changes={"milestone": [None, f"{due} {deliverable}"]}
    )
    audit.record(
        "workplan.milestone.add", actor=user, obj=milestone, summary=f"{task.code} {due} {deliverable}"
    )
    refresh_statuses(Task.objects.filter(pk=task.pk))
    return milestone


@transaction.atomic
def mark_milestone(user, milestone: Milestone, action: str, today: datetime.date | None = None) -> Milestone:
    """`done` (the unit delivered), `accept` (the commission checked it) or `reopen` (neither)."""
    if action not in ACTIONS:
        raise ValueError(action)
    today = today or timezone.localdate()
    before = (milestone.done_on, milestone.accepted)
    if action == "done":
        milestone.done_on = milestone.done_on or today
    elif action == "accept":
        milestone.done_on = milestone.done_on or today
        milestone.accepted = True
    else:
        milestone.done_on, milestone.accepted = None, False
    milestone.save(update_fields=["done_on", "accepted"])
    after = (milestone.done_on, milestone.accepted)
    if before != after:
        TaskChange.objects.create(
            task=milestone.task,
            user=user,
            source="milestone",
            changes={milestone.deliverable: [_text(before), _text(after)]},
        )
        audit.record(
            f"workplan.milestone.{action}",
            actor=user,
            obj=milestone,
            summary=f"{milestone.task.code} {milestone}",
        )
    refresh_statuses(Task.objects.filter(pk=milestone.task_id))
    return milestone


def _text(state: tuple) -> str:
    done_on, accepted = state
    return "accepted" if accepted else (f"done {done_on}" if done_on else "open")
