"""The demo data of policy programmes (see zerobay.demo.services.APP_DEMOS): one policy of the
Greater Zero Bay innovation area with 46 clauses, last year at the documents' scale (391
applications accepted, 184 projects approved in seven batches, 0.79 bn yuan paid within the year)
and this year at every stage: a call open today, applications waiting for the formal check or
returned for correction, reviews under way, a batch in public notice with an objection, projects
being paid and evaluated.

The clauses, calls and criteria come from zerobay/data/programs_demo.json (our own wording). The
applications are written in bulk, consistently with what the services would have written: each
state is reached through a recorded Transition for every step, amounts respect the clause caps,
payments stay within approvals and approvals within the budgets (budgets are set above what was
approved), the eligibility pre-check is the real check of the enterprise's facts. Deterministic
for a seed; a second run only resets the demo accounts' passwords.
"""

import datetime
import random
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.accounts.models import Notification, Role, User
from zerobay.data import read
from zerobay.registry.models import Enterprise, Industry, OrgUnit

from .eligibility import Checker, load_facts
from .models import (
    Application,
    ApprovalBatch,
    Call,
    Clause,
    ConflictOfInterest,
    ExpertProfile,
    Objection,
    Payment,
    PerformanceEvaluation,
    Policy,
    ReviewAssignment,
    ReviewCriterion,
    Score,
    Transition,
)
from .workflow import APPLICATION, State

S = State
WAN = Decimal(10_000)
DATA = "programs_demo"
# The published scale of last year (000_e00c020bf81a9b6b.txt).
LAST_YEAR_APPLICATIONS = 391
LAST_YEAR_APPROVED = 184
LAST_YEAR_PAID = Decimal(790_000_000)
LAST_YEAR_SPLIT = {"rejected": 40, "withdrawn": 12}  # the rest, reviewed and not approved
EXPERTS_PER_APPLICATION = 3
POOL_SIZE = 150  # candidate applicants drawn per clause
SCAN_SIZE = 600  # enterprises checked per clause to find them
BACKGROUND_EXPERTS = 10

ENTERPRISE_LOGIN = "qiye"
EXPERT_LOGINS = ("zhuanjia1", "zhuanjia2")
FINANCE_LOGIN = "caiwu"
ACCOUNTS = (
    (ENTERPRISE_LOGIN, Role.ENTERPRISE, "企业用户（enterprise），只能看到和办理本企业的政策申报"),
    (EXPERT_LOGINS[0], Role.EXPERT, "评审专家（expert），只能看到分配给自己的申报，可声明回避"),
    (EXPERT_LOGINS[1], Role.EXPERT, "评审专家（expert），与一家申报企业有任职关系（自动回避）"),
    (FINANCE_LOGIN, Role.FINANCE, "财务（finance），已立项项目的分期拨付与预算使用"),
)
BACKGROUND_PREFIX = "expert-demo-"
AFFILIATIONS = ("上海交通大学", "华东师范大学", "区科技创新服务中心", "市科学技术情报研究所", "上海理工大学")


def _demo_usernames() -> list[str]:
    return [a[0] for a in ACCOUNTS] + [
        f"{BACKGROUND_PREFIX}{i:02d}" for i in range(1, BACKGROUND_EXPERTS + 1)
    ]


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _round_up(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# ---------------------------------------------------------------------------- accounts


def _ensure_accounts(password: str) -> dict[str, User]:
    """Creates the demo logins (or resets their passwords). The enterprise user acts for a
    大零号湾 high-tech enterprise of the panel; None of them when the panel is not loaded."""
    users = {}
    for username, role, _description in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role = role
        user.is_active = True
        if role == Role.ENTERPRISE and user.enterprise_id is None:
            user.enterprise = _demo_company()
        user.set_password(password)
        user.save()
        users[username] = user
    return users


def _demo_company() -> Enterprise | None:
    """The enterprise of the demo's enterprise user: the first (by USCC) of 大零号湾 holding a
    high-tech certificate with a reported R&D intensity of at least 5% (it qualifies for a track
    clause), else the first of 大零号湾."""
    dlhw = OrgUnit.objects.filter(code="DLHW").first()
    if dlhw is None:
        return None
    candidates = Enterprise.objects.filter(org_path__startswith=dlhw.path).order_by("uscc")
    today = timezone.localdate()
    facts = load_facts(candidates.filter(qualifications__kind="hte").distinct()[:200], today)
    for pk, f in sorted(facts.items()):
        rd = f.figures.get("rd_intensity")
        if rd is not None and rd >= 6 and "hte" in f.qualifications and f.industries:
            return Enterprise.objects.get(pk=pk)
    return candidates.first()


# ---------------------------------------------------------------------------- the plan of the year


@dataclass
class Plan:
    """One application as it should end up, before it is written."""

    call: Call
    clause: Clause
    enterprise_id: int
    submitted: datetime.date
    path: list[str]  # the actions taken, in order
    requested: Decimal
    batch: ApprovalBatch | None = None
    approved: Decimal | None = None
    payments: list[tuple[datetime.date, Decimal]] = field(default_factory=list)
    expert_ids: list[int] = field(default_factory=list)
    sheets_done: int = 0  # how many of the experts have submitted their sheet
    quality: float = 0.0  # drives the scores: approved projects score higher
    evaluate_on: datetime.date | None = None
    correction_deadline: datetime.date | None = None
    objection: str = ""


class Builder:
    def __init__(self, seed: int, users: dict[str, User]):
        self.rnd = random.Random(seed * 7919 + 4)
        self.users = users
        self.today = timezone.localdate()
        self.this_year = self.today.year
        self.last_year = self.this_year - 1
        self.data = read(DATA)
        self.staff = User.objects.filter(username="admin").first()
        self.plans: list[Plan] = []
        self.counter: dict[int, int] = defaultdict(int)

    # ---- reference objects

    def policy_and_clauses(self) -> tuple[Policy, list[Clause]]:
        p = self.data["policy"]
        policy = Policy.objects.create(
            code=p["code"],
            title=p["title"],
            issuer=p["issuer"],
            document_no=p["document_no"],
            published_on=datetime.date(self.last_year - 1, 12, 20),
            valid_from=datetime.date(self.last_year, 1, 1),
            valid_to=datetime.date(self.this_year + 1, 12, 31),
            summary=p["summary"],
        )
        tracks = {i.code: i for i in Industry.objects.filter(level=Industry.Level.TRACK)}
        specs = [dict(c, track=None) for c in self.data["general_clauses"]]
        template = self.data["track_clause"]
        for code in self.data["track_clauses"]:
            if code in tracks:
                specs.append(
                    {
                        **template,
                        "title": template["title"].format(track=tracks[code].name),
                        "conditions": [{"kind": "track", "tracks": [code]}, *template["extra_conditions"]],
                        "track": tracks[code],
                    }
                )
        clauses = Clause.objects.bulk_create(
            [
                Clause(
                    policy=policy,
                    code=f"{p['code']}-{n:02d}",
                    number=n,
                    title=s["title"],
                    text=f"{s['title']}：{s['amount_rule']}，单个项目最高 {s['cap_wan']} 万元。",
                    support_type=s["support_type"],
                    amount_rule=s["amount_rule"],
                    amount_rate=Decimal(str(s["rate"])) if s.get("rate") else None,
                    amount_cap=Decimal(s["cap_wan"]) * WAN,
                    track=s["track"],
                    conditions=s["conditions"],
                    materials=s["materials"],
                )
                for n, s in enumerate(specs, start=1)
            ]
        )
        return policy, clauses

    def calls(self, policy: Policy, clauses: list[Clause]) -> list[tuple[Call, list, int]]:
        """(call, its batches' notice periods, year) for last year's calls and this year's."""
        spec = self.data["calls"]
        out = []
        for c in spec["last_year"]:
            day = lambda md: datetime.date(self.last_year, *map(int, md.split("-")))  # noqa: E731
            periods = [(day(a), day(b)) for a, b in c["batches"]]
            out.append((c, day(c["opens"]), day(c["closes"]), periods, self.last_year))
        for c in spec["this_year"]:
            day = lambda n: self.today + datetime.timedelta(days=n)  # noqa: E731
            periods = [(day(a), day(b)) for a, b in c["batches"]]
            out.append((c, day(c["opens"]), day(c["closes"]), periods, self.this_year))
        result = []
        for c, opens, closes, periods, year in out:
            call = Call.objects.create(
                code=f"{policy.code}-{year}-{c['number']}",
                title=spec["title"].format(year=year, number=c["number"]),
                policy=policy,
                opens_on=opens,
                closes_on=closes,
                budget=Decimal(1),  # set from what was approved, below
                correction_days=5,
                description="演示数据：面向园区企业的年度专项政策申报。",
                created_by=self.staff,
            )
            # Last year each call offered a third of the clauses (46 in all); this year all of them.
            offered = clauses[c["number"] - 1 :: 3] if year == self.last_year else clauses
            call.clauses.set(offered)
            ReviewCriterion.objects.bulk_create(
                [
                    ReviewCriterion(
                        call=call,
                        code=k["code"],
                        name=k["name"],
                        weight=Decimal(str(k["weight"])),
                        max_score=k["max_score"],
                        guidance=k["guidance"],
                    )
                    for k in self.data["criteria"]
                ]
            )
            result.append((call, periods, year))
        return result

    def experts(self) -> list[User]:
        pool = [self.users[u] for u in EXPERT_LOGINS]
        for i in range(1, BACKGROUND_EXPERTS + 1):
            user, created = User.objects.get_or_create(
                username=f"{BACKGROUND_PREFIX}{i:02d}",
                defaults={"role": Role.EXPERT, "last_name": "专家", "first_name": f"{i:02d}"},
            )
            if created:
                user.set_unusable_password()
                user.save()
            pool.append(user)
        tracks = list(Industry.objects.filter(level=Industry.Level.TRACK))
        for n, user in enumerate(pool):
            profile, _ = ExpertProfile.objects.get_or_create(
                user=user, defaults={"affiliation": AFFILIATIONS[n % len(AFFILIATIONS)]}
            )
            profile.tracks.set(self.rnd.sample(tracks, 3))
        return pool

    # ---- choosing applicants

    def eligible_pools(
        self, clauses: list[Clause], as_of: datetime.date, facts: dict
    ) -> dict[int, list[int]]:
        """Per clause, up to POOL_SIZE enterprises (drawn at random) whose pre-check does not fail:
        the ones that would apply. Checking a sample, not the whole register, keeps the demo fast."""
        order = sorted(facts)
        self.rnd.shuffle(order)
        pools = {}
        for clause in clauses:
            checker = Checker(clause.conditions)
            pool = []
            for pk in order[:SCAN_SIZE]:
                if checker.check(facts[pk], as_of).eligible is not False:
                    pool.append(pk)
                    if len(pool) == POOL_SIZE:
                        break
            pools[clause.pk] = sorted(pool)
        return pools

    def _pick(self, clauses, pools, taken, weights):
        for _attempt in range(50):
            clause = self.rnd.choices(clauses, weights=weights)[0]
            free = [e for e in pools[clause.pk] if (clause.pk, e) not in taken]
            if free:
                enterprise = self.rnd.choice(free)
                taken.add((clause.pk, enterprise))
                return clause, enterprise
        return None  # a small panel has too few eligible enterprises: the year is smaller

    def _requested(self, clause: Clause) -> Decimal:
        cap = clause.amount_cap
        return _round_up(cap * Decimal(str(self.rnd.uniform(0.55, 1.0))), Decimal(1000)).min(cap)

    # ---- last year: the documents' scale

    def plan_last_year(self, calls, pools):
        last = [(c, p) for c, p, y in calls if y == self.last_year]
        shares = (0.41, 0.31, 0.28)
        sizes = [round(LAST_YEAR_APPLICATIONS * s) for s in shares]
        sizes[-1] = LAST_YEAR_APPLICATIONS - sum(sizes[:-1])
        approved_per_batch = self._split(LAST_YEAR_APPROVED, sum(len(p) for _c, p in last))
        batch_index = 0
        taken = set()
        for (call, periods), size in zip(last, sizes, strict=True):
            clauses = list(call.clauses.all())
            # Research projects draw more applications than one-off rewards.
            weights = [3 if c.track_id or c.amount_cap >= 300 * WAN else 1 for c in clauses]
            n_approved = sum(approved_per_batch[batch_index : batch_index + len(periods)])
            rejected = round(LAST_YEAR_SPLIT["rejected"] * size / LAST_YEAR_APPLICATIONS)
            withdrawn = round(LAST_YEAR_SPLIT["withdrawn"] * size / LAST_YEAR_APPLICATIONS)
            outcomes = (
                ["approved"] * n_approved
                + ["rejected"] * rejected
                + ["withdrawn"] * withdrawn
                + ["declined"] * (size - n_approved - rejected - withdrawn)
            )
            self.rnd.shuffle(outcomes)
            approved_plans = []
            for outcome in outcomes:
                picked = self._pick(clauses, pools, taken, weights)
                if picked is None:
                    break
                clause, enterprise = picked
                submitted = call.opens_on + datetime.timedelta(
                    days=self.rnd.randint(0, (call.closes_on - call.opens_on).days)
                )
                plan = Plan(call, clause, enterprise, submitted, [], self._requested(clause))
                self._path_until(plan, outcome)
                self.plans.append(plan)
                if outcome == "approved":
                    approved_plans.append(plan)
            # Batches in order of score: the best go first.
            approved_plans.sort(key=lambda p: -p.quality)
            start = 0
            for period in periods:
                n = approved_per_batch[batch_index]
                for plan in approved_plans[start : start + n]:
                    plan.batch = period  # replaced by the batch object when written
                start += n
                batch_index += 1
        self._fit_last_year_amounts()

    def _split(self, total: int, parts: int) -> list[int]:
        base, extra = divmod(total, parts)
        return [base + (1 if i < extra else 0) for i in range(parts)]

    def _path_until(self, plan: Plan, outcome: str) -> None:
        """The actions of a finished application of last year, leading to `outcome`."""
        path = ["submit"]
        if self.rnd.random() < 0.15 and outcome != "withdrawn":
            path += ["return", "resubmit"]
        if outcome == "withdrawn":
            path.append("withdraw")
        elif outcome == "rejected":
            path.append("reject")
        else:
            path += ["pass_check", "start_review", "complete_review"]
            if outcome == "declined":
                path.append("decline")
                plan.quality = self.rnd.uniform(0.35, 0.72)
            else:
                path += ["propose", "approve"]
                plan.quality = self.rnd.uniform(0.70, 0.97)
            plan.sheets_done = EXPERTS_PER_APPLICATION
        plan.path = path

    def _fit_last_year_amounts(self) -> None:
        """Approved amounts (within request and cap) such that what was paid within last year is
        the published 0.79 bn: the first five batches were paid in full within the year, the last
        two got their first instalment (60%) then and the rest this year."""
        approved = [p for p in self.plans if p.batch is not None]
        batch_order = sorted({p.batch for p in approved})
        paid_share = {b: Decimal(1) if i < 5 else Decimal("0.6") for i, b in enumerate(batch_order)}
        base = {id(p): p.requested * Decimal(str(0.6 + 0.4 * p.quality)) for p in approved}

        def paid_at(k: Decimal) -> Decimal:
            return sum(
                (min(base[id(p)] * k, p.clause.amount_cap) * paid_share[p.batch] for p in approved),
                Decimal(0),
            )

        low, high = Decimal("0.1"), Decimal(50)
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if paid_at(mid) < LAST_YEAR_PAID else (low, mid)
        for p in approved:
            p.approved = _round_up(min(base[id(p)] * high, p.clause.amount_cap), Decimal(1000)).min(
                p.clause.amount_cap
            )
            p.requested = max(p.requested, p.approved)
            first = _money(p.approved * Decimal("0.6"))
            period_end = p.batch[1]
            paid1 = period_end + datetime.timedelta(days=20)
            if paid_share[p.batch] == 1:
                paid2 = min(period_end + datetime.timedelta(days=75), datetime.date(self.last_year, 12, 20))
                p.payments = [(paid1, first), (paid2, p.approved - first)]
            else:
                rest = min(datetime.date(self.this_year, 3, 18), self.today)
                p.payments = [(paid1, first), (rest, p.approved - first)]
            p.path += ["pay", "pay_final"]
            # Projects of the first call ended this summer: most have been evaluated.
            if batch_order.index(p.batch) < 3 and self.rnd.random() < 0.8:
                p.evaluate_on = datetime.date(self.this_year, 9, 1) + datetime.timedelta(
                    days=self.rnd.randint(0, 40)
                )
                if p.evaluate_on < self.today:
                    p.path.append("close")
                else:
                    p.evaluate_on = None

    # ---- this year: every stage

    def plan_this_year(self, calls, pools, company_id):
        (first, periods), (second, _none) = [(c, p) for c, p, y in calls if y == self.this_year]
        taken = set()
        clauses = list(first.clauses.all())
        weights = [3 if c.track_id or c.amount_cap >= 300 * WAN else 1 for c in clauses]
        # First call (closed): a finalised batch, a batch in notice, reviews under way.
        stages = (
            [("paid", 20), ("paying", 22), ("approved", 6)]  # batch 1 (finalised)
            + [("proposed", 28)]  # batch 2 (in notice)
            + [("reviewed", 10), ("in_review", 16), ("declined", 48), ("rejected", 14), ("withdrawn", 5)]
        )
        batch1, batch2 = periods
        for stage, n in stages:
            for _ in range(n):
                picked = self._pick(clauses, pools, taken, weights)
                if picked is None:
                    break
                clause, enterprise = picked
                plan = self._this_year_plan(first, clause, enterprise, stage, batch1, batch2)
                self.plans.append(plan)
        # Second call (open now): drafts, submissions waiting for the formal check, corrections.
        for stage, n in [("draft", 14), ("submitted", 24), ("returned", 8), ("checked", 9), ("withdrawn", 4)]:
            for _ in range(n):
                picked = self._pick(clauses, pools, taken, weights)
                if picked is None:
                    break
                clause, enterprise = picked
                self.plans.append(self._open_call_plan(second, clause, enterprise, stage))
        self._company_applications(first, second, company_id, batch1)

    def _this_year_plan(self, call, clause, enterprise, stage, batch1, batch2) -> Plan:
        submitted = call.opens_on + datetime.timedelta(
            days=self.rnd.randint(0, (call.closes_on - call.opens_on).days)
        )
        plan = Plan(call, clause, enterprise, submitted, ["submit"], self._requested(clause))
        if stage == "rejected":
            plan.path.append("reject")
            return plan
        if stage == "withdrawn":
            plan.path.append("withdraw")
            return plan
        plan.path += ["pass_check", "start_review"]
        plan.quality = (
            self.rnd.uniform(0.35, 0.72)
            if stage in ("declined", "in_review")
            else self.rnd.uniform(0.7, 0.97)
        )
        if stage == "in_review":
            plan.sheets_done = self.rnd.randint(0, EXPERTS_PER_APPLICATION - 1)
            return plan
        plan.sheets_done = EXPERTS_PER_APPLICATION
        plan.path.append("complete_review")
        if stage == "declined":
            plan.path.append("decline")
            return plan
        if stage == "reviewed":
            return plan
        plan.approved = _round_up(plan.requested * Decimal(str(0.6 + 0.4 * plan.quality)), Decimal(1000)).min(
            plan.clause.amount_cap
        )
        plan.path.append("propose")
        if stage == "proposed":
            plan.batch = batch2
            return plan
        plan.batch = batch1
        plan.path.append("approve")
        first_paid = batch1[1] + datetime.timedelta(days=25)
        if stage == "paying":
            plan.payments = [(first_paid, _money(plan.approved * Decimal("0.5")))]
            plan.path.append("pay")
        elif stage == "paid":
            plan.payments = [(first_paid, plan.approved)]
            plan.path.append("pay_final")
        return plan

    def _open_call_plan(self, call, clause, enterprise, stage) -> Plan:
        span = max((self.today - call.opens_on).days - 2, 0)
        submitted = call.opens_on + datetime.timedelta(days=self.rnd.randint(0, span))
        path = {
            "draft": [],
            "submitted": ["submit"],
            "returned": ["submit", "return"],
            "checked": ["submit", "pass_check"],
            "withdrawn": ["submit", "withdraw"],
        }[stage]
        plan = Plan(call, clause, enterprise, submitted, path, self._requested(clause))
        if stage == "returned":
            plan.correction_deadline = self.today + datetime.timedelta(days=self.rnd.randint(1, 5))
        return plan

    def _company_applications(self, first, second, company_id, batch1) -> None:
        """The demo enterprise's own applications: one being paid, one returned for correction
        (deadline in three days), one draft."""
        if company_id is None:
            return
        own = [c for c in first.clauses.all() if self._eligible(c, company_id)]
        if len(own) < 3:
            own = list(first.clauses.all())
        paying = self._this_year_plan(first, own[0], company_id, "paying", batch1, None)
        returned = self._open_call_plan(second, own[1], company_id, "returned")
        returned.correction_deadline = self.today + datetime.timedelta(days=3)
        draft = self._open_call_plan(second, own[2], company_id, "draft")
        self.plans += [paying, returned, draft]
        self.company_plans = [paying, returned, draft]

    def _eligible(self, clause: Clause, enterprise_id: int) -> bool:
        return Checker(clause.conditions).check(self.facts[enterprise_id], self.today).eligible is not False


# ---------------------------------------------------------------------------- writing


# Where each step leads: read from the declared workflow, never copied.
ACTION_TARGET = {a.name: a.target for a in APPLICATION.actions}
COMMENTS = {
    "return": "申报书缺少项目经费预算明细，请补正后重新提交",
    "reject": "不符合条款申报条件，形式审查不予通过",
    "withdraw": "企业主动撤回",
    "decline": "专家评审得分未达立项线",
    "pass_check": "材料齐全，形式审查通过",
}


class Writer:
    def __init__(self, builder: Builder, experts: list[User]):
        self.b = builder
        self.rnd = builder.rnd
        self.experts = experts
        self.finance = builder.users[FINANCE_LOGIN]

    def _code(self, year: int) -> str:
        self.b.counter[year] += 1
        return f"SQ{year}-{self.b.counter[year]:06d}"

    def _times(self, plan: Plan) -> list[tuple[str, datetime.date, User | None, str]]:
        """(action, day, actor, comment) of each step of the plan."""
        day = plan.submitted
        steps = []
        enterprise_user = self.b.users[ENTERPRISE_LOGIN] if plan.enterprise_id == self.company_id else None
        review_done = plan.call.closes_on + datetime.timedelta(days=self.rnd.randint(20, 30))
        payments = iter(plan.payments)
        for action in plan.path:
            actor = self.b.staff
            if action in ("submit", "resubmit", "withdraw"):
                actor = enterprise_user
            elif action == "return":
                day = day + datetime.timedelta(days=self.rnd.randint(2, 6))
                plan.correction_deadline = plan.correction_deadline or day + datetime.timedelta(days=5)
            elif action == "resubmit":
                day = min(day + datetime.timedelta(days=2), plan.correction_deadline)
            elif action in ("pass_check", "reject"):
                day = max(day, plan.call.closes_on) + datetime.timedelta(days=self.rnd.randint(1, 8))
            elif action == "start_review":
                day = day + datetime.timedelta(days=2)
            elif action == "complete_review":
                day, actor = max(day, review_done), None
            elif action == "decline":
                day = day + datetime.timedelta(days=10)
            elif action == "propose":
                day = max(day + datetime.timedelta(days=1), plan.batch[0] - datetime.timedelta(days=3))
            elif action == "approve":
                day = plan.batch[1] + datetime.timedelta(days=1)
            elif action in ("pay", "pay_final"):
                day, _amount = next(payments)
                actor = self.finance
            elif action == "close":
                day = plan.evaluate_on
            steps.append((action, min(day, self.b.today), actor, COMMENTS.get(action, "")))
        return steps

    def write(self, policy: Policy, calls, company_id: int | None) -> dict:
        self.company_id = company_id
        plans = self.b.plans
        batches = self._batches(policy, calls)
        apps, transitions = [], []
        steps_of = []
        for plan in plans:
            steps = self._times(plan)
            steps_of.append(steps)
            state = ACTION_TARGET[plan.path[-1]] if plan.path else S.DRAFT
            clause = plan.clause
            if clause.pk not in self.b.checkers:
                self.b.checkers[clause.pk] = Checker(clause.conditions)
            checker = self.b.checkers[clause.pk]
            facts = self.b.facts.on(plan.enterprise_id, plan.submitted)
            eligibility = checker.check(facts, plan.submitted).as_json() if plan.path else {}
            year = plan.call.opens_on.year
            start = plan.call.closes_on + datetime.timedelta(days=60)
            apps.append(
                Application(
                    code=self._code(year),
                    call=plan.call,
                    clause=clause,
                    enterprise_id=plan.enterprise_id,
                    org_path=self.b.paths[plan.enterprise_id],
                    applicant=self.b.users[ENTERPRISE_LOGIN] if plan.enterprise_id == company_id else None,
                    title=f"{clause.title}（{year}）",
                    summary="围绕条款支持方向开展的研发与产业化项目（演示数据）。",
                    requested_amount=plan.requested,
                    project_start=start,
                    project_end=start + datetime.timedelta(days=365),
                    contact="张经理 021-5555 0000",
                    targets=[
                        {"name": "新增营业收入", "unit": "万元", "target": int(plan.requested / WAN * 5)},
                        {"name": "新增发明专利申请", "unit": "件", "target": self.rnd.randint(2, 8)},
                    ],
                    state=state,
                    version=len(plan.path) + 1,
                    eligibility=eligibility,
                    correction_deadline=plan.correction_deadline if state == S.RETURNED else None,
                    submitted_at=_at(steps[0][1]) if steps else None,
                    batch=batches.get(plan.batch),
                    approved_amount=plan.approved
                    if "approve" in plan.path or "propose" in plan.path
                    else None,
                    paid_amount=sum((a for _d, a in plan.payments), Decimal(0))
                    if "pay" in plan.path or "pay_final" in plan.path
                    else Decimal(0),
                )
            )
        for app, plan in zip(apps, plans, strict=True):
            app.created_at = _at(plan.submitted - datetime.timedelta(days=2), 9)
        with _keeping_times(Application, "created_at"):
            apps = Application.objects.bulk_create(apps, batch_size=500)
        for app, steps in zip(apps, steps_of, strict=True):
            state = S.DRAFT
            for n, (action, day, actor, comment) in enumerate(steps):
                target = ACTION_TARGET[action]
                transitions.append(
                    Transition(
                        application=app,
                        actor=actor,
                        action=action,
                        from_state=state,
                        to_state=target,
                        comment=comment,
                        at=_at(day, 9 + n % 8, (app.pk * 7 + n * 13) % 60),
                    )
                )
                state = target
        with _keeping_times(Transition, "at"):
            transitions = Transition.objects.bulk_create(transitions, batch_size=1000)
        self._reviews(apps, plans, steps_of)
        self._payments(apps, plans)
        self._evaluations(apps, plans)
        self._objection(apps, plans, batches)
        self._budgets(policy, calls)
        return {"applications": len(apps), "transitions": len(transitions), "batches": len(batches)}

    def _batches(self, policy: Policy, calls) -> dict:
        out = {}
        number = 0
        for _call, periods, year in calls:
            for _n, (start, end) in enumerate(periods):
                number += 1
                state = ApprovalBatch.State.NOTICE if end >= self.b.today else ApprovalBatch.State.FINAL
                batch = ApprovalBatch.objects.create(
                    code=f"{policy.code}-LX{year}-{number:02d}",
                    title=f"{year}年度大零号湾专项政策第{_batch_number(out, year)}批立项",
                    policy=policy,
                    number=_batch_number(out, year),
                    state=state,
                    notice_from=start,
                    notice_to=end,
                    finalised_at=_at(end + datetime.timedelta(days=1), 16)
                    if state == ApprovalBatch.State.FINAL
                    else None,
                    created_by=self.b.staff,
                )
                out[(start, end)] = batch
        return out

    def _reviews(self, apps, plans, steps_of) -> None:
        criteria = defaultdict(list)
        for c in ReviewCriterion.objects.filter(call__in={p.call.pk for p in plans}):
            criteria[c.call_id].append(c)
        conflicted = {e: set(ids) for e, ids in _conflicts(self.experts).items()}
        assignments, sheet_scores = [], []
        scored_per_call = defaultdict(list)
        for app, plan, steps in zip(apps, plans, steps_of, strict=True):
            if "start_review" not in plan.path:
                continue
            started = next(day for a, day, _u, _c in steps if a == "start_review")
            eligible = [e for e in self.experts if app.enterprise_id not in conflicted.get(e.pk, ())]
            chosen = self.rnd.sample(eligible, EXPERTS_PER_APPLICATION)
            if plan.sheets_done < EXPERTS_PER_APPLICATION:  # reviews under way: the demo experts have work
                logins = [e for e in eligible if e.username in EXPERT_LOGINS]
                chosen = (logins + [e for e in chosen if e not in logins])[:EXPERTS_PER_APPLICATION]
            totals = []
            for i, expert in enumerate(chosen):
                done = i >= EXPERTS_PER_APPLICATION - plan.sheets_done
                a = ReviewAssignment(
                    application=app,
                    expert=expert,
                    assigned_by=self.b.staff,
                    assigned_at=_at(started, 15),
                    opinion=_opinion(plan.quality) if done else "",
                    submitted_at=_at(started + datetime.timedelta(days=7 + i), 11) if done else None,
                )
                scores = []
                if done:
                    total = Decimal(0)
                    for c in criteria[app.call_id]:
                        value = Decimal(
                            str(
                                round(
                                    min(
                                        c.max_score,
                                        max(0, c.max_score * (plan.quality + self.rnd.uniform(-0.08, 0.08))),
                                    ),
                                    1,
                                )
                            )
                        )
                        scores.append((c, value))
                        total += value * c.weight * 100 / c.max_score
                    a.total = total.quantize(Decimal("0.01"))
                    totals.append(a.total)
                assignments.append(a)
                sheet_scores.append(scores)
            if plan.sheets_done == EXPERTS_PER_APPLICATION:
                app.score = (sum(totals) / len(totals)).quantize(Decimal("0.01"))
                scored_per_call[app.call_id].append(app)
        with _keeping_times(ReviewAssignment, "assigned_at"):
            assignments = ReviewAssignment.objects.bulk_create(assignments, batch_size=1000)
        Score.objects.bulk_create(
            [
                Score(assignment=a, criterion=c, score=v)
                for a, scores in zip(assignments, sheet_scores, strict=True)
                for c, v in scores
            ],
            batch_size=2000,
        )
        for ranked in scored_per_call.values():
            ranked.sort(key=lambda a: (-a.score, a.code))
            for rank, app in enumerate(ranked, start=1):
                app.rank = rank
        Application.objects.bulk_update(
            [a for r in scored_per_call.values() for a in r], ["score", "rank"], batch_size=500
        )

    def _payments(self, apps, plans) -> None:
        rows = []
        for app, plan in zip(apps, plans, strict=True):
            for n, (day, amount) in enumerate(plan.payments, start=1):
                rows.append(
                    Payment(
                        application=app,
                        instalment=n,
                        amount=amount,
                        paid_on=day,
                        reference=f"BF{day:%Y%m%d}{app.pk:05d}{n}",
                        created_by=self.finance,
                    )
                )
        Payment.objects.bulk_create(rows, batch_size=1000)

    def _evaluations(self, apps, plans) -> None:
        rows = []
        for app, plan in zip(apps, plans, strict=True):
            if "close" not in plan.path:
                continue
            ratio = 0.3 + 0.8 * plan.quality * self.rnd.uniform(0.7, 1.1)
            if self.rnd.random() < 0.06:  # a few projects fall well short of their targets
                ratio *= 0.7
            outcomes = [{**t, "actual": round(t["target"] * ratio, 1)} for t in app.targets]
            score = Decimal(str(round(min(100, 100 * ratio), 1)))
            grade = "优秀" if score >= 90 else "良好" if score >= 80 else "合格" if score >= 60 else "不合格"
            recover = grade == "不合格"
            rows.append(
                PerformanceEvaluation(
                    application=app,
                    evaluated_on=plan.evaluate_on,
                    outcomes=outcomes,
                    score=score,
                    grade=grade,
                    follow_up=PerformanceEvaluation.FollowUp.RECOVER
                    if recover
                    else PerformanceEvaluation.FollowUp.NONE,
                    recovered_amount=_money(app.approved_amount * Decimal("0.2")) if recover else Decimal(0),
                    note="考核指标未完成，按协议追回部分资金" if recover else "",
                    evaluator=self.b.staff,
                )
            )
        PerformanceEvaluation.objects.bulk_create(rows)

    def _objection(self, apps, plans, batches) -> None:
        """One pending objection in the batch under notice, and one upheld last year."""
        in_notice = [a for a, p in zip(apps, plans, strict=True) if a.state == S.PROPOSED]
        if in_notice:
            app = in_notice[len(in_notice) // 2]
            Objection.objects.create(
                batch=app.batch,
                application=app,
                raised_by="匿名来信（联系电话已登记）",
                text="反映该企业申报的研发投入数据与实际不符，请核实。",
            )

    def _budgets(self, policy: Policy, calls) -> None:
        """Budgets above what was proposed and approved, so the approval check passes and there
        is room left for the open call and the reviews still under way."""
        committed = Application.objects.filter(call__policy=policy, approved_amount__isnull=False)
        step = Decimal(1_000_000)
        by_clause = defaultdict(Decimal)
        by_call = defaultdict(Decimal)
        for clause_id, call_id, amount in committed.values_list("clause_id", "call_id", "approved_amount"):
            by_clause[clause_id] += amount
            by_call[call_id] += amount
        for clause in Clause.objects.filter(policy=policy):
            clause.budget = _round_up(by_clause[clause.pk] * Decimal("1.3") + clause.amount_cap * 4, step)
            clause.save(update_fields=["budget"])
        total = Decimal(0)
        for call, _periods, _year in calls:
            call.budget = _round_up(max(by_call[call.pk] * Decimal("1.15"), Decimal(150_000_000)), step * 10)
            call.save(update_fields=["budget"])
            total += call.budget
        policy.budget = _round_up(total * Decimal("1.1"), step * 100)
        policy.save(update_fields=["budget"])


@contextmanager
def _keeping_times(model, field_name: str):
    """bulk_create stamps an auto_now_add field with the current time: while loading the demo's
    past year, keep the times the rows were given instead (the demo runs alone, in its command)."""
    field = model._meta.get_field(field_name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _batch_number(existing: dict, year: int) -> int:
    return sum(1 for b in existing.values() if b.code.split("-LX")[1].startswith(str(year))) + 1


def _opinion(quality: float) -> str:
    if quality >= 0.85:
        return "技术路线清晰，创新性突出，产业化前景好，建议优先支持。"
    if quality >= 0.7:
        return "项目基础较好，考核指标明确，建议支持。"
    if quality >= 0.55:
        return "项目有一定创新性，但实施方案和预算需进一步细化。"
    return "创新性不足，预期成效不明确，不建议支持。"


def _conflicts(experts: list[User]) -> dict[int, list[int]]:
    out = defaultdict(list)
    for expert_id, enterprise_id in ConflictOfInterest.objects.filter(expert__in=experts).values_list(
        "expert_id", "enterprise_id"
    ):
        out[expert_id].append(enterprise_id)
    for user_id, enterprise_id in ExpertProfile.objects.filter(
        user__in=experts, affiliated_enterprise__isnull=False
    ).values_list("user_id", "affiliated_enterprise_id"):
        out[user_id].append(enterprise_id)
    return out


# ---------------------------------------------------------------------------- entry points


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    logins = [(username, description) for username, _role, description in ACCOUNTS]
    if not Enterprise.objects.exists():
        progress("政策申报演示数据：企业库为空，跳过")
        return []
    users = _ensure_accounts(password)
    if Policy.objects.filter(code=read(DATA)["policy"]["code"]).exists():
        return logins
    with transaction.atomic():
        counts = _build(seed, users)
    progress(
        f"政策申报：1 项政策、{counts['clauses']} 条条款、{counts['calls']} 个申报批次、"
        f"{counts['applications']} 份申报、{counts['batches']} 个立项批次"
    )
    return logins


def _build(seed: int, users: dict[str, User]) -> dict:
    b = Builder(seed, users)
    company = users[ENTERPRISE_LOGIN].enterprise
    policy, clauses = b.policy_and_clauses()
    calls = b.calls(policy, clauses)
    experts = b.experts()
    # The second expert works for an enterprise of the panel (a tie the system enforces), the
    # first declared a conflict with another one.
    tied = list(Enterprise.objects.filter(org_path__startswith="MH/ZJMH/DLHW/").order_by("uscc")[5:7])
    if len(tied) == 2:
        ExpertProfile.objects.filter(user=users[EXPERT_LOGINS[1]]).update(
            affiliated_enterprise=tied[0], affiliation=f"{tied[0].name}（技术顾问）"
        )
        ConflictOfInterest.objects.get_or_create(
            expert=users[EXPERT_LOGINS[0]],
            enterprise=tied[1],
            defaults={"reason": "近三年内曾为该企业提供有偿咨询"},
        )
    b.paths = dict(Enterprise.objects.values_list("pk", "org_path"))
    b.checkers = {}
    last_day = datetime.date(b.last_year, 3, 1)
    facts_last = load_facts(Enterprise.objects.all(), last_day)
    facts_now = b.facts = load_facts(Enterprise.objects.all(), b.today)
    # Who would apply is drawn once, from today's facts; each pre-check is then stored as of its day.
    pools_now = b.eligible_pools(clauses, b.today, facts_now)
    b.plan_last_year(calls, pools_now)
    b.company_plans = []
    b.plan_this_year(calls, pools_now, company.pk if company else None)
    # Eligibility is stored as checked on the day of submission: facts of that year.
    b.facts = _FactsByYear(facts_last, facts_now, b.last_year)
    writer = Writer(b, experts)
    counts = writer.write(policy, calls, company.pk if company else None)
    _notify_company(users[ENTERPRISE_LOGIN], company)
    audit.record(
        "programs.demo.loaded",
        actor=None,
        obj=policy,
        summary=f"演示数据：{counts['applications']} 份申报",
        changes=counts,
    )
    return {**counts, "clauses": len(clauses), "calls": len(calls)}


class _FactsByYear:
    """facts[enterprise] for the check at submission: last year's facts for last year's days."""

    def __init__(self, last, now, last_year):
        self.last, self.now, self.last_year = last, now, last_year

    def __getitem__(self, pk):
        return self.now[pk]

    def on(self, pk, day):
        return self.last[pk] if day.year <= self.last_year else self.now[pk]


def _notify_company(user: User, company: Enterprise | None) -> None:
    if company is None:
        return
    rows = []
    for app in Application.objects.filter(enterprise=company).select_related("clause"):
        link = f"/programs/applications/{app.code}/"
        if app.state == S.RETURNED:
            rows.append(
                Notification(
                    user=user,
                    kind="programs.returned",
                    title=f"申报 {app.code} 被退回补正",
                    body=f"请于 {app.correction_deadline} 前补正后重新提交。",
                    link=link,
                )
            )
        elif app.state == S.PAYING:
            rows.append(
                Notification(
                    user=user, kind="programs.paid", title=f"项目 {app.code} 已拨付第一期资金", link=link
                )
            )
    Notification.objects.bulk_create(rows)


def wipe() -> int:
    """Removes the demo policy with everything under it, and the demo's accounts."""
    policies = Policy.objects.filter(code=read(DATA)["policy"]["code"])
    apps = Application.objects.filter(call__policy__in=policies)
    count = apps.count()
    Payment.objects.filter(application__in=apps).delete()
    Objection.objects.filter(batch__policy__in=policies).delete()
    apps.delete()  # transitions, assignments, scores, attachments, evaluations cascade
    ApprovalBatch.objects.filter(policy__in=policies).delete()
    Call.objects.filter(policy__in=policies).delete()
    Clause.objects.filter(policy__in=policies).delete()  # invitations cascade
    policies.delete()
    users = User.objects.filter(username__in=_demo_usernames())
    ReviewAssignment.objects.filter(expert__in=users).delete()
    users.delete()
    return count
