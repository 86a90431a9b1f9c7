"""Publishing in the hall, declared on the shared workflow mechanism (`zerobay.workflow`).

Achievements go draft → pending review → published → withdrawn or transferred (the tech-transfer
office reviews); demands go draft → open → closed; challenge lists draft → published (which opens
their demands). Every move goes through `zerobay.workflow.move`: the table, the actor's roles, the
step's audit record and the notifications.

Roles of the hall's tables (derived from the user in `roles_for_*`):
  owner   whoever may edit the item (its enterprise while not yet published, and the office)
  office  the tech-transfer office (district admins included)
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from zerobay import workflow as mechanism
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify
from zerobay.workflow import State, action

from .access import can_edit_achievement, can_edit_demand, can_review
from .models import Achievement, ChallengeList, Demand
from .services import house

A, D, C = Achievement.Status, Demand.Status, ChallengeList.Status

ACTION_LABELS = {
    "submit": pgettext_lazy("hall", "Submit for review"),  # 提交审核
    "publish": pgettext_lazy("hall", "Approve and publish"),  # 审核通过并发布
    "return": pgettext_lazy("hall", "Return for changes"),  # 退回修改
    "withdraw": pgettext_lazy("hall", "Withdraw"),  # 撤回
    "transferred": pgettext_lazy("hall", "Mark as transferred"),  # 标记为已转化
    "open": pgettext_lazy("hall", "Publish the demand"),  # 发布需求
    "close": pgettext_lazy("hall", "Close the demand"),  # 关闭需求
}
# "{object}当前状态为“{state}”，不能{action}": the hall's sentence for a step not possible now.
WRONG_STATE = pgettext_lazy("hall", "{object} is now “{state}”; it cannot: {action}")


def _published_at(obj, step) -> dict:
    """Publishing stamps the time (kept when the item leaves the published state)."""
    if step.target in (A.PUBLISHED, D.OPEN, C.PUBLISHED):
        return {"published_at": timezone.now()}
    return {}


def _achievement_summary(a: Achievement, step, from_state: str, note: str) -> str:
    summary = pgettext("hall", "achievement {code}: {action}").format(code=a.code, action=step.label)
    return _("{summary} ({note})").format(summary=summary, note=note) if note else summary


def _achievement_notify(a: Achievement, step, from_state: str, user, note: str, body: str) -> None:
    link = f"/hall/achievements/{a.code}/"
    if step.name == "submit":
        notify(
            User.objects.filter(role=Role.TECH_TRANSFER, is_active=True),
            title=house("Achievement to review: {title}", title=a.title)[:200],
            link=link,
            kind="matching.review",
        )
    elif a.created_by_id and a.created_by_id != getattr(user, "pk", None):
        notify(
            [a.created_by],
            title=house("Achievement “{title}”: {action}", title=a.title, action=step.label)[:200],
            body=note,
            link=link,
            kind=f"matching.{step.name}",
        )


ACHIEVEMENT = mechanism.Workflow(
    audit_name="matching.achievement",
    model=Achievement,
    field="status",
    states=(
        State(A.DRAFT, A.DRAFT.label, "grey"),
        State(A.REVIEW, A.REVIEW.label, "amber"),
        State(A.PUBLISHED, A.PUBLISHED.label, "green"),
        State(A.WITHDRAWN, A.WITHDRAWN.label, "grey"),
        State(A.TRANSFERRED, A.TRANSFERRED.label, "grey"),
    ),
    actions=(
        action("submit", {A.DRAFT}, A.REVIEW, {"owner"}, ACTION_LABELS["submit"]),
        action(
            "publish", {A.REVIEW, A.DRAFT, A.WITHDRAWN}, A.PUBLISHED, {"office"}, ACTION_LABELS["publish"]
        ),
        action("return", {A.REVIEW}, A.DRAFT, {"office"}, ACTION_LABELS["return"]),
        action("withdraw", {A.PUBLISHED}, A.WITHDRAWN, {"office"}, ACTION_LABELS["withdraw"]),
        action("transferred", {A.PUBLISHED}, A.TRANSFERRED, {"office"}, ACTION_LABELS["transferred"]),
    ),
    describe=lambda a: pgettext("hall", "achievement “{code}”").format(code=a.code),
    rules=_published_at,
    after=_achievement_notify,
    summary=_achievement_summary,
    wrong_state=WRONG_STATE,
)

DEMAND = mechanism.Workflow(
    audit_name="matching.demand",
    model=Demand,
    field="status",
    states=(
        State(D.DRAFT, D.DRAFT.label, "amber"),
        State(D.OPEN, D.OPEN.label, "green"),
        State(D.CLOSED, D.CLOSED.label, "grey"),
    ),
    actions=(
        action("open", {D.DRAFT}, D.OPEN, {"owner"}, ACTION_LABELS["open"]),
        action("close", {D.OPEN}, D.CLOSED, {"owner"}, ACTION_LABELS["close"]),
    ),
    describe=lambda d: pgettext("hall", "demand “{code}”").format(code=d.code),
    rules=_published_at,
    summary=lambda d, step, _from, _note: pgettext("hall", "demand {code}: {action}").format(
        code=d.code, action=step.label
    ),
    wrong_state=WRONG_STATE,
)


def _open_demands(challenge: ChallengeList, step, from_state, user, note, body) -> None:
    challenge.demands.filter(status=D.DRAFT).update(status=D.OPEN, published_at=challenge.published_at)


CHALLENGE = mechanism.Workflow(
    audit_name="matching.challenge",
    model=ChallengeList,
    field="status",
    states=(
        State(C.DRAFT, C.DRAFT.label, "grey"),
        State(C.PUBLISHED, C.PUBLISHED.label, "green"),
        State(C.CLOSED, C.CLOSED.label, "grey"),
    ),
    actions=(
        action("publish", {C.DRAFT}, C.PUBLISHED, {"office"}, pgettext_lazy("hall", "Publish the list")),
    ),
    describe=lambda c: pgettext("hall", "challenge list “{title}”").format(title=c.title),
    rules=_published_at,
    after=_open_demands,
    summary=lambda c, *_args: pgettext("hall", "Challenge list published: {title}").format(title=c.title),
    wrong_state=pgettext_lazy("hall", "{object} is already published"),
)


def roles_for_achievement(user, achievement: Achievement) -> set[str]:
    roles = set()
    if can_review(user):
        roles.add("office")
    if can_edit_achievement(user, achievement):
        roles.add("owner")
    return roles


def roles_for_demand(user, demand: Demand) -> set[str]:
    return {"owner"} if can_edit_demand(user, demand) else set()


def achievement_actions(user, achievement: Achievement) -> list[str]:
    """The moves `user` may make on `achievement` now."""
    return [
        a.name for a in ACHIEVEMENT.actions_from(achievement.status, roles_for_achievement(user, achievement))
    ]


def move_achievement(achievement: Achievement, action: str, *, user, note: str = "") -> Achievement:
    return mechanism.move(
        ACHIEVEMENT,
        achievement,
        action,
        actor=user,
        roles=roles_for_achievement(user, achievement),
        comment=note,
    )


def demand_actions(user, demand: Demand) -> list[str]:
    return [a.name for a in DEMAND.actions_from(demand.status, roles_for_demand(user, demand))]


def move_demand(demand: Demand, action: str, *, user) -> Demand:
    return mechanism.move(DEMAND, demand, action, actor=user, roles=roles_for_demand(user, demand))


def publish_challenge(challenge: ChallengeList, *, user) -> ChallengeList:
    """Publishes a challenge list and opens its demands."""
    roles = {"office"} if can_review(user) else set()
    return mechanism.move(CHALLENGE, challenge, "publish", actor=user, roles=roles)
