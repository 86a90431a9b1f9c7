"""Approval batches (立项批次): proposed amounts, the public notice (公示), objections, finalisation.

No approval goes beyond a budget: a proposal is checked against the remaining budget of its call,
its clause and its policy (counting what is already proposed or approved) while the policy, clause
and call rows are locked, in that order, so concurrent proposals are serialised and cannot both
take the last yuan.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay import workflow
from zerobay.accounts.audit import record

from ..models import Application, ApprovalBatch, Call, Clause, Objection, Policy
from ..workflow import BATCH, IllegalTransition, State
from .access import actor_roles, can_manage
from .applications import house, lock, move
from .errors import ProgramError
from .money import positive_amount, wan, yuan

# States whose amount counts against a budget.
COMMITTED_STATES = (State.PROPOSED, State.APPROVED, State.PAYING, State.PAID, State.CLOSED)


def create_batch(policy: Policy, *, title: str, user) -> ApprovalBatch:
    _require_manager(user)
    title = (title or "").strip()
    if not title:
        raise ProgramError(_("Fill in the batch name"))
    with transaction.atomic():
        Policy.objects.select_for_update().get(pk=policy.pk)  # numbers batches one at a time
        number = (policy.batches.aggregate(n=Max("number"))["n"] or 0) + 1
        batch = ApprovalBatch.objects.create(
            code=f"{policy.code}-B{number:02d}"[:32],
            title=title[:200],
            policy=policy,
            number=number,
            created_by=user,
        )
        record(
            "programs.batch.created",
            actor=user,
            obj=batch,
            summary=house("Approval batch {code} created: {title}", code=batch.code, title=title),
        )
    return batch


def committed(**scope) -> Decimal:
    """Sum of proposed and approved amounts of the applications matching `scope` (call=, clause=, call__policy=)."""
    total = Application.objects.filter(state__in=COMMITTED_STATES, **scope).aggregate(
        s=Sum("approved_amount")
    )["s"]
    return total or Decimal(0)


def propose(
    batch: ApprovalBatch, application: Application, amount, user, *, expected_version=None
) -> Application:
    """Puts a reviewed application into the batch with the amount to approve (reviewed → proposed)."""
    if "staff" not in actor_roles(user, application):
        raise IllegalTransition(_("Only managers can propose an approved amount"))
    amount = positive_amount(amount, _("The approved amount"))
    if batch.policy_id != application.call.policy_id:
        raise ProgramError(
            _("Application {code} is not under the policy of the batch “{batch}”").format(
                code=application.code, batch=batch.title
            )
        )
    with transaction.atomic():
        # Lock order: policy, clause, call, application — the same in every writer.
        policy = Policy.objects.select_for_update().get(pk=batch.policy_id)
        clause = Clause.objects.select_for_update().get(pk=application.clause_id)
        call = Call.objects.select_for_update().get(pk=application.call_id)
        current = lock(application, expected_version)
        if ApprovalBatch.objects.get(pk=batch.pk).state != ApprovalBatch.State.DRAFT:
            raise IllegalTransition(
                _("The batch “{batch}” is in public notice or approved; no project can be added").format(
                    batch=batch.title
                )
            )
        if amount > current.requested_amount:
            raise ProgramError(
                _("The approved amount {amount} is above the requested amount {requested}").format(
                    amount=wan(amount), requested=wan(current.requested_amount)
                )
            )
        if clause.amount_cap is not None and amount > clause.amount_cap:
            raise ProgramError(
                _(
                    "The approved amount {amount} is above the project cap {cap} of the clause “{clause}”"
                ).format(amount=wan(amount), cap=wan(clause.amount_cap), clause=clause.title)
            )
        for label, budget, scope in (
            (_("the call “{title}”").format(title=call.title), call.budget, {"call": call}),
            (_("the clause “{title}”").format(title=clause.title), clause.budget, {"clause": clause}),
            (_("the policy “{title}”").format(title=policy.title), policy.budget, {"call__policy": policy}),
        ):
            if budget is None:
                continue
            used = committed(**scope)
            if used + amount > budget:
                raise ProgramError(
                    _(
                        "Over the budget of {scope}: budget {budget}, proposed or approved {used}, "
                        "remaining {remaining}, proposed now {amount}"
                    ).format(
                        scope=label,
                        budget=wan(budget),
                        used=wan(used),
                        remaining=wan(budget - used),
                        amount=wan(amount),
                    )
                )
        move(
            application,
            "propose",
            user,
            {"staff"},
            comment=house("Proposed amount {amount} ({batch})", amount=yuan(amount), batch=batch.title),
            changes={"batch": batch, "approved_amount": amount},
        )
    return application


def open_notice(
    batch: ApprovalBatch, notice_from: datetime.date, notice_to: datetime.date, user
) -> ApprovalBatch:
    _require_manager(user)
    if notice_to < notice_from:
        raise ProgramError(
            _("The notice ends on {end}, before it starts on {start}").format(
                end=notice_to, start=notice_from
            )
        )
    with transaction.atomic():

        def has_proposals(current: ApprovalBatch, step) -> dict:
            if not current.applications.filter(state=State.PROPOSED).exists():
                raise ProgramError(_("Batch “{title}” has no proposed project yet").format(title=batch.title))
            return {"notice_from": notice_from, "notice_to": notice_to}

        workflow.move(
            BATCH,
            batch,
            "notice",
            actor=user,
            roles={"staff"},
            rules=has_proposals,
            refusal=ProgramError,
        )
    batch.refresh_from_db()
    return batch


def raise_objection(
    batch: ApprovalBatch, application: Application | None, raised_by: str, text: str, user=None
) -> Objection:
    """Registers an objection received during the notice period (by anyone: recorded by staff)."""
    raised_by, text = (raised_by or "").strip(), (text or "").strip()
    if not raised_by or not text:
        raise ProgramError(_("An objection needs who raised it and what it says"))
    if batch.state != ApprovalBatch.State.NOTICE:
        raise IllegalTransition(
            _("The batch “{batch}” is not in public notice; objections are not accepted").format(
                batch=batch.title
            )
        )
    if application is not None and application.batch_id != batch.pk:
        raise ProgramError(
            _("Application {code} is not in the batch “{batch}”").format(
                code=application.code, batch=batch.title
            )
        )
    with transaction.atomic():
        objection = Objection.objects.create(
            batch=batch, application=application, raised_by=raised_by[:100], text=text
        )
        record(
            "programs.objection.raised",
            actor=user,
            obj=objection,
            org_unit_path=application.org_path if application else "",
            summary=house("Batch {code} received an objection: {text}", code=batch.code, text=text[:100]),
        )
    return objection


def resolve_objection(objection: Objection, upheld: bool, resolution: str, user) -> Objection:
    """Resolves an objection; an upheld objection declines the application it is about."""
    _require_manager(user)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ProgramError(_("Fill in how the objection was resolved"))
    with transaction.atomic():
        current = Objection.objects.select_for_update().get(pk=objection.pk)
        if current.upheld is not None:
            raise IllegalTransition(_("This objection has already been resolved"))
        current.upheld, current.resolution = bool(upheld), resolution
        current.resolved_by, current.resolved_at = user, timezone.now()
        current.save(update_fields=["upheld", "resolution", "resolved_by", "resolved_at"])
        if upheld and current.application_id:
            move(
                current.application,
                "decline",
                user,
                {"staff"},
                comment=house("Objection during the notice upheld: {resolution}", resolution=resolution),
            )
        record(
            "programs.objection.resolved",
            actor=user,
            obj=current,
            summary=house(
                "Objection upheld: {resolution}" if upheld else "Objection dismissed: {resolution}",
                resolution=resolution[:100],
            ),
        )
    objection.refresh_from_db()
    return objection


def finalise(batch: ApprovalBatch, user) -> ApprovalBatch:
    """After the notice period and with every objection resolved: proposed → approved."""
    _require_manager(user)
    today = timezone.localdate()
    with transaction.atomic():
        approved: list[Application] = []
        listed: dict = {}  # the audit record's list of the approved applications, filled below

        def approve_proposals(current: ApprovalBatch, step) -> dict:
            """After the notice period, with every objection resolved, the proposals are approved."""
            if today <= current.notice_to:
                raise ProgramError(
                    _("The notice period ends on {day}; approvals are confirmed after it").format(
                        day=current.notice_to
                    )
                )
            pending = current.objections.filter(upheld__isnull=True).count()
            if pending:
                raise ProgramError(_("{n} objections are still open").format(n=pending))
            approved.extend(current.applications.filter(state=State.PROPOSED))
            for app in approved:
                move(
                    app,
                    "approve",
                    user,
                    {"system"},
                    comment=house("{title}: notice period over, approval confirmed", title=current.title),
                    notify_body=house("Approved amount {amount}", amount=yuan(app.approved_amount)),
                )
            listed["applications"] = [a.code for a in approved]
            return {"finalised_at": timezone.now()}

        workflow.move(
            BATCH,
            batch,
            "finalised",
            actor=user,
            roles={"staff"},
            rules=approve_proposals,
            refusal=ProgramError,
            audit_changes=listed,
        )
    batch.refresh_from_db()
    return batch


def _require_manager(user) -> None:
    if not can_manage(user):
        raise IllegalTransition(_("Only managers can manage approval batches"))
