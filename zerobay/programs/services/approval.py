"""Approval batches (立项批次): proposed amounts, the public notice (公示), objections, finalisation.

No approval goes beyond a budget: a proposal is checked against the remaining budget of its call,
its clause and its policy (counting what is already proposed or approved) while the policy, clause
and call rows are locked, in that order, so concurrent proposals are serialised and cannot both
take the last yuan.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zerobay import workflow
from zerobay.accounts.audit import record

from ..models import Application, ApprovalBatch, Call, Clause, Objection, Policy
from ..workflow import BATCH, IllegalTransition, State
from .access import actor_roles, can_manage
from .applications import lock, move
from .errors import ProgramError
from .money import positive_amount, yuan

# States whose amount counts against a budget.
COMMITTED_STATES = (State.PROPOSED, State.APPROVED, State.PAYING, State.PAID, State.CLOSED)


def create_batch(policy: Policy, *, title: str, user) -> ApprovalBatch:
    _require_manager(user)
    title = (title or "").strip()
    if not title:
        raise ProgramError("请填写批次名称")
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
        record("programs.batch.created", actor=user, obj=batch, summary=f"建立立项批次 {batch.code} {title}")
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
        raise IllegalTransition("只有管理人员可以拟定立项金额")
    amount = positive_amount(amount, "立项金额")
    if batch.policy_id != application.call.policy_id:
        raise ProgramError(f"申报 {application.code} 不属于批次“{batch.title}”的政策")
    with transaction.atomic():
        # Lock order: policy, clause, call, application — the same in every writer.
        policy = Policy.objects.select_for_update().get(pk=batch.policy_id)
        clause = Clause.objects.select_for_update().get(pk=application.clause_id)
        call = Call.objects.select_for_update().get(pk=application.call_id)
        current = lock(application, expected_version)
        if ApprovalBatch.objects.get(pk=batch.pk).state != ApprovalBatch.State.DRAFT:
            raise IllegalTransition(f"批次“{batch.title}”已进入公示或已立项，不能再加入项目")
        if amount > current.requested_amount:
            raise ProgramError(f"立项金额 {yuan(amount)} 超过申请金额 {yuan(current.requested_amount)}")
        if clause.amount_cap is not None and amount > clause.amount_cap:
            raise ProgramError(
                f"立项金额 {yuan(amount)} 超过条款“{clause.title}”的单个项目上限 {yuan(clause.amount_cap)}"
            )
        for label, budget, scope in (
            (f"申报通知“{call.title}”", call.budget, {"call": call}),
            (f"条款“{clause.title}”", clause.budget, {"clause": clause}),
            (f"政策“{policy.title}”", policy.budget, {"call__policy": policy}),
        ):
            if budget is None:
                continue
            used = committed(**scope)
            if used + amount > budget:
                raise ProgramError(
                    f"超出{label}的预算：预算 {yuan(budget)}，已拟定或立项 {yuan(used)}，剩余 {yuan(budget - used)}，"
                    f"本次拟定 {yuan(amount)}"
                )
        move(
            application,
            "propose",
            user,
            {"staff"},
            comment=f"拟立项金额 {yuan(amount)}（{batch.title}）",
            changes={"batch": batch, "approved_amount": amount},
        )
    return application


def open_notice(
    batch: ApprovalBatch, notice_from: datetime.date, notice_to: datetime.date, user
) -> ApprovalBatch:
    _require_manager(user)
    if notice_to < notice_from:
        raise ProgramError(f"公示结束日期 {notice_to} 早于开始日期 {notice_from}")
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
        raise ProgramError("异议须写明提出人和异议内容")
    if batch.state != ApprovalBatch.State.NOTICE:
        raise IllegalTransition(f"批次“{batch.title}”不在公示期，不能受理异议")
    if application is not None and application.batch_id != batch.pk:
        raise ProgramError(f"申报 {application.code} 不在批次“{batch.title}”中")
    with transaction.atomic():
        objection = Objection.objects.create(
            batch=batch, application=application, raised_by=raised_by[:100], text=text
        )
        record(
            "programs.objection.raised",
            actor=user,
            obj=objection,
            org_unit_path=application.org_path if application else "",
            summary=f"批次 {batch.code} 收到异议：{text[:100]}",
        )
    return objection


def resolve_objection(objection: Objection, upheld: bool, resolution: str, user) -> Objection:
    """Resolves an objection; an upheld objection declines the application it is about."""
    _require_manager(user)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ProgramError("请填写异议处理意见")
    with transaction.atomic():
        current = Objection.objects.select_for_update().get(pk=objection.pk)
        if current.upheld is not None:
            raise IllegalTransition("该异议已经处理")
        current.upheld, current.resolution = bool(upheld), resolution
        current.resolved_by, current.resolved_at = user, timezone.now()
        current.save(update_fields=["upheld", "resolution", "resolved_by", "resolved_at"])
        if upheld and current.application_id:
            move(
                current.application,
                "decline",
                user,
                {"staff"},
                comment=f"公示异议成立：{resolution}",
            )
        record(
            "programs.objection.resolved",
            actor=user,
            obj=current,
            summary=f"异议{'成立' if upheld else '不成立'}：{resolution[:100]}",
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
                    comment=_house("{title}: notice period over, approval confirmed", title=current.title),
                    notify_body=_house("Approved amount {amount}", amount=yuan(app.approved_amount)),
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


def _house(message: str, **values) -> str:
    """Text stored for others to read (timeline comments, notifications): in the house language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(message).format(**values)


def _require_manager(user) -> None:
    if not can_manage(user):
        raise IllegalTransition("只有管理人员可以管理立项批次")
