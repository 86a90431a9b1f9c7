"""Publishing: achievements go draft → pending review → published → withdrawn or transferred (the
tech-transfer office reviews); demands go draft → open → closed. Every move is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify

from .access import can_edit_achievement, can_edit_demand, can_review
from .models import Achievement, ChallengeList, Demand

A = Achievement.Status
# action -> (allowed from, to, who may: "owner" = whoever may edit it, "office" = the tech-transfer office)
ACHIEVEMENT_ACTIONS = {
    "submit": ((A.DRAFT,), A.REVIEW, "owner"),
    "publish": ((A.REVIEW, A.DRAFT, A.WITHDRAWN), A.PUBLISHED, "office"),
    "return": ((A.REVIEW,), A.DRAFT, "office"),
    "withdraw": ((A.PUBLISHED,), A.WITHDRAWN, "office"),
    "transferred": ((A.PUBLISHED,), A.TRANSFERRED, "office"),
}
ACTION_LABELS = {
    "submit": "提交审核",
    "publish": "审核通过并发布",
    "return": "退回修改",
    "withdraw": "撤回",
    "transferred": "标记为已转化",
    "open": "发布需求",
    "close": "关闭需求",
}

D = Demand.Status
DEMAND_ACTIONS = {
    "open": ((D.DRAFT,), D.OPEN),
    "close": ((D.OPEN,), D.CLOSED),
}


def achievement_actions(user, achievement: Achievement) -> list[str]:
    """The moves `user` may make on `achievement` now."""
    out = []
    for action, (sources, _to, who) in ACHIEVEMENT_ACTIONS.items():
        if achievement.status not in sources:
            continue
        if (who == "office" and can_review(user)) or (
            who == "owner" and can_edit_achievement(user, achievement)
        ):
            out.append(action)
    return out


def move_achievement(achievement: Achievement, action: str, *, user, note: str = "") -> Achievement:
    if action not in ACHIEVEMENT_ACTIONS:
        raise ValidationError(f"未知的操作“{action}”")
    if action not in achievement_actions(user, achievement):
        if achievement.status not in ACHIEVEMENT_ACTIONS[action][0]:
            raise ValidationError(
                f"成果“{achievement.code}”当前状态为“{achievement.get_status_display()}”，不能{ACTION_LABELS[action]}"
            )
        raise PermissionDenied
    old = achievement.status
    with transaction.atomic():
        achievement.status = ACHIEVEMENT_ACTIONS[action][1]
        if achievement.status == A.PUBLISHED:
            achievement.published_at = timezone.now()
        achievement.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(
            f"matching.achievement.{action}",
            actor=user,
            obj=achievement,
            summary=f"成果 {achievement.code}：{ACTION_LABELS[action]}" + (f"（{note}）" if note else ""),
            changes={"status": [old, achievement.status]},
        )
        if action == "submit":
            notify(
                User.objects.filter(role=Role.TECH_TRANSFER, is_active=True),
                title=f"待审核成果：{achievement.title}"[:200],
                link=f"/hall/achievements/{achievement.code}/",
                kind="matching.review",
            )
        elif achievement.created_by_id and achievement.created_by_id != getattr(user, "pk", None):
            notify(
                [achievement.created_by],
                title=f"成果“{achievement.title}”：{ACTION_LABELS[action]}"[:200],
                body=note,
                link=f"/hall/achievements/{achievement.code}/",
                kind=f"matching.{action}",
            )
    return achievement


def demand_actions(user, demand: Demand) -> list[str]:
    if not can_edit_demand(user, demand):
        return []
    return [a for a, (sources, _to) in DEMAND_ACTIONS.items() if demand.status in sources]


def move_demand(demand: Demand, action: str, *, user) -> Demand:
    if action not in DEMAND_ACTIONS:
        raise ValidationError(f"未知的操作“{action}”")
    if not can_edit_demand(user, demand):
        raise PermissionDenied
    sources, to = DEMAND_ACTIONS[action]
    if demand.status not in sources:
        raise ValidationError(
            f"需求“{demand.code}”当前状态为“{demand.get_status_display()}”，不能{ACTION_LABELS[action]}"
        )
    old = demand.status
    with transaction.atomic():
        demand.status = to
        if to == D.OPEN:
            demand.published_at = timezone.now()
        demand.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(
            f"matching.demand.{action}",
            actor=user,
            obj=demand,
            summary=f"需求 {demand.code}：{ACTION_LABELS[action]}",
            changes={"status": [old, to]},
        )
    return demand


def publish_challenge(challenge: ChallengeList, *, user) -> ChallengeList:
    """Publishes a challenge list and opens its demands."""
    if not can_review(user):
        raise PermissionDenied
    if challenge.status != ChallengeList.Status.DRAFT:
        raise ValidationError(f"榜单“{challenge.title}”已发布")
    now = timezone.now()
    with transaction.atomic():
        challenge.status, challenge.published_at = ChallengeList.Status.PUBLISHED, now
        challenge.save(update_fields=["status", "published_at"])
        challenge.demands.filter(status=D.DRAFT).update(status=D.OPEN, published_at=now)
        audit.record(
            "matching.challenge.publish", actor=user, obj=challenge, summary=f"发布榜单：{challenge.title}"
        )
    return challenge
