"""The one declaration of an application's workflow: its states, and for each action the states it
leaves from, the state it reaches and the roles allowed to take it.

Everything that moves an application (pages, API, CLI, demo) goes through
`services.applications.transition`, which checks this table, the actor's right to the application,
the optimistic-concurrency version, and records the step on the timeline. Nothing else writes
`Application.state`.

Roles of the table (actor roles, derived from the user in `actor_roles`):
  enterprise  the applicant enterprise's own users
  staff       district admins, and sub-park operators for applications inside their subtree
  expert      reserved: experts score through their assignments, they do not move the state
  finance     finance officers (payments)
  system      the platform itself (e.g. the review completes when the last score sheet is in)
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


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


STATE_LABELS = {
    State.DRAFT: _("Draft"),  # 草稿
    State.SUBMITTED: _("Submitted"),  # 已提交（待形式审查）
    State.RETURNED: _("Returned for correction"),  # 退回补正
    State.WITHDRAWN: _("Withdrawn"),  # 已撤回
    State.CHECKED: _("Formally checked"),  # 形式审查通过
    State.REJECTED: _("Rejected at formal check"),  # 形式审查未通过
    State.IN_REVIEW: _("In expert review"),  # 专家评审中
    State.REVIEWED: _("Reviewed"),  # 评审完成
    State.PROPOSED: _("Proposed for approval"),  # 拟立项（公示）
    State.APPROVED: _("Approved"),  # 已立项
    State.NOT_APPROVED: _("Not approved"),  # 未立项
    State.PAYING: _("Being paid"),  # 拨付中
    State.PAID: _("Fully paid"),  # 已拨付
    State.CLOSED: _("Closed after evaluation"),  # 已结项（绩效评价完成）
}

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


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: str
    needs_comment: bool = False  # a reason must be given (returns, rejections, objections upheld)


def _action(name, sources, target, roles, label, needs_comment=False) -> Action:
    return Action(name, frozenset(sources), target, frozenset(roles), label, needs_comment)


S = State
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        _action("submit", {S.DRAFT}, S.SUBMITTED, {"enterprise"}, _("Submit")),
        _action("resubmit", {S.RETURNED}, S.SUBMITTED, {"enterprise"}, _("Resubmit after correction")),
        _action("withdraw", {S.DRAFT, S.SUBMITTED, S.RETURNED}, S.WITHDRAWN, {"enterprise"}, _("Withdraw")),
        _action("return", {S.SUBMITTED}, S.RETURNED, {"staff"}, _("Return for correction"), True),
        _action("pass_check", {S.SUBMITTED}, S.CHECKED, {"staff"}, _("Pass the formal check")),
        _action("reject", {S.SUBMITTED, S.RETURNED}, S.REJECTED, {"staff"}, _("Reject"), True),
        _action("start_review", {S.CHECKED}, S.IN_REVIEW, {"staff"}, _("Send to expert review")),
        _action("complete_review", {S.IN_REVIEW}, S.REVIEWED, {"staff", "system"}, _("Complete the review")),
        _action("propose", {S.REVIEWED}, S.PROPOSED, {"staff"}, _("Propose for approval")),
        _action("decline", {S.REVIEWED, S.PROPOSED}, S.NOT_APPROVED, {"staff"}, _("Do not approve"), True),
        _action("approve", {S.PROPOSED}, S.APPROVED, {"staff", "system"}, _("Approve")),
        _action("pay", {S.APPROVED, S.PAYING}, S.PAYING, {"finance"}, _("Pay an instalment")),
        _action("pay_final", {S.APPROVED, S.PAYING}, S.PAID, {"finance"}, _("Pay the final instalment")),
        _action("close", {S.PAID}, S.CLOSED, {"staff"}, _("Close after the performance evaluation")),
    )
}


def actions_from(state: str, roles: frozenset[str] | set[str]) -> list[Action]:
    """The actions the given roles may take on an application in `state`."""
    return [a for a in ACTIONS.values() if state in a.sources and a.roles & set(roles)]


class IllegalTransition(Exception):
    """An action that the workflow does not allow from this state or for this role (message: Chinese)."""


class ConcurrentChange(Exception):
    """Someone else changed the application since the actor loaded it (message: Chinese)."""
