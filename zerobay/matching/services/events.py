"""Matchmaking events (对接活动): recorded by hall staff, audited."""

from django.db import transaction

from zerobay.accounts import audit

from ..models import MatchEvent
from . import house


def record_event(event: MatchEvent, *, user) -> MatchEvent:
    """Stores `event` (an unsaved form instance) organised by `user`."""
    with transaction.atomic():
        event.organiser = user
        event.save()
        audit.record(
            "matching.event.create",
            actor=user,
            obj=event,
            summary=house("Matchmaking event: {event}", event=event),
        )
    return event
