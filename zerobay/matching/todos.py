"""The hall's to-dos on the tech-transfer office's and the technology managers' homes (web.todos)."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.web.todos import Todo

from . import access
from .models import Achievement, Match, Stage


def hall_todos(user, today: datetime.date) -> list[Todo]:
    if not user.is_authenticated:
        return []
    todos = []
    if access.can_review(user) and not user.is_district_admin:
        pending = Achievement.objects.filter(status=Achievement.Status.REVIEW).count()
        todos.append(
            Todo(
                _("Achievements to review"),
                pending,
                reverse("hall-manage-achievements") + f"?status={Achievement.Status.REVIEW}",
                "amber",
                key="matching.review",
            )
        )
    if access.can_work_funnel(user) and not user.is_district_admin:
        mine = Match.objects.filter(dismissed=False).filter(Q(manager=user) | Q(demand__manager=user))
        active = mine.exclude(stage__in=(Stage.SUGGESTED, Stage.PROJECT)).count()
        todos.append(
            Todo(_("Matches to follow up"), active, reverse("hall-board") + "?mine=1", key="matching.matches")
        )
    return todos
