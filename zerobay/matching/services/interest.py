"""Expressing interest in a published achievement or an open demand: the interest is kept once per
user and object, audited, and the object's technology manager is told."""

from django.db import IntegrityError, transaction

from zerobay.accounts import audit
from zerobay.accounts.notifications import notify

from ..access import own_enterprise_id
from ..models import Achievement, Demand, Interest
from . import house


class AlreadyInterested(Exception):
    """The user has already expressed interest in this object."""


def link_of(obj: Achievement | Demand) -> str:
    kind = "achievements" if isinstance(obj, Achievement) else "demands"
    return f"/hall/{kind}/{obj.code}/"


def express_interest(obj: Achievement | Demand, *, user, message: str = "") -> Interest:
    target = {"achievement": obj} if isinstance(obj, Achievement) else {"demand": obj}
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                user=user, enterprise_id=own_enterprise_id(user), message=message, **target
            )
            summary = house("Interest expressed: {object}", object=obj)
            title = house("A user is interested in “{title}”", title=obj.title)
            audit.record("matching.interest", actor=user, obj=obj, summary=summary)
            if obj.manager is not None:
                notify(
                    [obj.manager],
                    title=title[:200],
                    body=message,
                    link=link_of(obj),
                    kind="matching.interest",
                )
    except IntegrityError:
        raise AlreadyInterested from None
    return interest
