"""The one declaration of a service request's workflow, on the shared mechanism (zerobay.workflow).

    submitted → signed → in progress ⇄ waiting for the enterprise (clock paused) → answered
    answered → confirmed (满意 / 基本满意) → closed,   answered → reopened (不满意) → answered …
    a unit returns a request that is not its business (returned); the commission reroutes it to
    another unit (back to submitted), merges a duplicate, or closes it as not solved.

Roles (derived from the user in access.actor_roles):
  enterprise  the requesting enterprise's users
  unit        the liaisons of the unit the request is routed to
  staff       the commission's dispatchers (district admins)
  system      the platform itself (the demo, periodic jobs)

Everything that moves a request goes through services.requests.move; nothing else writes `state`.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zerobay.workflow import State, Workflow, action

from .models import ServiceRequest, Step

S = ServiceRequest.State

STATES = (
    State(S.SUBMITTED, S.SUBMITTED.label, "blue"),
    State(S.SIGNED, S.SIGNED.label, "blue"),
    State(S.IN_PROGRESS, S.IN_PROGRESS.label, "blue"),
    State(S.WAITING, S.WAITING.label, "amber"),
    State(S.ANSWERED, S.ANSWERED.label, "green"),
    State(S.REOPENED, S.REOPENED.label, "red"),
    State(S.CONFIRMED, S.CONFIRMED.label, "green"),
    State(S.CLOSED, S.CLOSED.label, "grey"),
    State(S.CLOSED_UNSOLVED, S.CLOSED_UNSOLVED.label, "red"),
    State(S.RETURNED, S.RETURNED.label, "amber"),
    State(S.MERGED, S.MERGED.label, "grey"),
)
WORKING = {S.SIGNED, S.IN_PROGRESS, S.REOPENED}

ACTIONS = (
    action("sign", {S.SUBMITTED}, S.SIGNED, {"unit", "system"}, _("Sign for the request")),  # 签收
    action("start", {S.SIGNED}, S.IN_PROGRESS, {"unit", "system"}, _("Start handling")),  # 开始办理
    action(
        "ask_info", WORKING, S.WAITING, {"unit", "system"}, _("Ask the enterprise for information"), True
    ),  # 请企业补充材料（计时暂停）
    action(
        "supply_info",
        {S.WAITING},
        S.IN_PROGRESS,
        {"enterprise", "staff", "system"},
        _("Supply the information"),
        True,
    ),  # 补充材料（恢复计时）
    action("answer", WORKING, S.ANSWERED, {"unit", "system"}, _("Answer"), True),  # 答复
    action("confirm", {S.ANSWERED}, S.CONFIRMED, {"enterprise", "staff", "system"}, _("Confirm and rate")),
    action("reopen", {S.ANSWERED}, S.REOPENED, {"enterprise", "staff", "system"}, _("Reopen as unsatisfied")),
    action(
        "close", {S.ANSWERED, S.CONFIRMED}, S.CLOSED, {"staff", "system"}, pgettext_lazy("service", "Close")
    ),  # 办结
    action(
        "close_unsolved",
        {S.SIGNED, S.IN_PROGRESS, S.WAITING, S.ANSWERED, S.REOPENED, S.RETURNED},
        S.CLOSED_UNSOLVED,
        {"staff", "system"},
        _("Close as not solved"),
        True,
    ),
    action(
        "return",
        {S.SUBMITTED, S.SIGNED},
        S.RETURNED,
        {"unit", "system"},
        _("Return: not this unit's business"),
        True,
    ),  # 退回
    action(
        "reroute",
        {S.SUBMITTED, S.SIGNED, S.IN_PROGRESS, S.RETURNED, S.REOPENED},
        S.SUBMITTED,
        {"staff", "system"},
        _("Reroute to another unit"),
        True,
    ),  # 改派
    action(
        "merge",
        {S.SUBMITTED, S.SIGNED, S.IN_PROGRESS, S.WAITING, S.RETURNED, S.REOPENED},
        S.MERGED,
        {"staff", "system"},
        _("Merge as a duplicate"),
    ),
)
# Actions with a form of their own on the request page (a rating, a unit, the request it duplicates).
RATED = ("confirm", "reopen")
TAKES_UNIT = ("reroute",)
TAKES_DUPLICATE = ("merge",)


def _record_step(req: ServiceRequest, step, from_state: str, actor, comment: str, at) -> None:
    from django.utils import timezone

    from_unit = getattr(req, "_step_unit_id", req.unit_id)
    Step.objects.create(
        request=req,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=step.name,
        from_state=from_state,
        to_state=step.target,
        unit_id=from_unit,
        to_unit_id=req.unit_id if from_unit != req.unit_id else None,
        comment=comment,
    )


def _after(req: ServiceRequest, step, from_state: str, actor, comment: str, notify_body: str) -> None:
    from .services.notices import after_step

    after_step(req, step, actor, comment)


REQUEST = Workflow(
    audit_name="service.request",
    model=ServiceRequest,
    states=STATES,
    actions=ACTIONS,
    describe=lambda req: str(_("request {code}")).format(code=req.code),
    record_step=_record_step,
    after=_after,
    org_unit_path=lambda req: req.org_path,
)
