"""JSON endpoints of policy programmes: open calls, applications with their timeline, workflow
actions, payments, eligibility, ranking and budget usage. Thin: each calls a service of
zerobay.programs.services, which decides who may see and do what; a refusal answers 400 with the
service's Chinese message, a stale version 409, a missing or invisible application 404."""

import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zerobay.api_schemas import UNAUTHORIZED, Error, Page
from zerobay.registry.access import access_enterprise_by_uscc

from . import services
from .models import Application, Call, Clause, Policy
from .services import ConcurrentChange, IllegalTransition, ProgramError
from .services.access import access_application_by_code, can_view_budget, can_view_ranking
from .services.applications import OWN_SERVICE
from .workflow import ACTIONS, STATE_LABELS, actions_from

router = Router(tags=["programs"])

REFUSED = {400: Error, 404: Error, 409: Error, **UNAUTHORIZED}


# -- schemas ----------------------------------------------------------------------------------


class ClauseOut(Schema):
    code: str
    title: str
    policy: str = Field(alias="policy.title")
    support_type: str
    amount_rule: str
    amount_cap: Decimal | None
    conditions: list[dict]
    materials: list[dict]


class CallOut(Schema):
    code: str
    title: str
    policy: str = Field(alias="policy.title")
    opens_on: datetime.date
    closes_on: datetime.date
    budget: Decimal
    clauses: list[ClauseOut]

    @staticmethod
    def resolve_clauses(obj: Call) -> list[Clause]:
        return list(obj.clauses.filter(active=True).select_related("policy"))


class ApplicationOut(Schema):
    code: str
    title: str
    call: str = Field(alias="call.code")
    clause: str = Field(alias="clause.code")
    enterprise: str = Field(alias="enterprise.name")
    uscc: str = Field(alias="enterprise.uscc")
    state: str
    state_label: str
    version: int
    requested_amount: Decimal
    approved_amount: Decimal | None
    paid_amount: Decimal
    score: Decimal | None
    rank: int | None
    correction_deadline: datetime.date | None
    submitted_at: datetime.datetime | None

    @staticmethod
    def resolve_state_label(obj: Application) -> str:
        return str(STATE_LABELS.get(obj.state, obj.state))


class StepOut(Schema):
    at: datetime.datetime
    actor: str
    action: str
    action_label: str
    from_state: str = Field(alias="from")
    from_label: str
    to_state: str = Field(alias="to")
    to_label: str
    comment: str


class ApplicationDetail(ApplicationOut):
    summary: str
    eligibility: dict
    targets: list[dict]
    timeline: list[StepOut]
    actions: list[str] = Field(description="the workflow actions the caller may take now")


class ActionIn(Schema):
    action: str = Field(description="one of: " + ", ".join(ACTIONS))
    comment: str = ""
    version: int | None = Field(None, description="the version the caller saw (409 if it changed)")


class PaymentIn(Schema):
    amount: Decimal = Field(gt=0)
    paid_on: datetime.date
    reference: str = ""
    final: bool = False
    version: int | None = None


class PaymentOut(Schema):
    instalment: int
    amount: Decimal
    paid_on: datetime.date
    reference: str
    application: ApplicationOut


class ConditionOut(Schema):
    kind: str
    label: str
    met: bool | None
    value: float | int | str | bool | None
    threshold: float | int | str | bool | None
    message: str


class EligibilityOut(Schema):
    clause: str
    uscc: str
    as_of: datetime.date
    eligible: bool | None
    conditions: list[ConditionOut]


class RankOut(Schema):
    rank: int | None
    code: str
    title: str
    enterprise: str
    clause: str
    state: str
    score: Decimal | None
    experts: int
    opinions: list[dict]


class BudgetOut(Schema):
    budget: Decimal | None
    proposed: Decimal
    approved: Decimal
    committed: Decimal
    paid: Decimal
    available: Decimal | None


class ApplicationFilter(Schema):
    state: str | None = None
    call: str | None = None
    clause: str | None = None


# -- endpoints --------------------------------------------------------------------------------


def _refusal(exc: Exception):
    return Status(409 if isinstance(exc, ConcurrentChange) else 400, {"detail": str(exc)})


def _detail(request, app: Application) -> Application:
    roles = services.actor_roles(request.user, app)
    app.timeline = services.timeline(app)
    app.actions = [a.name for a in actions_from(app.state, roles) if a.name not in OWN_SERVICE]
    return app


@router.get("/programs/calls", response={200: list[CallOut], **UNAUTHORIZED}, tags=["programs"])
def list_open_calls(request, on: datetime.date | None = None):
    """The calls open on `on` (default today), with their clauses, conditions and materials."""
    return services.open_calls(on or timezone.localdate()).prefetch_related("clauses")


@router.get("/programs/applications", response={200: list[ApplicationOut], **UNAUTHORIZED}, tags=["programs"])
@paginate(Page)
def list_applications(request, filters: Query[ApplicationFilter]):
    """The applications the caller may see: an enterprise its own, an expert those assigned, staff their scope."""
    qs = services.visible_applications(request.user).select_related("call", "clause", "enterprise")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.call:
        qs = qs.filter(call__code=filters.call)
    if filters.clause:
        qs = qs.filter(clause__code=filters.clause)
    return qs.order_by("-id")


@router.get("/programs/applications/{code}", response={200: ApplicationDetail, 404: Error, **UNAUTHORIZED})
def get_application(request, code: str):
    """One application with its timeline and the actions the caller may take."""
    return _detail(request, access_application_by_code(request.user, code))


@router.post("/programs/applications/{code}/transitions", response={200: ApplicationDetail, **REFUSED})
def act_on_application(request, code: str, payload: ActionIn):
    """Moves the application by one workflow action (submit, return, pass_check, reject, ...)."""
    app = access_application_by_code(request.user, code)
    try:
        services.transition(
            app, payload.action, request.user, comment=payload.comment, expected_version=payload.version
        )
    except (IllegalTransition, ConcurrentChange, ProgramError) as exc:
        return _refusal(exc)
    return _detail(request, access_application_by_code(request.user, code))


@router.post("/programs/applications/{code}/payments", response={201: PaymentOut, **REFUSED})
def pay_instalment(request, code: str, payload: PaymentIn):
    """Records one instalment (finance officers); never beyond the approved amount."""
    app = access_application_by_code(request.user, code)
    try:
        payment = services.pay(
            app,
            payload.amount,
            payload.paid_on,
            request.user,
            reference=payload.reference,
            final=payload.final,
            expected_version=payload.version,
        )
    except (IllegalTransition, ConcurrentChange, ProgramError) as exc:
        return _refusal(exc)
    app.refresh_from_db()
    return Status(201, {**payment.__dict__, "application": app})


@router.get(
    "/programs/clauses/{code}/eligibility", response={200: EligibilityOut, 404: Error, **UNAUTHORIZED}
)
def clause_eligibility(request, code: str, uscc: str | None = None, as_of: datetime.date | None = None):
    """Each condition of the clause met or not, and why: for the caller's own enterprise, or (staff)
    for an enterprise of their scope given by `uscc`."""
    clause = get_object_or_404(Clause, code=code)
    user = request.user
    if user.is_enterprise_user:
        if not user.enterprise_id or (uscc and uscc.strip().upper() != user.enterprise.uscc):
            raise Http404
        enterprise = user.enterprise
    else:
        if not uscc:
            raise Http404
        enterprise = access_enterprise_by_uscc(user, uscc)
    as_of = as_of or timezone.localdate()
    result = services.check(clause, enterprise, as_of)
    return {
        "clause": clause.code,
        "uscc": enterprise.uscc,
        "as_of": as_of,
        "eligible": result.eligible,
        "conditions": result.conditions,
    }


@router.get("/programs/calls/{code}/ranking", response={200: list[RankOut], 404: Error, **UNAUTHORIZED})
def call_ranking(request, code: str):
    """The call's reviewed applications by score (staff; limited to the applications they may see)."""
    if not can_view_ranking(request.user):
        raise Http404
    call = get_object_or_404(Call, code=code)
    visible = set(services.visible_applications(request.user).filter(call=call).values_list("pk", flat=True))
    return [r for r in services.ranking(call) if r["application"].pk in visible]


@router.get("/programs/budget", response={200: BudgetOut, 400: Error, 404: Error, **UNAUTHORIZED})
def budget(request, call: str | None = None, clause: str | None = None, policy: str | None = None):
    """Budget, proposed, approved, paid and available (yuan) of one call, clause or policy (district staff)."""
    if not can_view_budget(request.user):
        raise Http404
    try:
        return services.budget_usage(
            call=get_object_or_404(Call, code=call) if call else None,
            clause=get_object_or_404(Clause, code=clause) if clause else None,
            policy=get_object_or_404(Policy, code=policy) if policy else None,
        )
    except ProgramError as exc:
        return Status(400, {"detail": str(exc)})
