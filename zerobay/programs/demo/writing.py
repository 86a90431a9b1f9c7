"""Writing the plans in bulk, as the services would have written them: applications with a
recorded Transition for every step (targets read from the declared workflow), reviews, batches,
payments, evaluations, objections and budgets."""

import datetime
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal

from zerobay.accounts.models import User

from ..eligibility import Checker
from ..models import (
    Application,
    ApprovalBatch,
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
from ..workflow import APPLICATION
from .plan import Builder, Plan
from .setting import (
    ENTERPRISE_LOGIN,
    EXPERT_LOGINS,
    EXPERTS_PER_APPLICATION,
    FINANCE_LOGIN,
    WAN,
    S,
    _at,
    _money,
    _round_up,
)

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
