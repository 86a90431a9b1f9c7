"""The request lists every surface shares (pages, xlsx, API, CLI): scoped first, then filtered in
the database, and one row shape for the CLI and the API."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from . import deadlines
from .access import visible_requests
from .models import ServiceRequest, Step

LATE = {"sign": "signed_in_time", "answer": "answered_in_time", "resolve": "resolved_in_time"}


@dataclass
class Filters:
    state: str = ""
    unit: str = ""  # a unit code
    category: str = ""
    overdue: bool = False
    q: str = ""
    enterprise: int | None = None
    # The dashboard's drill-downs: requests reopened at least once, finished late, with a rating.
    reopened: bool = False
    open: bool = False  # not finished yet
    bounced_from: str = ""  # a unit code: the requests rerouted away from that unit
    late: str = ""  # "sign", "answer" or "resolve": that deadline missed
    rating: str = ""


def requests_for(user, f: Filters, today: datetime.date | None = None) -> QuerySet[ServiceRequest]:
    """The requests `user` may see (every request for user None: the command line), filtered."""
    today = today or timezone.localdate()
    qs = (ServiceRequest.objects.all() if user is None else visible_requests(user)).select_related(
        "enterprise", "unit"
    )
    if f.state:
        qs = qs.filter(state=f.state)
    if f.unit:
        qs = qs.filter(unit__code=f.unit)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.overdue:
        qs = qs.filter(due_on__lt=today)
    if f.enterprise:
        qs = qs.filter(enterprise_id=f.enterprise)
    if f.open:
        qs = qs.filter(state__in=deadlines.OPEN_STATES)
    if f.bounced_from:
        qs = qs.filter(
            pk__in=Step.objects.filter(action="reroute", unit__code=f.bounced_from).values("request_id")
        )
    if f.reopened:
        qs = qs.filter(reopen_count__gt=0)
    if f.late in LATE:
        qs = qs.filter(**{LATE[f.late]: False})
    if f.rating:
        qs = qs.filter(rating=f.rating)
    if f.q:
        q = f.q.strip()
        match = Q(title__icontains=q) | Q(enterprise__name__icontains=q) | Q(enterprise__uscc=q.upper())
        if q.upper().startswith("SR") and q[-6:].isdigit():
            match |= Q(pk=int(q[-6:]))
        qs = qs.filter(match)
    return qs.order_by("-submitted_at", "-id")


def current_due(req: ServiceRequest) -> datetime.date | None:
    """The date shown as "due": the current phase's deadline, else the resolve date."""
    return req.due_on or req.resolve_due


def row(req: ServiceRequest, today: datetime.date) -> dict:
    """The CLI's and the API's row of a request (the contract of issue 15)."""
    return {
        "id": req.pk,
        "enterprise": req.enterprise.name,
        "category": req.category,
        "unit": req.unit.code,
        "state": req.state,
        "submitted": req.submitted_on.isoformat(),
        "due": d.isoformat() if (d := current_due(req)) else None,
        "overdue": deadlines.is_overdue(req, today),
        "working_days_open": deadlines.working_days_open(req, today),
    }
