"""Who is told what about a request: in-app notifications after each step, and the periodic deadline
alerts (a reminder to the unit before a due date; after it, the commission; `leadership_after`
working days later, the district leadership), each in the app and by e-mail, each sent once."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify

from .. import deadlines
from ..models import DeadlineAlert, ServiceRequest
from ..workdays import add_working_days, working_days_between

KIND = "service.request"


def link(req: ServiceRequest) -> str:
    return reverse("service-request", args=[req.pk])


def unit_users(unit_id):
    return User.objects.filter(role=Role.UNIT_LIAISON, unit_id=unit_id, is_active=True)


def enterprise_users(enterprise_id):
    return User.objects.filter(role=Role.ENTERPRISE, enterprise_id=enterprise_id, is_active=True)


def commission_users():
    return User.objects.filter(role=Role.DISTRICT_ADMIN, is_active=True)


def leadership_users():
    """District-wide read-only viewers: the leadership that reads the dashboards."""
    return User.objects.filter(role=Role.VIEWER, org_unit__isnull=True, is_active=True)


def _house(text: str, **values) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # notifications read in the house language
        return _(text).format(**values)


def after_step(req: ServiceRequest, step, actor, comment: str) -> None:
    """The notification of a step (the submit step included) to whoever acts next."""
    name = step.name
    if name in ("submit", "reroute", "reopen"):
        users, title = unit_users(req.unit_id), "New service request for your unit: {code} {title}"
        if name == "reopen":
            title = "Service request reopened as unsatisfied: {code} {title}"
    elif name in ("ask_info", "answer", "close", "close_unsolved", "merge"):
        users, title = enterprise_users(req.enterprise_id), "Your service request {code}: {action}"
    elif name == "return":
        users, title = commission_users(), "Service request returned by {unit}, to reroute: {code}"
    else:
        return
    notify(
        users.exclude(pk=getattr(actor, "pk", None)),
        title=_house(title, code=req.code, title=req.title, unit=req.unit, action=step.label)[:200],
        body=comment,
        link=link(req),
        kind=f"{KIND}.{name}",
    )


@dataclass
class AlertRun:
    as_of: datetime.date
    sent: dict[int, int] = field(default_factory=lambda: {0: 0, 1: 0, 2: 0})  # level → requests
    notifications: int = 0
    emails: int = 0


def send_deadline_alerts(as_of: datetime.date, *, user=None, dry_run: bool = False) -> AlertRun:
    """Reminders and escalations due on `as_of`; safe to run as often as wanted (each alert once).
    Raises workdays.CalendarUnknown when `as_of` is in a year the calendar does not know."""
    conf = deadlines.declared()
    horizon = add_working_days(as_of, conf.remind_before) if conf.remind_before else as_of
    candidates = list(
        ServiceRequest.objects.filter(due_on__isnull=False, due_on__lte=horizon)
        .exclude(state__in=deadlines.DONE_STATES)
        .select_related("unit", "enterprise")
        .order_by("due_on", "pk")
    )
    done = set(
        DeadlineAlert.objects.filter(request__in=candidates).values_list("request_id", "due_on", "level")
    )
    run = AlertRun(as_of)
    alerts, mails = [], []
    for req in candidates:
        assert req.due_on is not None  # filtered above
        level = _level(req.due_on, as_of, conf.leadership_after)
        for lv in [0] if level == 0 else range(1, level + 1):  # no reminder once overdue
            if (req.pk, req.due_on, lv) in done:
                continue
            people = list(_recipients(req, lv))
            emails = sorted({u.email for u in people if u.email})
            run.sent[lv] += 1
            if dry_run:
                continue
            title, body = _alert_text(req, lv, as_of)
            run.notifications += notify(
                people, title=title, body=body, link=link(req), kind=f"{KIND}.alert{lv}"
            )
            if emails:
                mails.append(EmailMessage(title, body, settings.DEFAULT_FROM_EMAIL, emails))
                run.emails += len(emails)
            alerts.append(
                DeadlineAlert(request=req, due_on=req.due_on, level=lv, notified=len(people), emails=emails)
            )
    if dry_run or not alerts:
        return run
    with transaction.atomic():
        DeadlineAlert.objects.bulk_create(alerts)
        audit.record(
            "service.alerts.sent",
            actor=user,
            object_type="service.deadlinealert",
            object_id=as_of.isoformat(),
            summary=_house(
                "Deadline alerts of {day}: {r} reminders, {c} to the commission, {l} to the leadership",
                day=as_of,
                r=run.sent[0],
                c=run.sent[1],
                l=run.sent[2],
            ),
            changes={"requests": sorted({a.request_id for a in alerts}), "emails": run.emails},
        )
        if mails:  # last: a mail server failure undoes the round, which can then be re-run
            mailers.default.send_messages(mails)
    return run


def _level(due: datetime.date, as_of: datetime.date, leadership_after: int) -> int:
    """0 before or on the due date, 1 once overdue, 2 once overdue by more than `leadership_after`
    working days."""
    if due >= as_of:
        return 0
    return 2 if working_days_between(due, as_of) > leadership_after else 1


def _recipients(req: ServiceRequest, level: int):
    if level == 0:
        return unit_users(req.unit_id)
    if level == 1:
        return unit_users(req.unit_id) | commission_users()
    return leadership_users()


def _alert_text(req: ServiceRequest, level: int, as_of: datetime.date) -> tuple[str, str]:
    values = {
        "code": req.code,
        "title": req.title,
        "unit": req.unit,
        "due": req.due_on,
        "enterprise": req.enterprise,
    }
    titles = {
        0: "Service request {code} is due on {due}",
        1: "Service request {code} is overdue (due {due}, {unit})",
        2: "Service request {code} is seriously overdue (due {due}, {unit})",
    }
    return _house(titles[level], **values)[:200], f"{req.enterprise.name}：{req.title}"
