"""Weekly dispatch (周调度): the lead units' updates, the weekly deadline and who has not filed, the
weekly meeting's agenda, and its decisions tracked until closed.

A lead unit files one update per task per ISO week (a second filing in the same week corrects the
first). The deadline is a weekday and time (settings.WORKPLAN_UPDATE_DEADLINE, default Thursday
17:00); the reminder goes out the day before to the liaisons of units that have not filed."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.accounts.models import Role
from zerobay.accounts.notifications import notify
from zerobay.registry.models import Unit

from .models import Decision, Meeting, Milestone, Status, Task, TaskChange, WeeklyUpdate, week_start

DEFAULT_DEADLINE = {"weekday": 3, "time": "17:00"}  # Thursday 17:00
AHEAD_DAYS = 14  # milestones the meeting looks ahead to


def deadline_of(week: datetime.date) -> datetime.datetime:
    """When the updates of the week starting `week` are due."""
    conf = getattr(settings, "WORKPLAN_UPDATE_DEADLINE", DEFAULT_DEADLINE)
    hour, minute = (int(p) for p in conf["time"].split(":"))
    day = week + datetime.timedelta(days=int(conf["weekday"]))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def is_reminder_day(week: datetime.date, today: datetime.date) -> bool:
    """The reminder goes out the day before the week's deadline."""
    return today == timezone.localtime(deadline_of(week)).date() - datetime.timedelta(days=1)


def parse_week(
    text: str | None, today: datetime.date | None = None, *, strict: bool = False
) -> datetime.date:
    """The Monday of an ISO week written 2026-W23 (or of a date); this week when empty, or when wrong
    unless `strict` (then ValueError)."""
    today = today or timezone.localdate()
    if text:
        try:
            if "W" in text.upper():
                year, number = text.upper().split("-W")
                return datetime.date.fromisocalendar(int(year), int(number), 1)
            return week_start(datetime.date.fromisoformat(text))
        except ValueError:
            if strict:
                raise ValueError(text) from None
    return week_start(today)


def iso_week(week: datetime.date) -> str:
    year, number, _day = week.isocalendar()
    return f"{year}-W{number:02d}"


@transaction.atomic
def file_update(user, task: Task, week: datetime.date, data: dict) -> tuple[WeeklyUpdate, bool]:
    """Files (or corrects) the user's unit's update of `task` for `week`. The caller has checked that
    the user's unit leads the task (access.can_file_update_on)."""
    values = {k: data.get(k) for k in ("progress", "next_steps", "problems", "declared_status", "percent")}
    values = {k: ("" if v is None and k not in ("percent",) else v) for k, v in values.items()}
    update, created = WeeklyUpdate.objects.update_or_create(
        task=task, unit_id=user.unit_id, week=week, defaults={**values, "author": user}
    )
    audit.record(
        "workplan.update.file" if created else "workplan.update.correct",
        actor=user,
        obj=update,
        summary=f"{task.code} {iso_week(week)} {values['declared_status']}",
    )
    return update, created


def expected(tasks: QuerySet[Task]) -> list[tuple[Task, Unit]]:
    """Every (task, lead unit) that owes an update: the tasks not done."""
    pairs = []
    for task in tasks.exclude(status=Status.DONE).prefetch_related("lead_units").order_by("sort", "code"):
        pairs.extend((task, unit) for unit in task.lead_units.all())
    return pairs


def missing_updates(tasks: QuerySet[Task], week: datetime.date) -> dict[Unit, list[Task]]:
    """The tasks each lead unit has not updated for `week`, by unit."""
    filed = set(WeeklyUpdate.objects.filter(task__in=tasks, week=week).values_list("task_id", "unit_id"))
    missing: dict[Unit, list[Task]] = defaultdict(list)
    for task, unit in expected(tasks):
        if (task.pk, unit.pk) not in filed:
            missing[unit].append(task)
    return dict(sorted(missing.items(), key=lambda kv: (-len(kv[1]), kv[0].sort, kv[0].code)))


@dataclass
class Agenda:
    """The weekly meeting view, in the order the meeting goes through it."""

    week: datetime.date
    deadline: datetime.datetime
    problems: list[WeeklyUpdate]
    turned_red: list[tuple[Task, datetime.datetime]]
    milestones: list[Milestone]
    missing: dict[Unit, list[Task]]
    open_decisions: list[Decision]
    closed_decisions: list[Decision]  # closed since the last week: reported back


def agenda(tasks: QuerySet[Task], week: datetime.date, today: datetime.date | None = None) -> Agenda:
    today = today or timezone.localdate()
    since = week - datetime.timedelta(days=7)
    until = week + datetime.timedelta(days=7)
    problems = list(
        WeeklyUpdate.objects.filter(task__in=tasks, week=week)
        .exclude(problems="")
        .select_related("task", "unit", "author")
        .order_by("task__sort", "unit__sort")
    )
    turned = {}
    changes = TaskChange.objects.filter(
        task__in=tasks, source="status", at__date__gte=since, at__date__lt=until
    )
    for change in changes.select_related("task").prefetch_related("task__lead_units").order_by("at"):
        if change.changes.get("status", [None, None])[1] == Status.RED:
            turned[change.task_id] = (change.task, change.at)
    milestones = list(
        Milestone.objects.filter(
            task__in=tasks,
            due__gte=today,
            due__lte=today + datetime.timedelta(days=AHEAD_DAYS),
            done_on__isnull=True,
        )
        .select_related("task")
        .prefetch_related("task__lead_units")
        .order_by("due", "task__sort")
    )
    decisions = Decision.objects.select_related("owner", "task", "meeting")
    return Agenda(
        week=week,
        deadline=deadline_of(week),
        problems=problems,
        turned_red=[turned[k] for k in sorted(turned, key=lambda k: turned[k][0].sort)],
        milestones=milestones,
        missing=missing_updates(tasks, week),
        open_decisions=list(decisions.filter(closed_on__isnull=True).order_by("due", "id")),
        closed_decisions=list(decisions.filter(closed_on__gte=since).order_by("-closed_on", "id")),
    )


def meeting_of_week(user, week: datetime.date, today: datetime.date | None = None) -> Meeting:
    """The dispatch meeting of the week (created with its first decision)."""
    today = today or timezone.localdate()
    meeting = Meeting.objects.filter(held_on__gte=week, held_on__lt=week + datetime.timedelta(days=7)).first()
    if meeting is None:
        held = (
            today if week <= today < week + datetime.timedelta(days=7) else week + datetime.timedelta(days=4)
        )
        meeting = Meeting.objects.create(
            held_on=held,
            title=_("Weekly dispatch meeting %(week)s") % {"week": iso_week(week)},
            created_by=user,
        )
    return meeting


@transaction.atomic
def record_decision(user, week: datetime.date, data: dict) -> Decision:
    meeting = meeting_of_week(user, week)
    decision = Decision.objects.create(
        meeting=meeting, text=data["text"], owner=data["owner"], due=data["due"], task=data.get("task")
    )
    audit.record("workplan.decision.record", actor=user, obj=decision, summary=decision.text[:200])
    return decision


@transaction.atomic
def close_decision(user, decision: Decision, note: str = "", today: datetime.date | None = None) -> Decision:
    decision.closed_on = today or timezone.localdate()
    decision.closing_note = note[:300]
    decision.save(update_fields=["closed_on", "closing_note"])
    audit.record("workplan.decision.close", actor=user, obj=decision, summary=note[:200])
    return decision


def remind(week: datetime.date, tasks: QuerySet[Task], *, dry_run: bool = False) -> dict[str, int]:
    """Reminds the liaisons of units with updates missing for `week` (in the app and by e-mail).
    Returns {unit: tasks missing}."""
    missing = missing_updates(tasks, week)
    liaisons = defaultdict(list)
    for user in get_user_model().objects.filter(
        role=Role.UNIT_LIAISON, unit__in=list(missing), is_active=True
    ):
        liaisons[user.unit_id].append(user)
    deadline = timezone.localtime(deadline_of(week))
    mails = []
    for unit, owed in missing.items():
        users = liaisons.get(unit.pk, [])
        if dry_run or not users:
            continue
        title = _("%(n)s weekly updates due by %(deadline)s") % {
            "n": len(owed),
            "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
        }
        body = "；".join(f"{t.code} {t.title}" for t in owed[:20])
        notify(users, title=title, body=body, link=reverse("workplan-home"), kind="workplan")
        emails = [u.email for u in users if u.email]
        if emails:
            mails.append(EmailMessage(title, body, settings.DEFAULT_FROM_EMAIL, emails))
    if mails:
        mailers.default.send_messages(mails)
    return {str(unit): len(owed) for unit, owed in missing.items()}
