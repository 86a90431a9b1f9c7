"""Expressing interest in a published achievement or an open demand: the interest is kept once per
user and object, audited, and the object's technology manager is told."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import pgettext

from zerobay.accounts import audit
from zerobay.accounts.notifications import notify

from ..access import own_enterprise_id
from ..models import Achievement, Demand, Interest


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
            with translation.override(settings.LANGUAGE_CODE):  # stored text, read by the hall staff
                summary = pgettext("hall", "Interest expressed: {object}").format(object=obj)
                title = pgettext("hall", "A user is interested in “{title}”").format(title=obj.title)
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
