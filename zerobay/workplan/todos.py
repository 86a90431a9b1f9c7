"""The key-task to-dos on each role's home (web.todos): a liaison's updates due this week, the red tasks."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.accounts.models import Role
from zerobay.web.todos import Todo

from .access import can_see_key_tasks, editable_tasks, visible_tasks
from .dispatch import missing_updates
from .models import Status, week_start


def workplan_todos(user, today: datetime.date) -> list[Todo]:
    if not can_see_key_tasks(user):
        return []
    home = reverse("workplan-home")
    todos = [
        Todo(
            _("Key tasks in red"),
            visible_tasks(user).filter(status=Status.RED).count(),
            f"{home}?status={Status.RED}",
            "red",
            key="workplan.red",
        ),
    ]
    if user.role == Role.UNIT_LIAISON and user.unit_id:
        missing = missing_updates(editable_tasks(user), week_start(today))
        owed = sum(len(tasks) for unit, tasks in missing.items() if unit.pk == user.unit_id)
        todos.append(
            Todo(
                _("Weekly updates to file this week"),
                owed,
                f"{home}?unit={user.unit_id}",
                "amber",
                key="workplan.updates",
            )
        )
    return todos
