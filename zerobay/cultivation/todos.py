"""The cultivation to-dos on an enterprise user's home (web.todos): its monthly report, its next rung."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.web.todos import Todo

from .chase.own import missing_now


def reporting_todos(user, today: datetime.date) -> list[Todo]:
    if not (user.is_authenticated and user.is_enterprise_user and user.enterprise_id):
        return []
    month = missing_now(user.enterprise, today)
    if month is None:
        return []
    late = month.deadline < today
    return [
        Todo(
            _("Monthly report of %(period)s not yet received") % {"period": month.period},
            1,
            reverse("reporting-mine") + f"?period={month.period}",
            "red" if late else "amber",
            _("Deadline %(date)s") % {"date": month.deadline.isoformat()},
            "cultivation.monthly_report",
        )
    ]
