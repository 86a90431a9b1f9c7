"""Performance evaluation (绩效评价) at a project's end: committed targets against outcomes.

The score is the mean completion rate of the targets (each capped at 100 %); the grade follows the
usual bands of the district's evaluations: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
        raise IllegalTransition(_("Only district administrators and operators can evaluate performance."))
    if application.state != State.PAID:
        raise IllegalTransition(
            _("The application %(code)s is not fully paid: its performance cannot be evaluated yet.")
            % {"code": application.code}
        )
    if hasattr(application, "evaluation"):
        raise ProgramError(
            _("The performance of the application %(code)s has already been evaluated.")
            % {"code": application.code}
        )
    if follow_up not in PerformanceEvaluation.FollowUp.values:
        raise ProgramError(_("The follow-up “%(value)s” is not valid.") % {"value": follow_up})
    if not application.targets:
        raise ProgramError(
            _("The application %(code)s has no committed performance targets.") % {"code": application.code}
        )
    actual = {str(o.get("name", "")).strip(): o.get("actual") for o in outcomes}
    rows, rates = [], []
    for t in application.targets:
        if actual.get(t["name"]) in (None, ""):
            raise ProgramError(
                _("The performance target “%(name)s” has no achieved value.") % {"name": t["name"]}
            )
        done = number(
            actual[t["name"]],
            _("The achieved value “%(value)s” of the performance target “%(name)s” is not a number.")
            % {"name": t["name"], "value": actual[t["name"]]},
        )
        target = number(
            t["target"],
            _("The target value “%(value)s” of the performance target “%(name)s” is not a number.")
            % {"name": t["name"], "value": t["target"]},
        )
        rate = Decimal(100) if target <= 0 else min(done / target * 100, Decimal(100))
        rates.append(max(rate, Decimal(0)))
        rows.append({**t, "actual": float(done), "completion": float(rate.quantize(Decimal("0.1")))})
    score = (sum(rates) / len(rates)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    recovered = number(
        recovered_amount or 0,
        _("The amount to recover “%(value)s” is not a valid number") % {"value": recovered_amount},
    )
    if recovered < 0 or recovered > application.paid_amount:
        raise ProgramError(
            _("The amount to recover %(amount)s must be between 0 and the amount paid %(paid)s")
            % {"amount": yuan(recovered), "paid": yuan(application.paid_amount)}
        )
    if recovered and follow_up != PerformanceEvaluation.FollowUp.RECOVER:
        raise ProgramError(_("With an amount to recover, the follow-up should be “recover the funds”."))
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
