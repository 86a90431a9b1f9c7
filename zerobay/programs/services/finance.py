"""What the finance page reads: the funded projects of the user's scope (approved, paid, remaining)
and the budget usage of every call (disbursement.budget_usages)."""

from django.db.models import F, QuerySet

from ..models import Application, Call
from .access import FUNDED_STATES, visible_applications
from .disbursement import budget_usages


def funded_projects(user, *, open_only: bool = False, q: str = "") -> QuerySet[Application]:
    """Applications from approval on, with `remaining` (approved − paid); `open_only`: money still to
    pay; `q`: a part of the enterprise's name or of the application's code."""
    apps = (
        visible_applications(user)
        .filter(state__in=FUNDED_STATES)
        .select_related("enterprise", "clause", "call", "batch")
        .annotate(remaining=F("approved_amount") - F("paid_amount"))
    )
    if open_only:
        apps = apps.filter(remaining__gt=0)
    if q := q.strip():
        apps = apps.filter(enterprise__name__icontains=q) | apps.filter(code__icontains=q)
    return apps.order_by("-batch__notice_to", "code")


def usage_by_call() -> list[dict]:
    """[{"call", "budget", "proposed", "approved", "committed", "paid", "available"}], newest call first."""
    calls = list(Call.objects.select_related("policy").order_by("-opens_on"))
    return [{"call": call, **usage} for call, usage in zip(calls, budget_usages(calls, "call"), strict=True)]
