"""Matchmaking events (对接活动): recorded by hall staff, audited."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import pgettext

from zerobay.accounts import audit

from ..models import MatchEvent


def record_event(event: MatchEvent, *, user) -> MatchEvent:
    """Stores `event` (an unsaved form instance) organised by `user`."""
    with transaction.atomic():
        event.organiser = user
        event.save()
        with translation.override(settings.LANGUAGE_CODE):
            summary = pgettext("hall", "Matchmaking event: {event}").format(event=event)
        audit.record("matching.event.create", actor=user, obj=event, summary=summary)
    return event
