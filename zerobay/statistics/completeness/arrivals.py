"""When each report first arrived: the import of its earliest stored state."""

import datetime

from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import MonthlyReport, ReportRevision
from ..periods import Period
from .terms import (
    MONTHLY,
)


def first_arrivals(period: Period, enterprise_ids=None, form: str = MONTHLY) -> dict[int, datetime.datetime]:
    """{enterprise id: when its report for `period` first arrived}: the earliest import among the
    current report and its superseded revisions."""
    arrived = Coalesce("batch__finished_at", "batch__created_at")
    current = MonthlyReport.objects.filter(year=period.year, month=period.number)
    older = ReportRevision.objects.filter(form=form, year=period.year, month=period.number)
    if enterprise_ids is not None:
        current, older = (
            current.filter(enterprise_id__in=enterprise_ids),
            older.filter(enterprise_id__in=enterprise_ids),
        )
    out: dict[int, datetime.datetime] = {}
    for qs in (current, older):
        for enterprise_id, at in qs.values_list("enterprise_id", arrived):
            if enterprise_id not in out or at < out[enterprise_id]:
                out[enterprise_id] = at
    return out


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()
