"""The carrier operator's to-do on its home (web.todos): last year's statistics, until filed."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.accounts.models import Role
from zerobay.web.todos import Todo

from .models import CarrierStatistics


def carrier_todos(user, today: datetime.date) -> list[Todo]:
    if not (user.is_authenticated and user.role == Role.CARRIER_OPERATOR and user.carrier_id):
        return []
    year = today.year - 1
    filed = CarrierStatistics.objects.filter(carrier_id=user.carrier_id, year=year).exists()
    return [
        Todo(
            _("Annual statistics of %(year)s to file") % {"year": year},
            0 if filed else 1,
            reverse("carrier-detail", args=[user.carrier_id]),
            "amber",
            key="carriers.statistics",
        )
    ]
