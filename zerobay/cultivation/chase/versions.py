"""What the chase pages show changes only with an import (see
web.versions.per_version), a reporting duty or a deadline set by staff, and the day."""

import datetime

from django.db.models import Count, Max

from zerobay.statistics.models import ReportingDeadline, ReportingDuty


def chase_stamp(today: datetime.date) -> str:
    """The part of a chase page's cache key beyond the data version."""
    parts = [today.isoformat()]
    for model in (ReportingDuty, ReportingDeadline):
        found = model.objects.aggregate(n=Count("id"), at=Max("updated_at"))
        parts.append(f"{found['n']}-{found['at'].timestamp() if found['at'] else 0}")
    return ":".join(parts)
