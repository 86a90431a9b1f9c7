"""The service endpoints of the JSON API (/api/service/...). Every query starts from
access.visible_requests: a request outside the caller's scope is a 404 like a missing one."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zerobay.api_schemas import UNAUTHORIZED, Error, Page, choices

from . import access
from .models import Category, Rating, ServiceRequest
from .queries import Filters, current_due, requests_for
from .services import requests as services
from .workflow import REQUEST

router = Router(tags=["service"])


class RequestRow(Schema):
    id: int
    code: str
    enterprise: str
    category: choices(Category)  # type: ignore[valid-type]
    unit: str = Field(description="the unit's code (registry units)")
    state: choices(ServiceRequest.State)  # type: ignore[valid-type]
    submitted: datetime.date
    due: datetime.date | None = Field(description="the current phase's deadline, else the resolve date")
    overdue: bool

    @staticmethod
    def resolve_enterprise(obj: ServiceRequest) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_unit(obj: ServiceRequest) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_submitted(obj: ServiceRequest) -> datetime.date:
        return obj.submitted_on

    @staticmethod
    def resolve_due(obj: ServiceRequest) -> datetime.date | None:
        return current_due(obj)

    @staticmethod
    def resolve_overdue(obj: ServiceRequest) -> bool:
        return obj.due_on is not None and obj.due_on < timezone.localdate()


class RequestStepOut(Schema):
    at: datetime.datetime
    action: str
    from_state: str
    to_state: str
    actor: str | None
    unit: str | None
    comment: str

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.username if obj.actor_id else None

    @staticmethod
    def resolve_unit(obj) -> str | None:
        return obj.unit.code if obj.unit_id else None


class RequestOut(RequestRow):
    title: str
    text: str
    urgency: str
    channel: str
    version: int
    sign_by: datetime.date | None
    answer_by: datetime.date | None
    resolve_by: datetime.date | None
    paused_days: int
    calendar_note: str
    answer: str
    rating: str
    reopen_count: int
    reroute_count: int
    steps: list[RequestStepOut]

    @staticmethod
    def resolve_sign_by(obj: ServiceRequest) -> datetime.date | None:
        return obj.sign_due

    @staticmethod
    def resolve_answer_by(obj: ServiceRequest) -> datetime.date | None:
        return obj.answer_due

    @staticmethod
    def resolve_resolve_by(obj: ServiceRequest) -> datetime.date | None:
        return obj.resolve_due

    @staticmethod
    def resolve_steps(obj: ServiceRequest) -> list:
        return list(obj.steps.select_related("actor", "unit"))


class RequestFilter(Schema):
    state: choices(ServiceRequest.State) | None = None  # type: ignore[valid-type]
    unit: str | None = Field(None, max_length=32, description="unit code, e.g. KW")
    category: choices(Category) | None = None  # type: ignore[valid-type]
    overdue: bool = False
    q: str | None = Field(None, max_length=100)


class MoveIn(Schema):
    action: str = Field(max_length=32, description=", ".join(a.name for a in REQUEST.actions) + ", or rate")
    version: int | None = Field(None, ge=1, le=2**31, description="the version the caller saw")
    comment: str = Field("", max_length=5000)
    unit: str | None = Field(None, max_length=32, description="reroute: the new unit's code")
    duplicate_of: int | None = Field(None, ge=1, le=2**31, description="merge: the request id it duplicates")
    rating: choices(Rating) | None = None  # type: ignore[valid-type]


@router.get("/service/requests", response={200: list[RequestRow], **UNAUTHORIZED})
@paginate(Page)
def list_requests(request, filters: Query[RequestFilter]):
    f = Filters(
        state=filters.state or "",
        unit=filters.unit or "",
        category=filters.category or "",
        overdue=filters.overdue,
        q=filters.q or "",
    )
    return requests_for(request.auth, f)


@router.get("/service/requests/{int:request_id}", response={200: RequestOut, 404: Error, **UNAUTHORIZED})
def get_request(request, request_id: int):
    return access.access_request_by_id(
        request.auth, request_id, ServiceRequest.objects.select_related("enterprise", "unit")
    )


@router.post(
    "/service/requests/{int:request_id}/move",
    response={200: RequestOut, 403: Error, 404: Error, 409: Error, 422: Error, **UNAUTHORIZED},
)
def move_request(request, request_id: int, payload: MoveIn):
    """Takes a workflow step; 403 for an actor without the step's role, 409 for a stale version or a
    step not possible in the current state, 422 for a step's own refusal (a missing reason)."""
    from zerobay.registry.models import Unit
    from zerobay.workflow import ActorRefused, ConcurrentChange, IllegalTransition

    user = request.auth
    req = access.access_request_by_id(user, request_id)
    unit = Unit.objects.filter(code=payload.unit).first() if payload.unit else None
    duplicate = (
        access.visible_requests(user).filter(pk=payload.duplicate_of).first()
        if payload.duplicate_of
        else None
    )
    try:
        if payload.action == "rate":
            services.rate(
                req, user, payload.rating or "", comment=payload.comment, expected_version=payload.version
            )
        else:
            services.move(
                req,
                payload.action,
                user,
                comment=payload.comment,
                expected_version=payload.version,
                unit=unit,
                duplicate_of=duplicate,
            )
    except ActorRefused as exc:
        return Status(403, {"detail": str(exc)})
    except (ConcurrentChange, IllegalTransition) as exc:
        return Status(409, {"detail": str(exc)})
    except ValidationError as exc:
        return Status(422, {"detail": "；".join(exc.messages)})
    return Status(200, ServiceRequest.objects.select_related("enterprise", "unit").get(pk=req.pk))
