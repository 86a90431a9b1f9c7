"""Template helpers of the key tasks: whether the nav shows them to a user."""

from django import template

from zerobay.workplan.access import can_read_all_tasks, can_see_key_tasks

register = template.Library()


@register.filter
def sees_key_tasks(user) -> bool:
    return bool(can_see_key_tasks(user))


@register.filter
def reads_all_tasks(user) -> bool:
    return bool(can_read_all_tasks(user))
