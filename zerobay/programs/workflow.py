"""The one declaration of an application's workflow: its states, and for each action the states it
leaves from, the state it reaches and the roles allowed to take it.

`APPLICATION` is a `zerobay.workflow.Workflow`; `BATCH` declares the approval batches (立项批次).
Everything that moves an application (pages, API, CLI, demo) goes through
`services.applications.transition` / `move`, which hand the step to the shared `zerobay.workflow.move`
(table, actor, optimistic-concurrency version, timeline step, audit, notification). Nothing else
writes `Application.state`.

Roles of the table (actor roles, derived from the user in `actor_roles`):
  enterprise  the applicant enterprise's own users
  staff       district admins, and sub-park operators for applications inside their subtree
  expert      reserved: experts score through their assignments, they do not move the state
  finance     finance officers (payments)
  system      the platform itself (e.g. the review completes when the last score sheet is in)
"""

from django.utils.translation import gettext_lazy as _

from zerobay.workflow import Action, ConcurrentChange, IllegalTransition, Refusal, Workflow, action
from zerobay.workflow import State as StateDef

from .models import Application, ApprovalBatch

__all__ = [
    "ACTIONS",
    "APPLICATION",
    "BATCH",
    "FINAL_STATES",
    "FUNNEL",
    "STATE_LABELS",
    "Action",
    "ConcurrentChange",
    "IllegalTransition",
    "Refusal",
    "State",
    "actions_from",
]


class State:
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    CHECKED = "checked"
    REJECTED = "rejected"
    IN_REVIEW = "in_review"
    REVIEWED = "reviewed"
    PROPOSED = "proposed"
    APPROVED = "approved"
    NOT_APPROVED = "not_approved"
    PAYING = "paying"
    PAID = "paid"
    CLOSED = "closed"


S = State
STATES = (
    StateDef(S.DRAFT, _("Draft"), "grey"),  # 草稿
    StateDef(S.SUBMITTED, _("Submitted"), "blue"),  # 已提交（待形式审查）
    StateDef(S.RETURNED, _("Returned for correction"), "amber"),  # 退回补正
    StateDef(S.WITHDRAWN, _("Withdrawn"), "grey"),  # 已撤回
    StateDef(S.CHECKED, _("Formally checked"), "blue"),  # 形式审查通过
    StateDef(S.REJECTED, _("Rejected at formal check"), "red"),  # 形式审查未通过
    StateDef(S.IN_REVIEW, _("In expert review"), "blue"),  # 专家评审中
    StateDef(S.REVIEWED, _("Reviewed"), "blue"),  # 评审完成
    StateDef(S.PROPOSED, _("Proposed for approval"), "amber"),  # 拟立项（公示）
    StateDef(S.APPROVED, _("Approved"), "green"),  # 已立项
    StateDef(S.NOT_APPROVED, _("Not approved"), "red"),  # 未立项
    StateDef(S.PAYING, _("Being paid"), "green"),  # 拨付中
    StateDef(S.PAID, _("Fully paid"), "green"),  # 已拨付
    StateDef(S.CLOSED, _("Closed after evaluation"), "grey"),  # 已结项（绩效评价完成）
)
STATE_LABELS = {s.code: s.label for s in STATES}

# States an application never leaves.
FINAL_STATES = frozenset({State.WITHDRAWN, State.REJECTED, State.NOT_APPROVED, State.CLOSED})

# The funnel of the dashboards: each stage counts the applications that reached it.
FUNNEL = (
    ("accepted", _("Accepted"), State.SUBMITTED),  # 受理
    ("checked", _("Formally checked"), State.CHECKED),
    ("reviewed", _("Reviewed"), State.REVIEWED),
    ("approved", _("Approved"), State.APPROVED),
    ("paid", _("Paid"), State.PAYING),  # at least one instalment paid
)

_action = action  # the name this module used before the shared mechanism

APPLICATION = Workflow(
    audit_name="programs.application",
    model=Application,
    states=STATES,
    actions=(
        action("submit", {S.DRAFT}, S.SUBMITTED, {"enterprise"}, _("Submit")),
        action("resubmit", {S.RETURNED}, S.SUBMITTED, {"enterprise"}, _("Resubmit after correction")),
        action("withdraw", {S.DRAFT, S.SUBMITTED, S.RETURNED}, S.WITHDRAWN, {"enterprise"}, _("Withdraw")),
        action("return", {S.SUBMITTED}, S.RETURNED, {"staff"}, _("Return for correction"), True),
        action("pass_check", {S.SUBMITTED}, S.CHECKED, {"staff"}, _("Pass the formal check")),
        action("reject", {S.SUBMITTED, S.RETURNED}, S.REJECTED, {"staff"}, _("Reject"), True),
        action("start_review", {S.CHECKED}, S.IN_REVIEW, {"staff"}, _("Send to expert review")),
        action("complete_review", {S.IN_REVIEW}, S.REVIEWED, {"staff", "system"}, _("Complete the review")),
        action("propose", {S.REVIEWED}, S.PROPOSED, {"staff"}, _("Propose for approval")),
        action("decline", {S.REVIEWED, S.PROPOSED}, S.NOT_APPROVED, {"staff"}, _("Do not approve"), True),
        action("approve", {S.PROPOSED}, S.APPROVED, {"staff", "system"}, _("Approve")),
        action("pay", {S.APPROVED, S.PAYING}, S.PAYING, {"finance"}, _("Pay an instalment")),
        action("pay_final", {S.APPROVED, S.PAYING}, S.PAID, {"finance"}, _("Pay the final instalment")),
        action("close", {S.PAID}, S.CLOSED, {"staff"}, _("Close after the performance evaluation")),
    ),
    describe=lambda app: str(_("application {code}")).format(code=app.code),
    org_unit_path=lambda app: app.org_path,
    summary=lambda app, step, from_state, _comment: (
        f"{app.code}：{STATE_LABELS.get(from_state, from_state)} → {STATE_LABELS[step.target]}"
    ),
)
ACTIONS: dict[str, Action] = APPLICATION.by_name


def actions_from(state: str, roles: frozenset[str] | set[str]) -> list[Action]:
    """The actions the given roles may take on an application in `state`."""
    return APPLICATION.actions_from(state, roles)


B = ApprovalBatch.State
# Approval batches: proposals are gathered in a draft batch, the batch goes into public notice (公示),
# and after the notice period, with every objection resolved, it is finalised. Staff only.
BATCH = Workflow(
    audit_name="programs.batch",
    model=ApprovalBatch,
    states=(
        StateDef(B.DRAFT, B.DRAFT.label, "grey"),
        StateDef(B.NOTICE, B.NOTICE.label, "amber"),
        StateDef(B.FINAL, B.FINAL.label, "green"),
    ),
    # The actions are named after the audit records they have always written.
    actions=(
        action(
            "notice",
            {B.DRAFT},
            B.NOTICE,
            {"staff"},
            _("Open the public notice"),
            wrong_state=_("{object} has already been in public notice"),
        ),
        action(
            "finalised",
            {B.NOTICE},
            B.FINAL,
            {"staff"},
            _("Confirm the approvals"),
            wrong_state=_("{object} is not in public notice yet, or is already approved"),
        ),
    ),
    describe=lambda batch: str(_("batch “{title}”")).format(title=batch.title),
    summary=lambda batch, step, _from, _comment: _batch_summary(batch, step),
)


def _batch_summary(batch: ApprovalBatch, step: Action) -> str:
    if step.name == "notice":
        return str(_("Batch {code} in public notice from {start} to {end}")).format(
            code=batch.code, start=batch.notice_from, end=batch.notice_to
        )
    approved = batch.applications.filter(state=State.APPROVED).count()
    return str(_("Batch {code}: {n} approvals confirmed")).format(code=batch.code, n=approved)
