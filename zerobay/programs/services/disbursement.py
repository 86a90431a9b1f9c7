"""Disbursement in instalments against the approved amount, and budget usage.

A payment locks the application row, checks the sum against the approved amount and adds to
`paid_amount` in the same transaction; the database's check constraint (paid ≤ approved) is the last
guard, so concurrent payments can never exceed the approval.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from zerobay.accounts.audit import record

from ..models import Application, Payment
from ..workflow import IllegalTransition, State
from .access import actor_roles
from .applications import lock, move
from .approval import COMMITTED_STATES
from .errors import ProgramError
from .money import CENT, positive_amount, yuan

PAYABLE_STATES = (State.APPROVED, State.PAYING)


def pay(
    application: Application,
    amount,
    paid_on: datetime.date,
    user,
    *,
    reference: str = "",
    final: bool = False,
    expected_version: int | None = None,
) -> Payment:
    """Pays one instalment (finance only). The final instalment, or one that reaches the approved
    amount, moves the application to "paid"."""
    if "finance" not in actor_roles(user, application):
        raise IllegalTransition(_("Only finance officers can record payments."))
    amount = positive_amount(amount, _("Payment amount"))
    try:
        with transaction.atomic():
            current = lock(application, expected_version)
            if current.state not in PAYABLE_STATES:
                raise IllegalTransition(
                    _("The application %(code)s cannot be paid in its state.") % {"code": current.code}
                )
            remaining = current.approved_amount - current.paid_amount
            if amount > remaining:
                raise ProgramError(
                    _(
                        "The payment %(amount)s exceeds the amount left to pay %(remaining)s "
                        "(approved %(approved)s, paid %(paid)s)"
                    )
                    % {
                        "amount": yuan(amount),
                        "remaining": yuan(remaining),
                        "approved": yuan(current.approved_amount),
                        "paid": yuan(current.paid_amount),
                    }
                )
            instalment = current.payments.count() + 1
            payment = Payment.objects.create(
                application=current,
                instalment=instalment,
                amount=amount,
                paid_on=paid_on,
                reference=(reference or "").strip()[:100],
                created_by=user,
            )
            paid = current.paid_amount + amount
            last = final or paid == current.approved_amount
            move(
                application,
                "pay_final" if last else "pay",
                user,
                {"finance"},
                comment=f"第 {instalment} 笔拨付 {yuan(amount)}" + ("（最后一笔）" if last else ""),
                changes={"paid_amount": paid},
                notify_body=f"第 {instalment} 笔拨付 {yuan(amount)}，累计 {yuan(paid)}",
            )
            record(
                "programs.payment.created",
                actor=user,
                obj=payment,
                org_unit_path=current.org_path,
                summary=f"{current.code} 第 {instalment} 笔拨付 {yuan(amount)}",
                changes={"paid_amount": [str(current.paid_amount), str(paid)]},
            )
    except IntegrityError as exc:  # the database's own guard: paid ≤ approved, one row per instalment
        raise ProgramError(
            _("Payment refused: the total paid cannot exceed the approved amount (%(error)s)")
            % {"error": exc.__class__.__name__}
        ) from None
    return payment


def budget_usage(*, call=None, clause=None, policy=None) -> dict:
    """{"budget", "committed" (proposed + approved), "approved", "paid", "available"} in yuan for
    one call, clause or policy (budget None: none set)."""
    if sum(x is not None for x in (call, clause, policy)) != 1:
        raise ProgramError(_("Name one call, clause or policy."))
    if call is not None:
        scope, budget = {"call": call}, call.budget
    elif clause is not None:
        scope, budget = {"clause": clause}, clause.budget
    else:
        scope, budget = {"call__policy": policy}, policy.budget
    apps = Application.objects.filter(state__in=COMMITTED_STATES, **scope)
    return usage_figures(budget, apps.aggregate(**USAGE_SUMS))


def budget_usages(objs, key: str) -> list[dict]:
    """`budget_usage` of each of `objs` (calls, clauses or policies: `key` "call", "clause" or
    "policy"), summed in one grouped query rather than one per object."""
    group = {"call": "call_id", "clause": "clause_id", "policy": "call__policy_id"}[key]
    sums = {
        row[group]: row
        for row in Application.objects.filter(state__in=COMMITTED_STATES)
        .values(group)
        .annotate(**USAGE_SUMS)
        .order_by()
    }
    return [usage_figures(obj.budget, sums.get(obj.pk, {})) for obj in objs]


# The sums of committed applications a budget usage is made of (aggregate or annotate them).
USAGE_SUMS = {
    "proposed": Sum("approved_amount", filter=Q(state=State.PROPOSED)),
    "approved": Sum("approved_amount", filter=~Q(state=State.PROPOSED)),
    "paid": Sum("paid_amount"),
}


def usage_figures(budget, sums: dict) -> dict:
    """The usage dict of `budget_usage` from the USAGE_SUMS of the committed applications."""
    proposed, approved, paid = (sums.get(k) or Decimal(0) for k in ("proposed", "approved", "paid"))
    usage = {
        "budget": budget,
        "proposed": proposed,
        "approved": approved,
        "committed": proposed + approved,
        "paid": paid,
        "available": None if budget is None else budget - proposed - approved,
    }
    return {k: None if v is None else Decimal(v).quantize(CENT) for k, v in usage.items()}
