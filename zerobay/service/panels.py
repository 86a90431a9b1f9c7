"""The service panel of the registry's enterprise page (registered in apps.py through
registry/extensions.py): key-enterprise status and officer, visits, the enterprise's requests,
counts and the overdue ones. The page itself is
scoped by the registry; the panel shows only to users who may see requests (its template checks)."""

from django.db.models import Count, Q
from django.utils import timezone

from . import deadlines
from .models import KeyEnterprise, ServiceRequest, Visit
from .services.package import policy_package

SHOWN = 10


def enterprise_panel(enterprise) -> dict:
    today = timezone.localdate()
    qs = ServiceRequest.objects.filter(enterprise=enterprise)
    counts = qs.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(state__in=deadlines.OPEN_STATES)),
        overdue=Count("id", filter=Q(due_on__lt=today)),
        reopened=Count("id", filter=Q(reopen_count__gt=0)),
    )
    return {
        "service_counts": counts,
        "service_requests": list(qs.select_related("unit").order_by("-submitted_at", "-id")[:SHOWN]),
        "service_today": today,
        "service_package": policy_package(enterprise, today),
        "service_key": KeyEnterprise.objects.filter(enterprise=enterprise).select_related("officer").first(),
        "service_visits": list(
            Visit.objects.filter(enterprise=enterprise)
            .annotate(raised=Count("requests"))
            .prefetch_related("units")[:SHOWN]
        ),
    }
