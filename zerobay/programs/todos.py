"""The programme to-dos on each role's home (web.todos): what waits for this user's action."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.web.todos import Todo

from .services.access import can_manage, can_review, is_finance, visible_applications
from .services.review import my_assignments
from .workflow import State


def programme_todos(user, today: datetime.date) -> list[Todo]:
    if not user.is_authenticated:
        return []
    todos = []
    applications = reverse("programs-applications")
    if user.is_enterprise_user and user.enterprise_id:
        mine = visible_applications(user)
        returned = list(mine.filter(state=State.RETURNED).values_list("correction_deadline", flat=True))
        if returned:
            due = min((d for d in returned if d), default=None)
            todos.append(
                Todo(
                    _("Applications returned for correction"),
                    len(returned),
                    f"{applications}?state={State.RETURNED}",
                    "red" if due and due < today else "amber",
                    _("Correct by %(date)s") % {"date": due.isoformat()} if due else "",
                    "programs.returned",
                )
            )
        drafts = mine.filter(state=State.DRAFT).count()
        todos.append(
            Todo(
                _("Draft applications not yet submitted"),
                drafts,
                f"{applications}?state={State.DRAFT}",
                key="programs.drafts",
            )
        )
    if can_review(user):
        pending = my_assignments(user).filter(submitted_at__isnull=True).count()
        todos.append(
            Todo(
                _("Reviews to score"),
                pending,
                reverse("programs-assignments"),
                "amber",
                key="programs.reviews",
            )
        )
    if can_manage(user):
        waiting = visible_applications(user).filter(state=State.SUBMITTED).count()
        todos.append(
            Todo(
                _("Applications awaiting the formal check"),
                waiting,
                f"{applications}?state={State.SUBMITTED}",
                key="programs.formal_check",
            )
        )
    if is_finance(user) or can_manage(user):
        payable = visible_applications(user).filter(state__in=(State.APPROVED, State.PAYING)).count()
        todos.append(
            Todo(
                _("Approved projects awaiting payment"),
                payable,
                reverse("programs-finance"),
                key="programs.payments",
            )
        )
    return todos
