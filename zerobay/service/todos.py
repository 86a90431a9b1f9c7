"""The service to-dos on each role's home (web.todos): what waits for this user in the requests."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.accounts.models import Role
from zerobay.web.todos import Todo

from .access import can_see_requests, visible_requests
from .models import ServiceRequest
from .workflow import WORKING

S = ServiceRequest.State


def service_todos(user, today: datetime.date) -> list[Todo]:
    if not can_see_requests(user):
        return []
    mine = visible_requests(user)
    listing = reverse("service-home")
    if user.role == Role.ENTERPRISE:
        return [
            Todo(
                _("Answers to confirm and rate"),
                mine.filter(state=S.ANSWERED).count(),
                f"{listing}?state={S.ANSWERED}",
                "amber",
                key="service.to_rate",
            ),
            Todo(
                _("Requests waiting for your information"),
                mine.filter(state=S.WAITING).count(),
                f"{listing}?state={S.WAITING}",
                "red",
                key="service.waiting",
            ),
        ]
    todos = [
        Todo(
            _("Overdue requests"),
            mine.filter(state__in=(S.SUBMITTED, *WORKING), due_on__lt=today).count(),
            f"{listing}?overdue=on",
            "red",
            key="service.overdue",
        ),
    ]
    if user.role == Role.UNIT_LIAISON:
        todos.append(
            Todo(
                _("Requests to sign for"),
                mine.filter(state=S.SUBMITTED).count(),
                f"{listing}?state={S.SUBMITTED}",
                "amber",
                key="service.to_sign",
            )
        )
    return todos
