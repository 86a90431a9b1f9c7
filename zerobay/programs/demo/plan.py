"""The plan of each year: which enterprises apply under which clause, and how far each application
goes (the path of workflow actions it takes), at the documents' scale."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.data import read
from zerobay.registry.models import Industry

from ..eligibility import Checker
from ..models import (
    ApprovalBatch,
    Call,
    Clause,
    ExpertProfile,
    Policy,
    ReviewCriterion,
)
from .setting import (
    AFFILIATIONS,
    BACKGROUND_EXPERTS,
    BACKGROUND_PREFIX,
    DATA,
    EXPERT_LOGINS,
    EXPERTS_PER_APPLICATION,
    LAST_YEAR_APPLICATIONS,
    LAST_YEAR_APPROVED,
    LAST_YEAR_PAID,
    LAST_YEAR_SPLIT,
    POOL_SIZE,
    SCAN_SIZE,
    WAN,
    _money,
    _round_up,
)

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
