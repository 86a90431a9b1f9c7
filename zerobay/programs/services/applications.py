"""Applications: creating and editing drafts, and THE one mover of their state (`transition`).

Every change of state goes through `move`, which checks the workflow table (state and role), the
optimistic-concurrency version under a row lock and a conditional update (so two staff acting at
once cannot both succeed, on SQLite as on PostgreSQL), records the Transition and an audit record,
and notifies the enterprise's users of the steps they must know about.
"""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, F, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zerobay import workflow
from zerobay.accounts.audit import record
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify

from .. import eligibility
from ..models import Application, Call, Clause, Transition
from ..workflow import ACTIONS, APPLICATION, STATE_LABELS, ConcurrentChange, IllegalTransition, State
from .access import actor_roles
from .errors import ProgramError
from .money import number, positive_amount, yuan

# Actions with their own service, because they carry more than a state change.
OWN_SERVICE = {
    "propose": "请在立项批次中拟定金额（approval.propose）",
    "approve": "立项须经公示后整批确认（approval.finalise）",
    "pay": "拨付须登记支付金额（disbursement.pay）",
    "pay_final": "拨付须登记支付金额（disbursement.pay）",
}
# The steps the enterprise's users are told about, with the notification title.
NOTIFIED = {
    "return": "申报被退回补正",
    "reject": "申报未通过形式审查",
    "decline": "申报未获立项",
    "approve": "申报已立项",
    "pay": "项目资金已拨付",
    "pay_final": "项目资金已全部拨付",
}
EDITABLE = ("title", "summary", "requested_amount", "project_start", "project_end", "contact", "targets")


def open_calls(on: datetime.date) -> QuerySet[Call]:
    return Call.objects.filter(opens_on__lte=on, closes_on__gte=on).select_related("policy")


def create_application(
    user,
    call: Call,
    clause: Clause,
    *,
    title: str,
    summary: str,
    requested_amount: Decimal,
    project_start=None,
    project_end=None,
    contact: str = "",
    targets=(),
) -> Application:
    """A draft application of the user's enterprise under `call` and `clause`."""
    if user.role != Role.ENTERPRISE or not user.enterprise_id:
        raise ProgramError("只有企业用户可以为本企业申报")
    today = timezone.localdate()
    if not (call.opens_on <= today <= call.closes_on):
        raise ProgramError(
            f"申报通知“{call.title}”的申报期为 {call.opens_on} 至 {call.closes_on}，当前不在申报期内"
        )
    if not call.clauses.filter(pk=clause.pk).exists():
        raise ProgramError(f"条款“{clause.title}”不属于申报通知“{call.title}”")
    fields = _clean(
        {
            "title": title,
            "summary": summary,
            "requested_amount": requested_amount,
            "project_start": project_start,
            "project_end": project_end,
            "contact": contact,
            "targets": list(targets),
        },
        clause,
    )
    enterprise = user.enterprise
    duplicate = (
        Application.objects.filter(call=call, clause=clause, enterprise=enterprise)
        .exclude(state=State.WITHDRAWN)
        .values_list("code", flat=True)
        .first()
    )
    if duplicate:
        raise ProgramError(f"本企业已就条款“{clause.title}”提交过申报（{duplicate}），不能重复申报")
    with transaction.atomic():
        app = _insert_with_code(
            call=call,
            clause=clause,
            enterprise=enterprise,
            org_path=enterprise.org_path,
            applicant=user,
            **fields,
        )
        record(
            "programs.application.created",
            actor=user,
            obj=app,
            org_unit_path=app.org_path,
            summary=f"{enterprise.name} 申报 {clause.code}：{app.title}",
        )
    return app


def update_draft(user, application: Application, expected_version: int | None, **fields) -> Application:
    """Changes the enterprise's own draft (or returned) application."""
    if "enterprise" not in actor_roles(user, application):
        raise IllegalTransition("只有申报企业本身可以修改申报材料")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ProgramError(f"不能修改字段：{', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = lock(application, expected_version)
        if current.state not in (State.DRAFT, State.RETURNED):
            raise IllegalTransition(f"申报处于“{STATE_LABELS[current.state]}”状态，不能再修改")
        merged = {name: fields.get(name, getattr(current, name)) for name in EDITABLE}
        cleaned = _clean(merged, current.clause)
        changes = {
            k: [str(getattr(current, k)), str(v)] for k, v in cleaned.items() if getattr(current, k) != v
        }
        for name, value in cleaned.items():
            setattr(application, name, value)
        _save_versioned(application, current.version, list(cleaned))
        record(
            "programs.application.updated",
            actor=user,
            obj=application,
            org_unit_path=application.org_path,
            summary=f"修改申报 {application.code}",
            changes=changes,
        )
    return application


def transition(
    application: Application, action: str, user, *, comment: str = "", expected_version: int | None = None
) -> Application:
    """Moves the application by `action` for `user` (see workflow.ACTIONS). Raises IllegalTransition
    (not allowed now or for this user), ConcurrentChange (changed since `expected_version`) or
    ProgramError (a rule of the step refuses it)."""
    if action in OWN_SERVICE:
        raise IllegalTransition(OWN_SERVICE[action])
    return move(
        application,
        action,
        user,
        actor_roles(user, application),
        comment=comment,
        expected_version=expected_version,
    )


def move(
    application: Application,
    action: str,
    user,
    roles: set[str],
    *,
    comment: str = "",
    expected_version: int | None = None,
    changes: dict | None = None,
    notify_body: str = "",
) -> Application:
    """The one writer of Application.state: the shared `zerobay.workflow.move` on the declared
    APPLICATION workflow. `roles` are the actor's workflow roles (services that act as the platform
    pass {"system"}); `changes` are other fields set in the same update."""
    workflow.move(
        WORKFLOW,
        application,
        action,
        actor=user,
        roles=roles,
        comment=comment,
        expected_version=expected_version,
        changes=changes,
        notify_body=notify_body,
        refusal=ProgramError,
    )
    application.refresh_from_db()  # the caller's copy may have been stale in other fields
    return application


def _record_step(application: Application, step, from_state: str, user, comment: str, at) -> None:
    Transition.objects.create(
        application=application,
        actor=user if getattr(user, "is_authenticated", False) else None,
        action=step.name,
        from_state=from_state,
        to_state=step.target,
        comment=comment,
    )


def _after(application: Application, step, from_state: str, user, comment: str, notify_body: str) -> None:
    if step.name == "complete_review":
        rerank(application.call_id)
    if step.name in NOTIFIED:
        _notify_enterprise(application, NOTIFIED[step.name], notify_body or comment)


def rerank(call_id: int) -> None:
    """Ranks the scored applications of a call (1 = best; equal scores share a rank)."""
    scored = list(
        Application.objects.filter(call_id=call_id, score__isnull=False).order_by(
            "-score", "submitted_at", "id"
        )
    )
    rank, previous = 0, None
    for i, app in enumerate(scored, 1):
        if app.score != previous:
            rank, previous = i, app.score
        app.rank = rank
    Application.objects.bulk_update(scored, ["rank"])


def lock(application: Application, expected_version: int | None) -> Application:
    """The current row, locked until the end of the transaction; ConcurrentChange if its version is
    not the one the actor saw."""
    current = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise ConcurrentChange(
            _("{object} has been changed by someone else (now “{state}”); reload the page and retry").format(
                object=WORKFLOW.describe(current), state=WORKFLOW.label(current.state)
            )
        )
    return current


def _save_versioned(application: Application, version: int, fields: list[str]) -> None:
    """Writes `fields` only if the row is still at `version` (the conditional update is what keeps
    two concurrent writers apart where row locks do not exist, e.g. SQLite)."""
    values = {name: getattr(application, name) for name in fields}
    updated = Application.objects.filter(pk=application.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **values
    )
    if not updated:
        raise ConcurrentChange(
            _("{object} has been changed by someone else; reload the page and retry").format(
                object=WORKFLOW.describe(application)
            )
        )
    application.version = version + 1


def _step_rules(app: Application, step) -> dict:
    """The rules of a step beyond the table, and the fields it sets."""
    action = step.name
    today = timezone.localdate()
    if action in ("submit", "resubmit"):
        if action == "submit" and not (app.call.opens_on <= today <= app.call.closes_on):
            raise ProgramError(f"申报通知“{app.call.title}”已于 {app.call.closes_on} 截止，不能提交")
        if action == "resubmit" and app.correction_deadline and today > app.correction_deadline:
            raise ProgramError(f"补正期限为 {app.correction_deadline}，已过期，不能再提交")
        missing = missing_materials(app)
        if missing:
            raise ProgramError("缺少必需的申报材料：" + "、".join(missing))
        result = eligibility.check(app.clause, app.enterprise, today)
        if result.eligible is False:
            reasons = "；".join(c["message"] for c in result.unmet)
            raise ProgramError(f"不符合条款“{app.clause.title}”的申报条件：{reasons}")
        return {"eligibility": result.as_json(), "submitted_at": timezone.now(), "correction_deadline": None}
    if action == "return":
        return {"correction_deadline": today + datetime.timedelta(days=app.call.correction_days)}
    if action == "start_review" and not app.assignments.exists():
        raise ProgramError("请先分配评审专家")
    if action == "complete_review":
        mean = app.assignments.filter(submitted_at__isnull=False).aggregate(m=Avg("total"))["m"]
        if mean is None:
            raise ProgramError("尚无专家提交评分表，不能完成评审")
        return {"score": Decimal(mean).quantize(Decimal("0.01"), ROUND_HALF_UP)}
    if action == "decline":
        return {"approved_amount": None}  # frees the budget it held
    if action == "close" and not hasattr(app, "evaluation"):
        raise ProgramError("请先完成绩效评价再结项")
    return {}


def missing_materials(app: Application) -> list[str]:
    """Names of the clause's required materials without an attachment."""
    attached = set(app.attachments.values_list("material", flat=True))
    return [
        m.get("name", m["code"])
        for m in app.clause.materials
        if m.get("required") and m["code"] not in attached
    ]


def timeline(application: Application) -> list[dict]:
    steps = application.transitions.select_related("actor").order_by("at", "id")
    return [
        {
            "at": t.at,
            "actor": _actor_name(t.actor),
            "action": t.action,
            "action_label": _label_of(ACTIONS[t.action]) if t.action in ACTIONS else t.action,
            "from": t.from_state,
            "from_label": _label(t.from_state),
            "to": t.to_state,
            "to_label": _label(t.to_state),
            "comment": t.comment,
        }
        for t in steps
    ]


def application_link(application: Application) -> str:
    try:
        return reverse("programs-application", args=[application.code])
    except NoReverseMatch:  # the pages are not there (e.g. a CLI-only deployment)
        return ""


def enterprise_users(enterprise_ids):
    """The active users acting for these enterprises."""
    return User.objects.filter(enterprise_id__in=list(enterprise_ids), role=Role.ENTERPRISE, is_active=True)


def _notify_enterprise(app: Application, title: str, body: str) -> None:
    notify(
        enterprise_users([app.enterprise_id]),
        title=f"{title}：{app.title}",
        body=body or f"申报 {app.code} 当前状态：{_label(app.state)}",
        link=application_link(app),
        kind=f"programs.{app.state}",
    )


def _clean(fields: dict, clause: Clause) -> dict:
    title = (fields["title"] or "").strip()
    if not title:
        raise ProgramError("项目名称不能为空")
    amount = positive_amount(fields["requested_amount"], "申请金额")
    if clause.amount_cap is not None and amount > clause.amount_cap:
        raise ProgramError(
            f"申请金额 {yuan(amount)} 超过条款“{clause.title}”的单个项目上限 {yuan(clause.amount_cap)}"
        )
    start, end = fields.get("project_start"), fields.get("project_end")
    if start and end and end < start:
        raise ProgramError(f"项目结束日期 {end} 早于开始日期 {start}")
    targets = fields.get("targets") or []
    for i, t in enumerate(targets, 1):
        if not isinstance(t, dict) or not str(t.get("name", "")).strip():
            raise ProgramError(f"第 {i} 个绩效目标缺少名称")
        number(t.get("target"), f"绩效目标“{t['name']}”的目标值“{t.get('target')}”不是数字")
    return {
        **fields,
        "title": title[:200],
        "requested_amount": amount,
        "targets": targets,
        "summary": (fields.get("summary") or "").strip(),
        "contact": (fields.get("contact") or "").strip(),
    }


def _insert_with_code(**fields) -> Application:
    """A new application numbered SQ<year>-<serial>; retried if a concurrent one took the number."""
    prefix = f"SQ{timezone.localdate().year}-"
    for _attempt in range(5):
        last = (
            Application.objects.filter(code__startswith=prefix)
            .order_by("-code")
            .values_list("code", flat=True)
            .first()
        )
        serial = int(last.removeprefix(prefix)) + 1 if last else 1
        try:
            with transaction.atomic():
                return Application.objects.create(code=f"{prefix}{serial:06d}", **fields)
        except IntegrityError:
            continue
    raise ProgramError("申报编号生成冲突，请重试")


def _actor_name(user) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.username


def _label(state: str) -> str:
    with translation.override("zh-hans"):
        return str(STATE_LABELS.get(state, state))


def _label_of(step) -> str:
    with translation.override("zh-hans"):
        return str(step.label)


# The declared workflow with the programmes' hooks: the rules of each step, the timeline row, the
# notifications.
WORKFLOW = dataclasses.replace(APPLICATION, rules=_step_rules, record_step=_record_step, after=_after)
