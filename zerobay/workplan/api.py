"""The workplan endpoints of the JSON API (/api/workplan/...): lists, their tasks with the computed
status, a task with its milestones, and its weekly updates (read; filed by the lead unit's liaison).
Thin: access.py decides who sees what (404 outside the user's reach, as for a missing object)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zerobay.access import require
from zerobay.api_schemas import UNAUTHORIZED, Error, Page, choices

from . import dispatch
from .access import (
    access_editable_task_by_pk,
    access_list_by_pk,
    access_task_by_pk,
    can_file_updates,
    can_see_key_tasks,
    visible_lists,
    visible_tasks,
)
from .models import Status as TaskStatus
from .models import TaskList, WeeklyUpdate
from .services import TaskRows, ensure_fresh, filter_tasks, task_detail, task_dict

router = Router(tags=["workplan"])

READ = {403: Error, 404: Error, **UNAUTHORIZED}


class TaskListOut(Schema):
    id: int
    year: int
    name: str
    tasks: int

    @staticmethod
    def resolve_tasks(obj: TaskList) -> int:
        return obj.tasks.count()


class TaskRowOut(Schema):
    id: int
    code: str
    title: str
    category: str
    lead_units: list[str]
    co_units: list[str]
    due: datetime.date | None
    continuous: bool
    indicators: list[str]
    status: choices(TaskStatus)  # type: ignore[valid-type]
    declared: choices(TaskStatus) | None  # type: ignore[valid-type]
    flagged: bool
    progress: int | None


class TaskFilter(Schema):
    unit: int | None = Field(None, ge=1, le=2**31 - 1, description="id of a lead unit")
    category: str = ""
    status: choices(TaskStatus) | None = None  # type: ignore[valid-type]


class MilestoneOut(Schema):
    due: datetime.date
    deliverable: str
    done_on: datetime.date | None
    accepted: bool


class TaskDetailOut(TaskRowOut):
    content: str
    responsible: str
    due_text: str
    status_reason: str
    milestones: list[MilestoneOut]


class WeeklyUpdateOut(Schema):
    id: int
    task: str = Field(alias="task.code")
    unit: str
    week: str
    progress: str
    next_steps: str
    problems: str
    declared_status: choices(TaskStatus)  # type: ignore[valid-type]
    percent: int | None
    submitted_at: datetime.datetime

    @staticmethod
    def resolve_unit(obj: WeeklyUpdate) -> str:
        return str(obj.unit)

    @staticmethod
    def resolve_week(obj: WeeklyUpdate) -> str:
        return obj.iso_week


class WeeklyUpdateIn(Schema):
    week: str = Field("", description="ISO week, e.g. 2026-W23 (default: this week)", max_length=10)
    progress: str = Field(..., min_length=1, max_length=4000)
    next_steps: str = Field("", max_length=4000)
    problems: str = Field("", max_length=4000)
    declared_status: choices(TaskStatus)  # type: ignore[valid-type]
    percent: int | None = Field(None, ge=0, le=100)


def _reader(request):
    require(can_see_key_tasks(request.user))


@router.get("/workplan/lists", response={200: list[TaskListOut], 403: Error, **UNAUTHORIZED})
@paginate(Page)
def list_task_lists(request):
    _reader(request)
    return visible_lists(request.user).order_by("-year", "name")


@router.get("/workplan/lists/{list_id}/tasks", response={200: list[TaskRowOut], **READ})
@paginate(Page)
def list_tasks(request, list_id: int, filters: Query[TaskFilter]):
    _reader(request)
    task_list = access_list_by_pk(request.user, list_id)
    ensure_fresh(task_list)
    tasks = visible_tasks(request.user).filter(task_list=task_list)
    return TaskRows(filter_tasks(tasks, str(filters.unit or ""), filters.category, filters.status or ""))


@router.get("/workplan/tasks/{task_id}", response={200: TaskDetailOut, **READ})
def get_task(request, task_id: int):
    _reader(request)
    detail = task_detail(access_task_by_pk(request.user, task_id))
    state, task = detail["state"], detail["task"]
    return task_dict(state) | {
        "id": task.pk,
        "declared": state.declared,
        "flagged": state.flagged,
        "content": task.content,
        "responsible": task.responsible,
        "due_text": task.due_text,
        "status_reason": state.reason,
        "milestones": detail["milestones"],
    }


@router.get("/workplan/tasks/{task_id}/updates", response={200: list[WeeklyUpdateOut], **READ})
@paginate(Page)
def list_updates(request, task_id: int):
    _reader(request)
    task = access_task_by_pk(request.user, task_id)
    return task.updates.select_related("unit", "task").order_by("-week", "unit__sort")


@router.post(
    "/workplan/tasks/{task_id}/updates",
    response={201: WeeklyUpdateOut, 200: WeeklyUpdateOut, 400: Error, **READ},
)
def file_update(request, task_id: int, payload: WeeklyUpdateIn):
    """Files the caller's unit's update of the week (a second filing in the week corrects it: 200)."""
    if not can_file_updates(request.user):
        raise PermissionDenied(str(can_file_updates(request.user).reason))
    task = access_editable_task_by_pk(request.user, task_id)
    try:
        week = dispatch.parse_week(payload.week or None, strict=True)
    except ValueError:
        detail = _("The week should be written 2026-W23, not %(value)s") % {"value": payload.week}
        return Status(400, {"detail": detail})
    update, created = dispatch.file_update(request.user, task, week, payload.dict(exclude={"week"}))
    return Status(201 if created else 200, update)
