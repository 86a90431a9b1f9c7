"""The monthly call-back sample (回访): a share of the requests finished in a month, drawn at random
(reproducibly: the month seeds the draw), called by the commission and recorded."""

import datetime
import math
import random

from django.db import transaction
from django.utils.translation import gettext as _

from zerobay.accounts import audit

from ..models import CallBack, Rating, ServiceRequest
from .requests import ServiceError

S = ServiceRequest.State
FINISHED = (S.CONFIRMED, S.CLOSED, S.CLOSED_UNSOLVED)
SHARE = 0.1  # "call back 10% each month" (the county rule cited in issue 15)


def draw_sample(month: datetime.date, *, share: float = SHARE, user=None) -> list[CallBack]:
    """Adds to the month's sample until it holds `share` of the requests finished that month (at
    least one when any finished); drawing again adds nothing new. Returns the month's sample."""
    if not 0 < share <= 1:
        raise ServiceError(_("The share to call back is between 0 and 1, not {share}").format(share=share))
    first = month.replace(day=1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    finished = list(
        ServiceRequest.objects.filter(state__in=FINISHED, finished_on__gte=first, finished_on__lt=after)
        .order_by("pk")
        .values_list("pk", "org_path")
    )
    wanted = math.ceil(len(finished) * share)
    with transaction.atomic():
        have = set(CallBack.objects.filter(month=first).values_list("request_id", flat=True))
        rest = [(pk, path) for pk, path in finished if pk not in have]
        random.Random(first.toordinal()).shuffle(rest)
        new = [
            CallBack(request_id=pk, org_path=path, month=first)
            for pk, path in rest[: max(wanted - len(have), 0)]
        ]
        CallBack.objects.bulk_create(new)
        if new:
            audit.record(
                "service.callbacks.drawn",
                actor=user,
                object_type="service.callback",
                object_id=f"{first:%Y-%m}",
                summary=f"{first:%Y-%m} 回访抽样：办结 {len(finished)} 件，抽取 {len(have) + len(new)} 件",
                changes={"requests": [c.request_id for c in new]},
            )
    return list(CallBack.objects.filter(month=first).select_related("request__enterprise"))


def record(
    callback: CallBack, *, user, day: datetime.date, reached: bool, rating: str = "", note: str = ""
) -> CallBack:
    if reached and rating not in Rating.values:
        raise ServiceError(_("Record how the enterprise rates the handling"))
    callback.called_on, callback.called_by, callback.reached = day, user, reached
    callback.rating, callback.note = (rating if reached else ""), note[:500]
    callback.save()
    audit.record(
        "service.callbacks.recorded",
        actor=user,
        obj=callback,
        org_unit_path=callback.org_path,
        summary=f"{callback.request.code} 回访：{'已接通' if reached else '未接通'} {callback.get_rating_display()}",
        changes={"reached": reached, "rating": callback.rating},
    )
    return callback
