"""Challenge lists (揭榜挂帅): responders submit solutions to a demand; the office selects one."""

from django.db import transaction

from zerobay.accounts import audit

from ..models import ChallengeResponse, Demand
from . import house


def respond(demand: Demand, response: ChallengeResponse, *, user) -> ChallengeResponse:
    """Stores `response` (an unsaved form instance) as `user`'s solution to `demand`."""
    with transaction.atomic():
        response.demand, response.submitted_by = demand, user
        response.save()
        audit.record(
            "matching.challenge.respond",
            actor=user,
            obj=demand,
            summary=house("Challenge response: {responder}", responder=response.responder),
        )
    return response


def select(response: ChallengeResponse, *, user) -> ChallengeResponse:
    """Selects `response` for its demand; the other responses are not selected."""
    with transaction.atomic():
        response.demand.responses.exclude(pk=response.pk).update(status=ChallengeResponse.Status.NOT_SELECTED)
        response.status = ChallengeResponse.Status.SELECTED
        response.save(update_fields=["status"])
        audit.record(
            "matching.challenge.select",
            actor=user,
            obj=response.demand,
            summary=house("Responder selected: {responder}", responder=response.responder),
        )
    return response
