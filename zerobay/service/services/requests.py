"""Raising and moving service requests: the one writer of a request's state and deadlines."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zerobay import workflow as mechanism
from zerobay.accounts import audit
from zerobay.accounts.models import Role
from zerobay.registry.models import Enterprise, Unit

from .. import deadlines
from ..access import actor_roles, can_raise_request
from ..models import Category, Channel, Rating, ServiceRequest, Urgency
from ..workflow import REQUEST
from .notices import after_step

S = ServiceRequest.State


class ServiceError(mechanism.Refusal):
    """A request the service rules refuse (a missing field, a unit that does not exist)."""


def default_unit(category: str) -> Unit | None:
    return Unit.objects.filter(code=deadlines.rule(category).unit, active=True).first()


def raise_request(
    user,
    *,
    enterprise: Enterprise | None = None,
    category: str,
    title: str,
    text: str,
    urgency: str = Urgency.NORMAL,
    channel: str = Channel.ONLINE,
    unit: Unit | None = None,
    co_units=(),
    at: datetime.datetime | None = None,
    source: str = "",
    visit=None,
) -> ServiceRequest:
    """A new request, submitted at once: by an enterprise user for its own enterprise (online), or by
    the commission's staff on an enterprise's behalf after a visit or a call. Without a unit it goes
    to the category's declared unit. The deadlines start on the day it is raised. `user` None is the
    platform recording a request it was given (the demo, an import): any channel, no actor."""
    if user is not None and not can_raise_request(user):
        raise mechanism.ActorRefused(str(can_raise_request(user).reason))
    if user is None:
        pass
    elif user.role == Role.ENTERPRISE and not user.is_superuser:
        enterprise, channel = user.enterprise, Channel.ONLINE
    elif channel == Channel.ONLINE:
        raise ServiceError(_("A request recorded by staff comes from a visit or a call"))
    errors = []
    if enterprise is None:
        errors.append(_("Choose the enterprise the request is for"))
    if category not in Category.values:
        errors.append(_("Unknown category “{value}”").format(value=category))
    if urgency not in Urgency.values or channel not in Channel.values:
        errors.append(_("Unknown urgency or channel"))
    title, text = (title or "").strip(), (text or "").strip()
    if not title or not text:
        errors.append(_("A request needs a subject and a text"))
    if not errors and unit is None:
        unit = default_unit(category)
        if unit is None:
            errors.append(_("No unit is declared for this category; choose one"))
    if errors or enterprise is None or unit is None:
        raise ServiceError(errors)
    at = at or timezone.now()
    day = timezone.localdate(at)
    with transaction.atomic():
        req = ServiceRequest.objects.create(
            enterprise=enterprise,
            org_path=enterprise.org_path,
            category=category,
            title=title[:200],
            text=text,
            urgency=urgency,
            channel=channel,
            unit=unit,
            raised_by=user,
            submitted_at=at,
            submitted_on=day,
            source=source,
            visit=visit if visit is not None and visit.enterprise_id == enterprise.pk else None,
            **deadlines.on_submit(category, day),
        )
        extra = [u for u in co_units if u.pk != unit.pk]
        if extra:
            req.co_units.set(extra)
        submit = mechanism.Action(
            "submit", frozenset(), S.SUBMITTED, frozenset(), pgettext("service", "Submit")
        )
        REQUEST.record_step(req, submit, "", user, "", at)
        audit.record(
            "service.request.submit",
            actor=user,
            obj=req,
            org_unit_path=req.org_path,
            summary=f"{req.code} {enterprise.name}：{req.get_category_display()} → {unit.name}",
            changes={"state": ["", S.SUBMITTED], "unit": unit.code, "channel": channel},
        )
        after_step(req, submit, user, "")
    return req


def move(
    req: ServiceRequest,
    action: str,
    user,
    *,
    comment: str = "",
    expected_version: int | None = None,
    unit: Unit | None = None,
    duplicate_of: ServiceRequest | None = None,
    rating: str = "",
    at: datetime.datetime | None = None,
    roles: set[str] | None = None,
) -> ServiceRequest:
    """Takes step `action` on `req` for `user` (see workflow.py): the table, the actor's roles, the
    version the actor saw, the step's own rules and deadlines, the timeline, the audit record and
    the notifications. `roles` overrides the user's roles (the platform passes {"system"})."""
    at = at or timezone.now()
    day = timezone.localdate(at)

    def rules(current: ServiceRequest, step) -> dict:
        req._step_unit_id = current.unit_id  # type: ignore[attr-defined]  # where a reroute came from
        return _step_rules(current, step.name, user, day, comment, unit, duplicate_of, rating)

    mechanism.move(
        REQUEST,
        req,
        action,
        actor=user,
        roles=actor_roles(user, req) if roles is None else roles,
        comment=comment,
        expected_version=expected_version,
        at=at,
        rules=rules,
        refusal=ServiceError,
    )
    if action == "reroute":
        req.co_units.remove(req.unit)
    req.refresh_from_db()
    return req


def rate(req: ServiceRequest, user, rating: str, *, comment: str = "", expected_version=None, at=None):
    """The enterprise's verdict on an answer: satisfied or fairly satisfied confirms it, unsatisfied
    reopens it."""
    if rating not in Rating.values:
        raise ServiceError(_("Choose a rating: satisfied, fairly satisfied or unsatisfied"))
    action = "reopen" if rating == Rating.UNSATISFIED else "confirm"
    return move(req, action, user, comment=comment, rating=rating, expected_version=expected_version, at=at)


def _step_rules(current, action, user, day, comment, unit, duplicate_of, rating) -> dict:  # noqa: C901
    """The fields a step sets beyond the state, or a ServiceError."""
    if action == "sign":
        return {
            "signed_on": day,
            "signed_in_time": _in_time(day, current.sign_due),
            "due_on": current.answer_due,
        }
    if action == "start":
        return {"due_on": current.answer_due}
    if action == "ask_info":
        return deadlines.on_pause(current, day)
    if action == "supply_info":
        return deadlines.on_resume(current, day, S.IN_PROGRESS)
    if action == "answer":
        fields = {"answered_on": day, "answer": comment, "due_on": None}
        if current.first_answered_on is None:
            fields |= {"first_answered_on": day, "answered_in_time": _in_time(day, current.answer_due)}
        return fields
    if action in ("confirm", "reopen"):
        return _rating_rules(current, action, day, comment, rating)
    if action == "close":
        done = current.answered_on or day
        return {"finished_on": day, "due_on": None, "resolved_in_time": _in_time(done, current.resolve_due)}
    if action == "close_unsolved":
        return {"finished_on": day, "due_on": None, "resolved_in_time": False, "paused_on": None}
    if action == "return":
        return {"due_on": None}
    if action == "reroute":
        return _reroute_rules(current, day, unit)
    if action == "merge":
        return _merge_rules(current, day, duplicate_of)
    return {}


def _rating_rules(current, action, day, comment, rating) -> dict:
    if action == "confirm" and rating not in (Rating.SATISFIED, Rating.FAIRLY):
        raise ServiceError(_("Confirming an answer needs a rating of satisfied or fairly satisfied"))
    if action == "reopen":
        # Not solved yet: the unit answers again, by the resolve date.
        return {
            "rating": Rating.UNSATISFIED,
            "rating_comment": comment[:500],
            "reopen_count": current.reopen_count + 1,  # the row is locked by the move
            "answer_due": current.resolve_due,
            "due_on": current.resolve_due,
        }
    return {
        "rating": rating,
        "rating_comment": comment[:500],
        "finished_on": day,
        "due_on": None,
        "resolved_in_time": _in_time(current.answered_on or day, current.resolve_due),
    }


def _reroute_rules(current, day, unit) -> dict:
    if unit is None:
        raise ServiceError(_("Choose the unit the request goes to"))
    if not unit.active:
        raise ServiceError(_("The unit “{unit}” is no longer active").format(unit=unit))
    if unit.pk == current.unit_id:
        raise ServiceError(_("The request is already with “{unit}”").format(unit=unit))
    return {
        "unit": unit,
        "reroute_count": current.reroute_count + 1,
        "signed_on": None,
        **deadlines.on_reroute(current, day),
    }


def _merge_rules(current, day, duplicate_of) -> dict:
    if duplicate_of is None or duplicate_of.pk == current.pk:
        raise ServiceError(_("Name the request this one duplicates"))
    if duplicate_of.state == S.MERGED:
        raise ServiceError(
            _("{code} is itself merged into another request; name that one").format(code=duplicate_of.code)
        )
    return {"duplicate_of": duplicate_of, "finished_on": day, "due_on": None, "paused_on": None}


def _in_time(day: datetime.date, due: datetime.date | None) -> bool | None:
    return None if due is None else day <= due
