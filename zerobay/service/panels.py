"""The service panels of the registry's enterprise page (registered in apps.py through
registry/extensions.py): key-enterprise status and officer, visits, the enterprise's requests,
counts and the overdue ones; the money and people records (支持记录) by kind; the requests, visits
and records on the timeline and an overdue request as an alert. The page itself is scoped by the
registry; the request panel shows only to users who may see requests (its template checks), and
lists only the requests they may open."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.registry.extensions import Alert, Event
from zerobay.registry.formatting import format_money_wan

from . import deadlines
from .access import can_see_requests, visible_requests
from .models import KeyEnterprise, SupportKind, SupportRecord, Visit
from .services.package import policy_package

SHOWN = 10


def enterprise_panel(enterprise, user) -> dict:
    today = timezone.localdate()
    qs = visible_requests(user).filter(enterprise=enterprise)
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


def _total(values: list):
    stated = [v for v in values if v is not None]
    return sum(stated, Decimal(0)) if stated else None


def support_panel(enterprise, user) -> dict:
    """The records by kind (count, amount, persons or flats), each kind's records newest first."""
    records = list(SupportRecord.objects.filter(enterprise=enterprise).select_related("batch"))
    by_kind = defaultdict(list)
    for r in records:
        by_kind[r.kind].append(r)
    groups = [
        {
            "kind": kind,
            "label": kind.label,
            "records": by_kind[kind.value],
            # None (shown as "—") where no record of the kind states an amount or a number
            "amount": _total([r.amount for r in by_kind[kind.value]]),
            "quantity": _total([r.quantity for r in by_kind[kind.value]]),
        }
        for kind in SupportKind
        if by_kind[kind.value]
    ]
    return {"support_groups": groups, "support_count": len(records)}


def events(enterprise, user, today: datetime.date) -> list[Event]:
    out = [
        Event(
            r.day,
            _("Support"),
            " · ".join(
                x
                for x in (
                    r.get_kind_display(),
                    r.counterpart,
                    _("%(amount)s (10k yuan)") % {"amount": format_money_wan(r.amount)} if r.amount else "",
                    str(r.quantity) if r.quantity else "",
                )
                if x
            ),
            "#support-panel",
        )
        for r in SupportRecord.objects.filter(enterprise=enterprise)
    ]
    if not can_see_requests(user):
        return out
    out += [
        Event(
            r.submitted_on,
            _("Service request"),
            f"{r.code} {r.title}（{r.get_state_display()}）",
            reverse("service-request", args=[r.pk]),
        )
        for r in visible_requests(user).filter(enterprise=enterprise)
    ]
    out += [
        Event(v.day, _("Visit"), f"{v.visitors}：{v.notes[:60]}", "#service-visits")
        for v in Visit.objects.filter(enterprise=enterprise)
    ]
    return out


def alerts(enterprise, user, today: datetime.date) -> list[Alert]:
    if not can_see_requests(user):
        return []
    overdue = visible_requests(user).filter(enterprise=enterprise, due_on__lt=today).order_by("due_on")
    return [
        Alert(
            "request_overdue",
            _("Request %(code)s is overdue since %(due)s: %(title)s")
            % {"code": r.code, "due": r.due_on.isoformat(), "title": r.title},
            _("the deadline of the request's current step has passed and the clock is running"),
            reverse("service-request", args=[r.pk]),
        )
        for r in overdue
    ]
