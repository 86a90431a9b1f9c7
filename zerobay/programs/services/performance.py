"""Performance evaluation (绩效评价) at a project's end: committed targets against outcomes.

The score is the mean completion rate of the targets (each capped at 100 %); the grade follows the
usual bands of the district's evaluations: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from zerobay.accounts.audit import record

from ..models import Application, PerformanceEvaluation
from ..workflow import IllegalTransition, State
from .access import actor_roles
from .errors import ProgramError
from .money import number, yuan

GRADES = ((Decimal(90), "优秀"), (Decimal(80), "良好"), (Decimal(60), "合格"), (Decimal(0), "不合格"))


def grade(score: Decimal) -> str:
    return next(name for floor, name in GRADES if score >= floor)


def evaluate(
    application: Application,
    outcomes: list[dict],
    user,
    *,
    follow_up: str = "none",
    recovered_amount=0,
    note: str = "",
) -> PerformanceEvaluation:
    """Records the evaluation of a fully paid project: `outcomes` gives the actual value of each
    committed target, by name ([{"name", "actual"}]). The application can then be closed."""
    if "staff" not in actor_roles(user, application):
        raise IllegalTransition("只有管理人员可以进行绩效评价")
    if application.state != State.PAID:
        raise IllegalTransition(f"申报 {application.code} 尚未全部拨付，不能进行绩效评价")
    if hasattr(application, "evaluation"):
        raise ProgramError(f"申报 {application.code} 已完成绩效评价")
    if follow_up not in PerformanceEvaluation.FollowUp.values:
        raise ProgramError(f"后续处理“{follow_up}”无效")
    if not application.targets:
        raise ProgramError(f"申报 {application.code} 没有承诺的绩效目标")
    actual = {str(o.get("name", "")).strip(): o.get("actual") for o in outcomes}
    rows, rates = [], []
    for t in application.targets:
        if actual.get(t["name"]) in (None, ""):
            raise ProgramError(f"绩效目标“{t['name']}”未填写完成值")
        done = number(actual[t["name"]], f"绩效目标“{t['name']}”的完成值“{actual[t['name']]}”不是数字")
        target = number(t["target"], f"绩效目标“{t['name']}”的目标值“{t['target']}”不是数字")
        rate = Decimal(100) if target <= 0 else min(done / target * 100, Decimal(100))
        rates.append(max(rate, Decimal(0)))
        rows.append({**t, "actual": float(done), "completion": float(rate.quantize(Decimal("0.1")))})
    score = (sum(rates) / len(rates)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    recovered = number(recovered_amount or 0, f"追回金额“{recovered_amount}”不是有效的数字")
    if recovered < 0 or recovered > application.paid_amount:
        raise ProgramError(
            f"追回金额 {yuan(recovered)} 须在 0 至已拨付金额 {yuan(application.paid_amount)} 之间"
        )
    if recovered and follow_up != PerformanceEvaluation.FollowUp.RECOVER:
        raise ProgramError("填写了追回金额时，后续处理应为“追回资金”")
    with transaction.atomic():
        evaluation = PerformanceEvaluation.objects.create(
            application=application,
            evaluated_on=timezone.localdate(),
            outcomes=rows,
            score=score,
            grade=grade(score),
            follow_up=follow_up,
            recovered_amount=recovered,
            note=(note or "").strip(),
            evaluator=user,
        )
        record(
            "programs.evaluation.created",
            actor=user,
            obj=evaluation,
            org_unit_path=application.org_path,
            summary=f"{application.code} 绩效评价 {score} 分（{evaluation.grade}）",
            changes={"follow_up": follow_up, "recovered_amount": str(recovered)},
        )
    return evaluation
