"""The demo of the achievements hall (see zerobay.demo.services.APP_DEMOS): achievements and demands
in every field of the industry plan, two challenge lists, and a year (2025) of matchmaking history
that reaches the counts of the district's annual report (000: 挖掘需求 196 项、匹配方案 119 个、
对接活动 11 场、合作意向 7 个、实质合作 11 个). Suggestions come from the real matching engine.
"""

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, Industry

from .engine import Matcher
from .models import (
    Achievement,
    ChallengeList,
    Demand,
    FollowUp,
    Match,
    MatchEvent,
    MatchStep,
    Stage,
    TransferMode,
    stage_of_trl,
)
from .ranking import achievement_doc, demand_doc

SOURCE = "demo"
YEAR = 2025
CATALOGUE = Path(__file__).parent / "data" / "demo_catalogue.json"
# The documents' counts for the year.
DEMANDS, INTRODUCED, EVENTS, INTENTIONS, CONTRACTS = 196, 119, 11, 7, 11
AT_EVENT = 30  # introduced matches brought to an event
PROJECTS = 4  # contracts that became conversion projects with follow-up
VARIANTS = ("", "及其装置", "（改进型）", "的工程化应用", "集成系统", "（二期）", "关键部件")
DEMAND_VARIANTS = (
    "",
    "（急）",
    "——寻求合作",
    "（二期需求）",
    "——产线改造",
    "（新项目）",
    "——联合攻关",
    "（扩产）",
    "——替代进口",
)
# What each variant of a catalogue item adds to its text, so that no two demo items read alike:
# {holder}, {trl}, {n}, {m} and {year} are filled per item.
VARIANT_TEXTS = {
    "": "{holder}团队历时{n}年完成，现处于技术成熟度{trl}级。",
    "及其装置": "在方法基础上研制了配套装置样机{m}台，已在{holder}中试平台连续运行{n}个月。",
    "（改进型）": "针对前一代方案的短板改进了核心算法与结构，关键指标提升约{m}%，由{holder}于{year}年完成验证。",
    "的工程化应用": "已在{m}家企业的生产现场开展工程化应用，累计运行{n}千小时，{holder}提供技术支持。",
    "集成系统": "将感知、控制与数据平台集成为一套系统，可按产线规模裁剪，已完成{m}个场景的联调。",
    "（二期）": "二期研究聚焦成本与可靠性，{holder}联合{m}家上下游单位推进，预计{year}年底形成定型产品。",
    "关键部件": "成果聚焦其中的关键部件，已申请发明专利{m}件，可单独许可或转让。",
}
DEMAND_TEXTS = {
    "": "需求方希望在{n}个月内完成验证，预算可面议。",
    "（急）": "现有供应商无法按期交付，需在{n}周内给出可行方案。",
    "——寻求合作": "欢迎高校院所以合作开发方式参与，需求方可提供测试场地与数据。",
    "（二期需求）": "一期已完成样机验证，二期需解决量产一致性问题，目标良率{m}%以上。",
    "——产线改造": "拟对现有{m}条产线进行改造，要求停线时间不超过{n}天。",
    "（新项目）": "为新立项产品配套，计划{year}年内完成技术选型。",
    "——联合攻关": "拟联合{m}家单位共同攻关，费用按贡献分担。",
    "（扩产）": "产能计划扩大{m}%，需要可复制的工艺与设备方案。",
    "——替代进口": "目前依赖进口，单价高、交期长，希望找到性能相当的国产方案。",
}
ACCOUNTS = (
    ("hall-tto", Role.TECH_TRANSFER, "技术转移机构（tech_transfer）：审核发布成果、导入、揭榜挂帅与对接活动"),
    ("hall-manager", Role.TECH_MANAGER, "技术经理人（tech_manager）：对接看板，推进需求与成果的对接漏斗"),
    ("hall-ent", Role.ENTERPRISE, "企业用户（enterprise）：发布和编辑本企业的技术需求"),
)


def _accounts(password: str, enterprise: Enterprise | None) -> dict[str, User]:
    users = {}
    for username, role, _desc in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role = role
        if role == Role.ENTERPRISE:
            user.enterprise = enterprise
        user.set_password(password)
        user.save()
        users[role] = user
    return users


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=tz)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max((end - start).days, 1)))


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    tracks = {
        i.code: i
        for i in Industry.objects.filter(level=Industry.Level.TRACK).select_related("parent__parent")
    }
    by_track: dict[str, list[Enterprise]] = {}
    for e in Enterprise.objects.prefetch_related("industries").order_by("uscc")[:3000]:
        for i in e.industries.all():
            by_track.setdefault(i.code, []).append(e)
    storage = by_track.get("ENER-STO-T") or [e for es in by_track.values() for e in es]
    users = _accounts(password, storage[0] if storage else None)
    logins = [(u, d) for u, _r, d in ACCOUNTS]
    if Achievement.objects.filter(source=SOURCE).exists():
        return logins
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    progress("成果大厅：生成科技成果、技术需求与对接漏斗……")
    with transaction.atomic():
        achievements = _achievements(data, tracks, users, rng)
        demands = _demands(data, tracks, by_track, users, rng)
        _challenges(demands, rng)
        events = _events(data, users, rng)
        _funnel(achievements, demands, events, users, rng)
        audit.record(
            "matching.demo.loaded",
            actor=None,
            object_type="demo",
            summary=f"成果大厅演示数据：成果 {len(achievements)} 项，需求 {len(demands)} 项",
        )
    return logins


def _achievements(data, tracks, users, rng) -> list[Achievement]:
    modes = [m.value for m in TransferMode]
    rows, n = [], 0
    for variant in VARIANTS:
        for t in data["achievements"]:
            n += 1
            track = tracks.get(t["track"])
            trl = max(1, min(9, t["trl"] + rng.choice((-1, 0, 0, 1)))) if variant else t["trl"]
            roll = rng.random()
            status = (
                Achievement.Status.PUBLISHED
                if roll < 0.8
                else Achievement.Status.REVIEW
                if roll < 0.88
                else Achievement.Status.DRAFT
                if roll < 0.94
                else Achievement.Status.TRANSFERRED
            )
            holder = rng.choice(data["holders"])
            published = _at(_day(rng, datetime.date(YEAR - 1, 6, 1), datetime.date(YEAR, 10, 1)), rng)
            rows.append(
                Achievement(
                    code=f"CG{YEAR}-{n:04d}",
                    title=t["title"] + variant,
                    abstract=t["abstract"]
                    + VARIANT_TEXTS[variant].format(
                        holder=holder, trl=trl, n=rng.randrange(2, 9), m=rng.randrange(3, 40), year=YEAR
                    ),
                    field=track.parent.parent if track else None,
                    field_text=track.parent.parent.name if track else "",
                    track=track,
                    trl=trl,
                    stage=stage_of_trl(trl),
                    holder=holder,
                    holder_kind="university" if "大学" in holder or "学院" in holder else "institute",
                    inventors="、".join(
                        rng.sample(["张伟", "王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊", "周敏"], 3)
                    ),
                    patents=f"ZL{YEAR - rng.randrange(1, 5)}1{rng.randrange(10**7, 10**8)}.{rng.randrange(10)}",
                    transfer_modes=",".join(sorted(rng.sample(modes, rng.randrange(1, 3)), key=modes.index)),
                    price_yuan=Decimal(rng.randrange(20, 800) * 10_000) if rng.random() < 0.7 else None,
                    contact="hall@zerobay.example",
                    keywords=t["keywords"],
                    status=status,
                    manager=users[Role.TECH_MANAGER] if rng.random() < 0.4 else None,
                    source=SOURCE,
                    published_at=published
                    if status in (Achievement.Status.PUBLISHED, Achievement.Status.TRANSFERRED)
                    else None,
                )
            )
    return Achievement.objects.bulk_create(rows)


def _demands(data, tracks, by_track, users, rng) -> list[Demand]:
    rows, n = [], 0
    everyone = [e for es in by_track.values() for e in es]
    for variant in DEMAND_VARIANTS:
        for t in data["demands"]:
            if n == DEMANDS:
                break
            n += 1
            track = tracks.get(t["track"])
            pool = by_track.get(t["track"]) or everyone
            enterprise = rng.choice(pool) if pool else None
            roll = rng.random()
            status = (
                Demand.Status.OPEN
                if roll < 0.8
                else Demand.Status.CLOSED
                if roll < 0.92
                else Demand.Status.DRAFT
            )
            rows.append(
                Demand(
                    code=f"XQ{YEAR}-{n:04d}",
                    title=t["title"] + variant,
                    description=t["description"]
                    + DEMAND_TEXTS[variant].format(
                        n=rng.randrange(2, 13), m=rng.randrange(2, 30), year=YEAR + 1
                    ),
                    field=track.parent.parent if track else None,
                    industry_text=track.parent.parent.name if track else "",
                    track=track,
                    enterprise=enterprise,
                    enterprise_name=enterprise.name if enterprise else "",
                    budget_yuan=Decimal(rng.randrange(10, 500) * 10_000),
                    cooperation=rng.choice(["合作开发", "技术转让", "技术许可", "委托开发", "技术服务"]),
                    deadline=datetime.date(YEAR + 1, rng.randrange(1, 13), 28),
                    status=status,
                    manager=users[Role.TECH_MANAGER] if rng.random() < 0.5 else None,
                    source=SOURCE,
                )
            )
    demands = Demand.objects.bulk_create(rows)
    # Raised through the year (the funnel counts demands by the day they were raised).
    for d in demands:
        d.created_at = _at(_day(rng, datetime.date(YEAR, 1, 6), datetime.date(YEAR, 9, 30)), rng)
        d.published_at = d.created_at if d.status != Demand.Status.DRAFT else None
    Demand.objects.bulk_update(demands, ["created_at", "published_at"])
    return demands


def _challenges(demands, rng) -> None:
    lists = [
        ("2025年第二批闵行区关键核心技术“揭榜挂帅”需求榜单", "闵行区", 8),
        ("“大零号湾”关键核心技术攻关需求榜单", "大零号湾", 3),
    ]
    open_ones = [d for d in demands if d.status == Demand.Status.OPEN]
    picked = rng.sample(open_ones, sum(n for _t, _i, n in lists))
    for title, issuer, n in lists:
        challenge = ChallengeList.objects.create(
            title=title,
            issuer=issuer,
            year=YEAR,
            batch=2,
            description="面向区内企业关键核心技术需求，公开征集解决方案，揭榜方入选后给予支持。",
            deadline=datetime.date(YEAR + 1, 3, 31),
            status=ChallengeList.Status.PUBLISHED,
            published_at=_at(datetime.date(YEAR, 9, 15), rng),
            source=SOURCE,
        )
        for d in picked[:n]:
            d.challenge, d.reward_yuan = challenge, Decimal(rng.choice((100, 200, 300, 500)) * 10_000)
        Demand.objects.bulk_update(picked[:n], ["challenge", "reward_yuan"])
        picked = picked[n:]


def _events(data, users, rng) -> list[MatchEvent]:
    days = sorted(_day(rng, datetime.date(YEAR, 3, 1), datetime.date(YEAR, 11, 20)) for _ in range(EVENTS))
    return MatchEvent.objects.bulk_create(
        MatchEvent(
            title=title,
            held_on=day,
            place=rng.choice(["大零号湾创新创业园", "上海交大闵行校区", "闵行区科委会议室", "紫竹高新区"]),
            participants="\n".join(
                rng.sample(["上海交通大学", "华东师范大学", "区内企业代表", "投资机构", "技术经理人"], 3)
            ),
            organiser=users[Role.TECH_TRANSFER],
            source=SOURCE,
        )
        for title, day in zip(data["events"], days, strict=False)
    )


def _funnel(achievements, demands, events, users, rng) -> None:
    """Suggestions from the engine; then the documents' counts through the stages."""
    published = [a for a in achievements if a.status == Achievement.Status.PUBLISHED]
    matcher = Matcher([achievement_doc(a) for a in published])
    by_code = {a.code: a for a in published}
    manager, office = users[Role.TECH_MANAGER], users[Role.TECH_TRANSFER]
    matches, steps = [], []
    candidates = [d for d in demands if d.status != Demand.Status.DRAFT]
    rng.shuffle(candidates)
    for d in candidates:
        for rank, hit in enumerate(matcher.search(demand_doc(d), top=3), start=1):
            matches.append(
                Match(
                    demand=d,
                    achievement=by_code[hit.key],
                    score=hit.score,
                    rank=rank,
                    reasons=list(hit.reasons),
                    manager=manager,
                )
            )
    matches = Match.objects.bulk_create(matches)
    firsts = [m for m in matches if m.rank == 1][:INTRODUCED]
    end = datetime.date(YEAR, 12, 20)
    moved: list[Match] = []
    for i, m in enumerate(firsts):
        start = m.demand.created_at.date()
        steps.append(
            MatchStep(match=m, stage=Stage.SUGGESTED, at=_at(start + datetime.timedelta(days=1), rng))
        )
        introduced = min(start + datetime.timedelta(days=rng.randrange(5, 20)), end)
        steps.append(MatchStep(match=m, stage=Stage.INTRODUCED, at=_at(introduced, rng), by=manager))
        m.stage = Stage.INTRODUCED
        if i < AT_EVENT:
            later = [e for e in events if e.held_on >= introduced] or events[-1:]
            m.event = later[0] if i % 3 else rng.choice(later)
            m.stage = Stage.EVENT
            steps.append(MatchStep(match=m, stage=Stage.EVENT, at=_at(m.event.held_on, rng), by=office))
            last = max(m.event.held_on, introduced)
            if i < INTENTIONS + CONTRACTS:
                last = min(last + datetime.timedelta(days=rng.randrange(7, 25)), end)
                m.stage = Stage.INTENTION
                steps.append(MatchStep(match=m, stage=Stage.INTENTION, at=_at(last, rng), by=manager))
            if i < CONTRACTS:
                last = min(last + datetime.timedelta(days=rng.randrange(10, 40)), end)
                m.stage = Stage.CONTRACT
                m.contract_value_yuan = Decimal(rng.randrange(30, 600) * 10_000)
                m.contract_registration = f"{YEAR}310112{rng.randrange(10**6, 10**7)}"
                m.contract_signed_on = last
                steps.append(MatchStep(match=m, stage=Stage.CONTRACT, at=_at(last, rng), by=manager))
            if i < PROJECTS:
                last = min(last + datetime.timedelta(days=rng.randrange(5, 20)), end)
                m.stage = Stage.PROJECT
                steps.append(MatchStep(match=m, stage=Stage.PROJECT, at=_at(last, rng), by=manager))
                FollowUp.objects.create(
                    match=m,
                    phase=FollowUp.Phase.CONCEPT,
                    on=last,
                    note="完成概念验证方案评审，进入样机研制。",
                    by=manager,
                )
        moved.append(m)
    moved_ids = {m.pk for m in moved}
    for m in matches:
        if m.pk not in moved_ids:
            steps.append(MatchStep(match=m, stage=Stage.SUGGESTED, at=_at(m.demand.created_at.date(), rng)))
    Match.objects.bulk_update(
        moved, ["stage", "event", "contract_value_yuan", "contract_registration", "contract_signed_on"]
    )
    MatchStep.objects.bulk_create(steps)


def wipe() -> int:
    n = Match.objects.filter(demand__source=SOURCE).count()
    Match.objects.filter(demand__source=SOURCE).delete()
    n += MatchEvent.objects.filter(source=SOURCE).delete()[0]
    n += Demand.objects.filter(source=SOURCE).delete()[0]
    n += ChallengeList.objects.filter(source=SOURCE).delete()[0]
    n += Achievement.objects.filter(source=SOURCE).delete()[0]
    # The demo accounts go too: the enterprise user holds a demo enterprise the panel wipe removes.
    n += User.objects.filter(username__in=[u for u, _r, _d in ACCOUNTS]).delete()[0]
    return n
