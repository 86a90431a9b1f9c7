"""An enterprise's own monthly reporting: the months it had to report, their deadlines and whether
(and when) its report arrived. What the enterprise user sees after a reminder, and its home's to-do."""

import datetime
from dataclasses import dataclass

from zerobay.registry.models import Enterprise
from zerobay.statistics import completeness as svc
from zerobay.statistics.completeness import required_enterprises

from .months import chased_period, shift

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class OwnMonth:
    period: object  # statistics.periods.Period
    deadline: datetime.date
    status: str  # on_time / late / missing
    reported_at: datetime.datetime | None
    days_late: int | None

    @property
    def status_label(self) -> str:
        return svc.STATUS_LABELS[self.status]


def must_report(enterprise: Enterprise) -> bool:
    return required_enterprises(Enterprise.objects.filter(pk=enterprise.pk)).exists()


def own_months(enterprise: Enterprise, today: datetime.date, months: int = MONTHS_SHOWN) -> list[OwnMonth]:
    """The latest `months` months being chased by `today`, newest first; empty when the enterprise
    has no monthly reporting duty."""
    if not must_report(enterprise):
        return []
    latest = chased_period(today)
    out = []
    for back in range(months):
        period = shift(latest, -back)
        (row,) = svc.completeness(period, Enterprise.objects.filter(pk=enterprise.pk), as_of=today).rows
        out.append(OwnMonth(period, svc.deadline_for(period), row.status, row.reported_at, row.days_late))
    return out


def missing_now(enterprise: Enterprise, today: datetime.date) -> OwnMonth | None:
    """The month being chased, if the enterprise has not reported it yet."""
    months = own_months(enterprise, today, months=1)
    return months[0] if months and months[0].status == svc.MISSING else None
