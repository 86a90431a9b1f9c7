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
from django.utils.translation import pgettext, pgettext_lazy

from zerobay import workflow as mechanism
from zerobay.accounts import audit
from zerobay.accounts.notifications import notify
from zerobay.workflow import Refusal, State, action

from .access import can_work_funnel, public_achievements
from .models import STAGE_ORDER, Demand, FollowUp, Match, MatchEvent, MatchStep, Stage
from .ranking import achievements_for_demand
from .services import house

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
            summary=house("demand {code}: {n} achievements suggested", code=demand.code, n=len(out)),
            changes={"achievements": [m.achievement.code for m in out]},
        )
    return out


def _sources(to: str) -> set[str]:
    """Forward, skipping stages that did not happen (a contract may follow an introduction without an
    event), but a conversion project only from a contract."""
    if to == Stage.PROJECT:
        return {Stage.CONTRACT}
    before = STAGE_ORDER[: STAGE_ORDER.index(to)]
    return {s for s in before if s not in (Stage.CONTRACT, Stage.PROJECT)}


def _record_step(match: Match, step, from_state: str, user, note: str, at) -> None:
    MatchStep.objects.create(
        match=match, stage=step.target, at=at or timezone.now(), by=user, note=note[:500]
    )


def _notify_introduced(match: Match, step, from_state: str, user, note: str, body: str) -> None:
    if step.target == Stage.INTRODUCED and match.demand.enterprise_id:
        title = house(
            "Your demand “{demand}” has a suggested achievement: {achievement}",
            demand=match.demand.title,
            achievement=match.achievement.title,
        )
        notify(
            match.demand.enterprise.users.filter(is_active=True),
            title=title[:200],
            link=f"/hall/achievements/{match.achievement.code}/",
            kind="matching.introduced",
        )


# The funnel as a declared workflow: one action per stage reached, named after it (so the audit
# records read matching.funnel.<stage>). Hall staff move it; the platform (no user: the demo) too.
FUNNEL = mechanism.Workflow(
    audit_name="matching.funnel",
    model=Match,
    field="stage",
    states=tuple(State(s.value, s.label, "blue") for s in Stage),  # the pages show every stage in blue
    actions=tuple(
        action(s.value, _sources(s.value), s.value, {"staff", "system"}, s.label)
        for s in Stage
        if s != Stage.SUGGESTED
    ),
    describe=lambda m: f"{m.demand.code} ↔ {m.achievement.code}",
    record_step=_record_step,
    after=_notify_introduced,
    wrong_state=pgettext_lazy("hall", "Match “{object}” is at “{state}”; it cannot go to “{action}”"),
)


def next_stages(match: Match) -> list[str]:
    """Where the match may go from here (see FUNNEL)."""
    return [a.target for a in FUNNEL.actions_from(match.stage, {"staff", "system"})]


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
        raise ValidationError(pgettext("hall", "Unknown stage “{stage}”").format(stage=to))

    def terms(current: Match, step) -> dict:
        if to == Stage.EVENT and event is None:
            raise Refusal(pgettext("hall", "A matchmaking event stage needs the event"))
        fields: dict = {"dismissed": False}
        if to == Stage.CONTRACT:
            if contract is None or contract.value_yuan is None or contract.value_yuan <= 0:
                raise Refusal(pgettext("hall", "A technology contract needs its value (above 0)"))
            if contract.signed_on is None:
                raise Refusal(pgettext("hall", "A technology contract needs the date it was signed"))
            fields |= {
                "contract_value_yuan": contract.value_yuan,
                "contract_registration": contract.registration,
                "contract_signed_on": contract.signed_on,
            }
        if event is not None:
            fields["event"] = event
        if current.manager_id is None and user is not None:
            fields["manager"] = user
        return fields

    roles = {"system"} if user is None else {"staff"}
    return mechanism.move(FUNNEL, match, to, actor=user, roles=roles, comment=note, at=at, rules=terms)


def dismiss(match: Match, *, user) -> Match:
    if not can_work_funnel(user):
        raise PermissionDenied
    if match.stage != Stage.SUGGESTED:
        raise Refusal(pgettext("hall", "Only suggestions not yet introduced can be dismissed"))
    match.dismissed = True
    match.save(update_fields=["dismissed", "updated_at"])
    audit.record(
        "matching.funnel.dismiss",
        actor=user,
        obj=match,
        summary=house("Suggestion dismissed: {match}", match=match),
    )
    return match


def add_follow_up(match: Match, *, user, phase: str, on: datetime.date, note: str) -> FollowUp:
    if not can_work_funnel(user):
        raise PermissionDenied
    if match.stage != Stage.PROJECT:
        raise Refusal(pgettext("hall", "Only conversion projects have follow-ups"))
    if phase not in FollowUp.Phase.values:
        raise Refusal(pgettext("hall", "Unknown project phase “{phase}”").format(phase=phase))
    if not note.strip():
        raise Refusal(pgettext("hall", "Fill in the follow-up"))
    with transaction.atomic():
        follow = FollowUp.objects.create(match=match, phase=phase, on=on, note=note.strip(), by=user)
        audit.record(
            "matching.follow_up",
            actor=user,
            obj=match,
            summary=house(
                "Conversion project {match} follow-up: {phase}",
                match=match,
                phase=FollowUp.Phase(phase).label,
            ),
        )
    return follow


# ---------------------------------------------------------------- the dashboard


FUNNEL_STEPS = ("demands", "introduced", "events", "intentions", "contracts")
FUNNEL_LABELS = {
    "demands": pgettext_lazy("hall funnel", "Demands found"),  # 挖掘需求
    "introduced": pgettext_lazy("hall funnel", "Solutions matched"),  # 匹配方案
    "events": pgettext_lazy("hall funnel", "Matchmaking events"),  # 对接活动
    "intentions": pgettext_lazy("hall funnel", "Intentions"),  # 合作意向
    "contracts": pgettext_lazy("hall funnel", "Cooperations"),  # 实质合作
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
    return [{"key": k, "label": str(FUNNEL_LABELS[k]), "count": sets[k].count()} for k in FUNNEL_STEPS]


def stage_counts() -> dict[str, int]:
    """Matches at each stage now (dismissed suggestions left out)."""
    rows = Match.objects.filter(dismissed=False).values("stage").annotate(n=Count("id")).order_by()
    counts = {r["stage"]: r["n"] for r in rows}
    return {s: counts.get(s, 0) for s in STAGE_ORDER}
