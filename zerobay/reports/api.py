"""The reports endpoints of the JSON API (/api/reports/...): the monthly bulletins and their snapshot
(the figures each bulletin states), for the commission's staff and the leadership."""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from zerobay.access import require
from zerobay.api_schemas import UNAUTHORIZED, Error, Page, choices

from .access import access_bulletin_by_pk, can_read_bulletins, visible_bulletins
from .models import Bulletin

router = Router(tags=["reports"])


class BulletinOut(Schema):
    id: int
    period: datetime.date
    number: int
    version: int
    status: choices(Bulletin.Status)  # type: ignore[valid-type]
    issued_at: datetime.datetime | None


class BulletinDetailOut(BulletinOut):
    narrative: dict[str, str]
    snapshot: dict


@router.get("/reports/bulletins", response={200: list[BulletinOut], 403: Error, **UNAUTHORIZED})
@paginate(Page)
def list_bulletins(request):
    require(can_read_bulletins(request.user))
    return visible_bulletins(request.user).defer("document", "snapshot")


@router.get(
    "/reports/bulletins/{bulletin_id}",
    response={200: BulletinDetailOut, 403: Error, 404: Error, **UNAUTHORIZED},
)
def get_bulletin(request, bulletin_id: int):
    require(can_read_bulletins(request.user))
    return access_bulletin_by_pk(request.user, bulletin_id)
