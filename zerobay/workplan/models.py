"""The workplan app's records: task lists and their tasks, milestones, links, weekly updates,
meetings and their decisions.

Other apps' objects (programmes, enterprises, carriers) are linked by a generic reference (kind +
key), never by a foreign key, so that this app stays below them in the layering; indicators are
linked by their catalogue id (a string, as the indicator catalogue names them)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Unit


class Status(models.TextChoices):
    """A task's status, computed from data (see status.py) or declared by its lead unit."""

    RED = "red", _("Red: overdue")
    YELLOW = "yellow", _("Yellow: at risk")
    BLUE = "blue", _("Blue: deadline near")
    GREEN = "green", _("Green: on schedule")
    DONE = "done", _("Done")


class TaskList(models.Model):
    """大零号湾 2026 年度重点工作任务清单: a year's list, owned by the office that runs it."""

    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_lists",
    )
    source = models.CharField(_("source"), max_length=300, blank=True)  # the file it came from
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="workplan_list_year_name")]
        verbose_name = _("task list")
        verbose_name_plural = _("task lists")

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    task_list = models.ForeignKey(
        TaskList, verbose_name=_("task list"), on_delete=models.CASCADE, related_name="tasks"
    )
    code = models.CharField(_("code"), max_length=32)  # 序号 as written in the list
    sort = models.PositiveIntegerField(default=0)  # the row order of the list
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"), blank=True)
    category = models.CharField(_("category"), max_length=200, blank=True)  # the list's section
    lead_units = models.ManyToManyField(Unit, verbose_name=_("lead units"), related_name="led_tasks")
    co_units = models.ManyToManyField(
        Unit, verbose_name=_("co-operating units"), related_name="co_tasks", blank=True
    )
    responsible = models.CharField(_("responsible person"), max_length=100, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)  # None: continuous
    continuous = models.BooleanField(_("continuous"), default=False)  # 持续推进
    due_text = models.CharField(_("deadline as written"), max_length=100, blank=True)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)  # indicator ids
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)  # as declared
    # The computed status (status.py), kept on the row so that lists filter and page in the database;
    # refreshed on every write that moves it and once a day (it depends on the date).
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.GREEN)
    status_reason = models.CharField(max_length=200, blank=True)
    status_on = models.DateField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)  # file and row
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["task_list", "sort", "code"]
        constraints = [models.UniqueConstraint(fields=["task_list", "code"], name="workplan_task_code")]
        indexes = [
            models.Index(fields=["task_list", "category"]),
            models.Index(fields=["task_list", "status"]),
        ]
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TaskChange(models.Model):
    """One change of a task (a re-import, an edit): what changed, from what, by whom, from where."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict)  # {field: [before, after]}

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id} {', '.join(self.changes)}"


class Milestone(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("key task"), on_delete=models.CASCADE, related_name="milestones"
    )
    due = models.DateField(_("due date"))
    deliverable = models.CharField(_("deliverable"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), default=False)  # checked by the commission

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.due} {self.deliverable}"


class TaskLink(models.Model):
    """A programme, enterprise or carrier a task concerns, by a generic reference."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        ENTERPRISE = "enterprise", _("Enterprise")
        CARRIER = "carrier", _("Carrier")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=64)  # programme code, USCC, carrier id
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind", "key"], name="workplan_link_unique")]

    def __str__(self) -> str:
        return self.label or f"{self.kind}:{self.key}"


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week of `day`."""
    return day - datetime.timedelta(days=day.weekday())


class WeeklyUpdate(models.Model):
    """What a lead unit reports on one task for one ISO week (周调度)."""

    task = models.ForeignKey(
        Task, verbose_name=_("key task"), on_delete=models.CASCADE, related_name="updates"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="task_updates"
    )
    week = models.DateField(_("week"))  # the Monday of the ISO week
    progress = models.TextField(_("progress this week"))
    next_steps = models.TextField(_("next steps"), blank=True)
    problems = models.TextField(_("problems needing coordination"), blank=True)  # 需协调事项
    declared_status = models.CharField(_("declared status"), max_length=8, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL
    )
    # When it was first filed (a correction keeps it): the bulletin ranks units by it against the deadline.
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week", "task__sort"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "week"], name="workplan_update_week"),
        ]
        indexes = [models.Index(fields=["week", "unit"])]
        verbose_name = _("weekly update")
        verbose_name_plural = _("weekly updates")

    def __str__(self) -> str:
        return f"{self.task_id} {self.unit_id} {self.iso_week}"

    @property
    def iso_week(self) -> str:
        year, number, _day = self.week.isocalendar()
        return f"{year}-W{number:02d}"


class Meeting(models.Model):
    """A weekly dispatch meeting (周调度会)."""

    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=100, blank=True)  # "demo" for the demo's meetings

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision of a meeting (会议纪要事项): an owner, a due date, tracked until closed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("key task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        Unit, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="decisions"
    )
    due = models.DateField(_("due date"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=300, blank=True)

    class Meta:
        ordering = ["closed_on", "due", "id"]
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")

    def __str__(self) -> str:
        return self.text[:50]


class LeadershipScore(models.Model):
    """The leadership's evaluation of a unit for a quarter (领导评价), entered by the commission's staff:
    one criterion of the quarterly assessment."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="leadership_scores"
    )
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="workplan_leadership_quarter"),
        ]
        verbose_name = _("leadership evaluation")
        verbose_name_plural = _("leadership evaluations")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}Q{self.quarter} {self.score}"
