"""Who sees and does what with the key tasks.

Commission staff (district admins) manage lists, milestones and meetings; leadership (a viewer of the
whole district) reads everything; a unit's liaison reads the tasks its unit leads or co-operates on
and files the weekly updates of the tasks it leads, nothing else. Any other user sees no task.
Loaders answer 404 for a task outside the user's reach, as for a missing one."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.models import Role
from zerobay.accounts.scope import scope_path

from .models import Decision as MeetingDecision
from .models import Milestone, Task, TaskList


def _staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.DISTRICT_ADMIN)


def _leadership(user) -> bool:
    return user.is_authenticated and user.role == Role.VIEWER and scope_path(user) is None


def _liaison(user) -> bool:
    return user.is_authenticated and user.role == Role.UNIT_LIAISON and user.unit_id is not None


def can_manage_workplan(user) -> Decision:
    if _staff(user):
        return ALLOWED
    return refuse(_("Only the commission's staff manage task lists and meetings."))


def can_read_all_tasks(user) -> Decision:
    if _staff(user) or _leadership(user):
        return ALLOWED
    return refuse(
        _("Only the commission's staff and the leadership see every key task and the weekly meeting.")
    )


def can_see_key_tasks(user) -> Decision:
    if _staff(user) or _leadership(user) or _liaison(user):
        return ALLOWED
    return refuse(_("Key tasks are open to the commission's staff, the leadership and the units' liaisons."))


def can_file_updates(user) -> Decision:
    if _liaison(user):
        return ALLOWED
    return refuse(_("Weekly updates are filed by the liaison of a task's lead unit."))


def visible_tasks(user) -> QuerySet[Task]:
    tasks = Task.objects.all()
    if _staff(user) or _leadership(user):
        return tasks
    if _liaison(user):
        ids = Task.objects.filter(Q(lead_units=user.unit_id) | Q(co_units=user.unit_id)).values("pk")
        return tasks.filter(pk__in=ids)
    return tasks.none()


def editable_tasks(user) -> QuerySet[Task]:
    """The tasks whose weekly updates the user files: those its unit leads."""
    if not _liaison(user):
        return Task.objects.none()
    return Task.objects.filter(pk__in=Task.objects.filter(lead_units=user.unit_id).values("pk"))


def visible_lists(user) -> QuerySet[TaskList]:
    if _staff(user) or _leadership(user):
        return TaskList.objects.all()
    return TaskList.objects.filter(pk__in=visible_tasks(user).values("task_list"))


def can_file_update_on(user, task: Task) -> Decision:
    if editable_tasks(user).filter(pk=task.pk).exists():
        return ALLOWED
    return refuse(_("Only the liaison of a lead unit files this task's weekly updates."))


def access_task_by_pk(user, pk) -> Task:
    return load_or_404(visible_tasks(user).select_related("task_list"), pk=pk)


def access_editable_task_by_pk(user, pk) -> Task:
    return load_or_404(editable_tasks(user).select_related("task_list"), pk=pk)


def access_list_by_pk(user, pk) -> TaskList:
    return load_or_404(visible_lists(user), pk=pk)


def access_milestone_by_pk(user, pk) -> Milestone:
    if not _staff(user):
        return load_or_404(Milestone.objects.none(), pk=pk)
    return load_or_404(Milestone.objects.select_related("task"), pk=pk)


def access_decision_by_pk(user, pk) -> MeetingDecision:
    if not _staff(user):
        return load_or_404(MeetingDecision.objects.none(), pk=pk)
    return load_or_404(MeetingDecision.objects.select_related("meeting", "owner"), pk=pk)
