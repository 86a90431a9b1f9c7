"""The matchmaking funnel: the engine suggests achievements for a demand; a technology manager
introduces them, brings the parties to a matchmaking event, records the intention, the technology
contract (value, registration) and the conversion project with its follow-up. Every move is a
MatchStep (the funnel's history, which the dashboard counts) and an audit record."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.accounts.notifications import notify

from .access import can_work_funnel, public_achievements
from .models import STAGE_ORDER, Demand, FollowUp, Match, MatchEvent, MatchStep, Stage
from .ranking import achievements_for_demand

SUGGESTIONS = 10


def suggest(demand: Demand, *, user, top: int = SUGGESTIONS) -> list[Match]:
    """Ranks the published achievements for `demand` and stores the top ones as suggestions.
    Matches already further down the funnel keep their stage; their score and reasons are refreshed."""
    if user is not None and not can_work_funnel(user):
        raise PermissionDenied
    hits = achievements_for_demand(demand, public_achievements(), top=top)
    by_code = {a.code: a for a in public_achievements().filter(code__in=[h.key for h in hits])}
    out = []
    with transaction.atomic():
        for rank, hit in enumerate(hits, start=1):
            match, created = Match.objects.update_or_create(
                demand=demand,
                achievement=by_code[hit.key],
                defaults={"score": round(hit.score, 4), "rank": rank, "reasons": list(hit.reasons)},
            )
            if created:
                match.manager = demand.manager
                match.save(update_fields=["manager"])
                MatchStep.objects.create(match=match, stage=Stage.SUGGESTED, at=timezone.now(), by=user)
            out.append(match)
        audit.record(
            "matching.suggest",
            actor=user,
            obj=demand,
            summary=f"需求 {demand.code}：推荐成果 {len(out)} 项",
            changes={"achievements": [m.achievement.code for m in out]},
        )
    return out


def next_stages(match: Match) -> list[str]:
    """Where the match may go from here: forward, skipping stages that did not happen (a contract
    may follow an introduction without an event), but a conversion project only from a contract."""
    if match.stage == Stage.CONTRACT:
        return [Stage.PROJECT]
    if match.stage == Stage.PROJECT:
        return []
    return [s for s in STAGE_ORDER[match.stage_index + 1 :] if s != Stage.PROJECT]


@dataclass
class ContractTerms:
    value_yuan: Decimal
    registration: str
    signed_on: datetime.date


def advance(
    match: Match,
    to: str,
    *,
    user,
    note: str = "",
    event: MatchEvent | None = None,
    contract: ContractTerms | None = None,
    at: datetime.datetime | None = None,
) -> Match:
    """Moves `match` to stage `to`. An event stage needs the event; a contract needs its value and date."""
    if user is not None and not can_work_funnel(user):
        raise PermissionDenied
    if to not in STAGE_ORDER:
        raise ValidationError(f"未知的阶段“{to}”")
    if to not in next_stages(match):
        raise ValidationError(
            f"匹配“{match}”当前处于“{match.get_stage_display()}”，不能转到“{Stage(to).label}”"
        )
    if to == Stage.EVENT and event is None:
        raise ValidationError("对接活动阶段须选择对接活动")
    if to == Stage.CONTRACT:
        if contract is None or contract.value_yuan is None or contract.value_yuan <= 0:
            raise ValidationError("技术合同须填写合同金额（大于 0）")
        if contract.signed_on is None:
            raise ValidationError("技术合同须填写签订日期")
    old = match.stage
    with transaction.atomic():
        match.stage, match.dismissed = to, False
        if event is not None:
            match.event = event
        if contract is not None and to == Stage.CONTRACT:
            match.contract_value_yuan = contract.value_yuan
            match.contract_registration = contract.registration
            match.contract_signed_on = contract.signed_on
        if match.manager_id is None and user is not None:
            match.manager = user
        match.save()
        MatchStep.objects.create(match=match, stage=to, at=at or timezone.now(), by=user, note=note[:500])
        audit.record(
            f"matching.funnel.{to}",
            actor=user,
            obj=match,
            summary=f"{match.demand.code} ↔ {match.achievement.code}：{Stage(old).label} → {Stage(to).label}",
            changes={"stage": [old, to]}
            | (
                {"contract_value_yuan": [None, str(match.contract_value_yuan)]}
                if to == Stage.CONTRACT
                else {}
            ),
        )
        if to == Stage.INTRODUCED and match.demand.enterprise_id:
            notify(
                match.demand.enterprise.users.filter(is_active=True),
                title=f"您的需求“{match.demand.title}”有推荐成果：{match.achievement.title}"[:200],
                link=f"/hall/achievements/{match.achievement.code}/",
                kind="matching.introduced",
            )
    return match


def dismiss(match: Match, *, user) -> Match:
    if not can_work_funnel(user):
        raise PermissionDenied
    if match.stage != Stage.SUGGESTED:
        raise ValidationError("只能忽略尚未推介的推荐")
    match.dismissed = True
    match.save(update_fields=["dismissed", "updated_at"])
    audit.record("matching.funnel.dismiss", actor=user, obj=match, summary=f"忽略推荐 {match}")
    return match


def add_follow_up(match: Match, *, user, phase: str, on: datetime.date, note: str) -> FollowUp:
    if not can_work_funnel(user):
        raise PermissionDenied
    if match.stage != Stage.PROJECT:
        raise ValidationError("只有转化项目才能记录跟踪情况")
    if phase not in FollowUp.Phase.values:
        raise ValidationError(f"未知的项目阶段“{phase}”")
    if not note.strip():
        raise ValidationError("请填写跟踪情况")
    with transaction.atomic():
        follow = FollowUp.objects.create(match=match, phase=phase, on=on, note=note.strip(), by=user)
        audit.record(
            "matching.follow_up",
            actor=user,
            obj=match,
            summary=f"转化项目 {match} 跟踪：{FollowUp.Phase(phase).label}",
        )
    return follow


# ---------------------------------------------------------------- the dashboard


FUNNEL_STEPS = ("demands", "introduced", "events", "intentions", "contracts")
FUNNEL_LABELS = {
    "demands": "挖掘需求",
    "introduced": "匹配方案",
    "events": "对接活动",
    "intentions": "合作意向",
    "contracts": "实质合作",
}


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def funnel_querysets(year: int) -> dict:
    """What each figure of the funnel counts, as the documents count it (000: 挖掘需求 196 项、匹配方案
    119 个、对接活动 11 场、合作意向 7 个、实质合作 11 个): demands raised in the year; matches introduced
    (a solution put to the enterprise) in the year; events held; matches that reached an intention in
    the year and went no further; matches that signed a technology contract in the year."""
    start, end = year_bounds(year)

    def reached(stage):
        return Q(steps__stage=stage, steps__at__gte=start, steps__at__lt=end)

    further = [Stage.CONTRACT, Stage.PROJECT]
    return {
        "demands": Demand.objects.filter(created_at__gte=start, created_at__lt=end),
        "introduced": Match.objects.filter(reached(Stage.INTRODUCED)).distinct(),
        "events": MatchEvent.objects.filter(held_on__year=year),
        "intentions": Match.objects.filter(reached(Stage.INTENTION)).exclude(stage__in=further).distinct(),
        "contracts": Match.objects.filter(reached(Stage.CONTRACT)).distinct(),
    }


def funnel_counts(year: int) -> list[dict]:
    sets = funnel_querysets(year)
    return [{"key": k, "label": FUNNEL_LABELS[k], "count": sets[k].count()} for k in FUNNEL_STEPS]


def stage_counts() -> dict[str, int]:
    """Matches at each stage now (dismissed suggestions left out)."""
    rows = Match.objects.filter(dismissed=False).values("stage").annotate(n=Count("id")).order_by()
    counts = {r["stage"]: r["n"] for r in rows}
    return {s: counts.get(s, 0) for s in STAGE_ORDER}
