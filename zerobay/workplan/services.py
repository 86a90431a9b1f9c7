"""Reading the task lists: each task with its computed status, declared status and progress, as plain
data for the pages, the API and the command line."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from zerobay.indicators import services as indicator_services
from zerobay.indicators.catalogue import catalogue
from zerobay.indicators.tracking import STATUS_LABELS

from . import status as rules
from .models import Milestone, Status, Task, TaskChange, TaskList, WeeklyUpdate


@dataclass(frozen=True, slots=True)
class IndicatorState:
    id: str
    name: str
    status: str  # a key of the indicator tracking's STATUS_LABELS
    status_label: str
    completion: float | None  # against its target, 1.0 = 100 %


def indicator_states(ids: Iterable[str], as_of: int | None = None) -> dict[str, IndicatorState]:
    """The tracking of the indicators named (district level: the command line's view), by id.
    The indicators' own overview is cached per data version, so this is cheap per request."""
    wanted = set(ids)
    if not wanted:
        return {}
    out = {}
    for group in indicator_services.overview(None, as_of):
        for row in group["rows"]:
            indicator = row["indicator"]
            if indicator.id in wanted:
                a = row["tracking"].assessment
                out[indicator.id] = IndicatorState(
                    indicator.id, indicator.name, a.status, STATUS_LABELS[a.status][0], a.completion
                )
    names = {i.id: i.name for i in catalogue()}
    for missing in wanted - out.keys():
        out[missing] = IndicatorState(
            missing, names.get(missing, missing), "no_data", STATUS_LABELS["no_data"][0], None
        )
    return out


@dataclass
class TaskState:
    task: Task
    status: Status
    reason: str
    declared: str | None  # the latest weekly update's declared status
    progress: int | None  # percent: the indicators' completion where linked, else the declared one
    indicators: list[IndicatorState] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """The unit declares another status than the data give."""
        return self.declared is not None and self.declared != self.status

    @property
    def tone(self) -> str:
        return rules.TONES[self.status]

    @property
    def declared_tone(self) -> str:
        return rules.TONES[Status(self.declared)] if self.declared else "grey"

    @property
    def declared_label(self) -> str:
        return str(Status(self.declared).label) if self.declared else ""


def with_details(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """The task rows with what their status needs, in a fixed number of queries."""
    return tasks.select_related("task_list").prefetch_related(
        "lead_units",
        "co_units",
        Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
    )


def latest_updates(task_ids: Iterable[int], until: datetime.date | None = None) -> dict[int, WeeklyUpdate]:
    """The latest weekly update of each task (of a week starting by `until`, if given). Two queries:
    the latest one's id per task, then those updates, not every week's update of every task."""
    updates = WeeklyUpdate.objects.filter(task_id=OuterRef("pk"))
    if until is not None:
        updates = updates.filter(week__lte=until)
    latest = (
        Task.objects.filter(pk__in=list(task_ids))
        .annotate(latest=Subquery(updates.order_by("-week", "-updated_at", "-pk").values("pk")[:1]))
        .exclude(latest=None)
        .values_list("pk", "latest")
    )
    pairs = list(latest)
    found = WeeklyUpdate.objects.in_bulk([update for _task, update in pairs])
    return {task: found[update] for task, update in pairs}


def states(tasks: Iterable[Task], today: datetime.date | None = None) -> list[TaskState]:
    """The computed status of each task (prefetched with `with_details`) on `today` (default: today;
    an earlier date gives the status as it stood then, as the bulletin's cut-off needs)."""
    today = today or timezone.localdate()
    tasks = list(tasks)
    tracking = indicator_states({i for t in tasks for i in t.indicators}, today.year)
    latest = latest_updates((t.pk for t in tasks), today)
    out = []
    for task in tasks:
        linked = [tracking[i] for i in task.indicators if i in tracking]
        # As of `today`: a milestone done (and accepted: it has no date of its own) later is not done yet.
        facts = [
            rules.MilestoneFacts(m.due, done, m.accepted and done)
            for m in task.milestones.all()
            for done in [m.done_on is not None and m.done_on <= today]
        ]
        verdict = rules.compute(
            task.due,
            facts,
            [s.status for s in linked],
            today,
        )
        update = latest.get(task.pk)
        out.append(
            TaskState(
                task,
                verdict.status,
                verdict.reason,
                update.declared_status if update else None,
                _progress(task, linked, update),
                linked,
            )
        )
    return out


def _progress(task: Task, linked: list[IndicatorState], update: WeeklyUpdate | None) -> int | None:
    measured = [min(s.completion, 1.0) for s in linked if s.completion is not None]
    if measured:
        return round(100 * sum(measured) / len(measured))
    if update is not None and update.percent is not None:
        return update.percent
    return task.progress


def find_list(year: int, name: str | None = None) -> TaskList | None:
    lists = TaskList.objects.filter(year=year)
    if name:
        return lists.filter(name=name).first()
    return lists.order_by("-id").first()


def task_dict(state: TaskState) -> dict:
    """The contract of `workplan list --format json` and the API's task rows."""
    t = state.task
    return {
        "code": t.code,
        "title": t.title,
        "category": t.category,
        "lead_units": [str(u) for u in t.lead_units.all()],
        "co_units": [str(u) for u in t.co_units.all()],
        "due": t.due.isoformat() if t.due else None,
        "continuous": t.continuous,
        "indicators": list(t.indicators),
        "status": str(state.status),
        "progress": state.progress,
    }


def list_tasks(task_list: TaskList, today: datetime.date | None = None) -> list[dict]:
    """`workplan list`: every task of the list with its status on `today` (default: today)."""
    return [task_dict(s) for s in states(with_details(task_list.tasks.all()), today)]


def refresh_statuses(tasks: QuerySet[Task], today: datetime.date | None = None) -> int:
    """Stores the computed status of `tasks`; a task that turns red gets it in its history (the
    weekly meeting lists those). Returns how many changed."""
    today = today or timezone.localdate()
    changed, turned = [], []
    for state in states(with_details(tasks), today):
        task = state.task
        if task.status != state.status or task.status_reason != state.reason[:200] or task.status_on != today:
            if task.status != state.status and task.status_on is not None:
                turned.append(
                    TaskChange(task=task, source="status", changes={"status": [task.status, state.status]})
                )
            task.status, task.status_reason, task.status_on = state.status, state.reason[:200], today
            changed.append(task)
    Task.objects.bulk_update(changed, ["status", "status_reason", "status_on"])
    TaskChange.objects.bulk_create(turned)
    return len(turned)


def ensure_fresh(task_list: TaskList, today: datetime.date | None = None) -> None:
    """Refreshes the list's stored statuses when any was computed before today (one query when fresh)."""
    today = today or timezone.localdate()
    if task_list.tasks.exclude(status_on=today).exists():
        refresh_statuses(task_list.tasks.all(), today)


def filter_tasks(
    tasks: QuerySet[Task], unit: str = "", category: str = "", status: str = ""
) -> QuerySet[Task]:
    """The tasks of a lead unit (its id), a category, a stored computed status; a wrong value filters
    everything out rather than failing."""
    if unit:
        tasks = tasks.filter(lead_units=int(unit)) if unit.isdigit() else tasks.none()
    if category:
        tasks = tasks.filter(category=category)
    if status:
        tasks = tasks.filter(status=status) if status in Status.values else tasks.none()
    return tasks.order_by("sort", "code")


def task_detail(task: Task) -> dict:
    """What the task page shows: its state, milestones, updates, decisions, links and history."""
    task = with_details(Task.objects.filter(pk=task.pk)).get()
    state = states([task])[0]
    updates = task.updates.select_related("unit", "author").order_by("-week", "unit__sort")[:26]
    return {
        "task": task,
        "state": state,
        "milestones": list(task.milestones.all()),
        "updates": list(updates),
        "decisions": list(task.decisions.select_related("owner", "meeting").order_by("closed_on", "due")),
        "links": list(task.links.all()),
        "history": list(task.changes.select_related("user")[:20]),
    }


class TaskRows:
    """A query's tasks as `task_dict`s, computed for the slice asked for only: the API's pagination
    slices it (one page of statuses, not the whole list) and counts it in the database."""

    def __init__(self, tasks: QuerySet[Task]):
        self.tasks = tasks

    def __len__(self) -> int:
        return self.tasks.count()

    def __getitem__(self, index: slice) -> list[dict]:
        page = with_details(self.tasks)[index]
        return [
            task_dict(s) | {"id": s.task.pk, "declared": s.declared, "flagged": s.flagged}
            for s in states(page)
        ]
