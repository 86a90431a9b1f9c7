"""Applications: creating and editing drafts, and THE one mover of their state (`transition`).

Every change of state goes through `move`, which checks the workflow table (state and role), the
optimistic-concurrency version under a row lock and a conditional update (so two staff acting at
once cannot both succeed, on SQLite as on PostgreSQL), records the Transition and an audit record,
and notifies the enterprise's users of the steps they must know about.
"""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, F, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zerobay import workflow
from zerobay.accounts.audit import record
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify

from .. import eligibility
from ..models import Application, Call, Clause, Transition
from ..workflow import ACTIONS, APPLICATION, STATE_LABELS, ConcurrentChange, IllegalTransition, State
from .access import actor_roles
from .errors import ProgramError
from .money import number, positive_amount, wan

# Actions with their own service, because they carry more than a state change.
OWN_SERVICE = {
    "propose": gettext_lazy("Propose the amount in an approval batch (approval.propose)"),
    "approve": gettext_lazy(
        "Approvals are confirmed batch by batch after the public notice (approval.finalise)"
    ),
    "pay": gettext_lazy("A payment is registered with its amount (disbursement.pay)"),
    "pay_final": gettext_lazy("A payment is registered with its amount (disbursement.pay)"),
}
# The steps the enterprise's users are told about, with the notification title.
NOTIFIED = {
    "return": gettext_lazy("Application returned for correction"),
    "reject": gettext_lazy("Application rejected at the formal check"),
    "decline": gettext_lazy("Application not approved"),
    "approve": gettext_lazy("Application approved"),
    "pay": gettext_lazy("Project funds paid"),
    "pay_final": gettext_lazy("Project funds paid in full"),
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
        raise ProgramError(_("Only enterprise users can apply, for their own enterprise"))
    today = timezone.localdate()
    if not (call.opens_on <= today <= call.closes_on):
        raise ProgramError(
            _("The call “{call}” takes applications from {start} to {end}; it is not open now").format(
                call=call.title, start=call.opens_on, end=call.closes_on
            )
        )
    if not call.clauses.filter(pk=clause.pk).exists():
        raise ProgramError(
            _("The clause “{clause}” is not part of the call “{call}”").format(
                clause=clause.title, call=call.title
            )
        )
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
        raise ProgramError(
            _(
                "Your enterprise has already applied under the clause “{clause}” ({code}); one application only"
            ).format(clause=clause.title, code=duplicate)
        )
    _refuse_a_second_award(clause, enterprise)
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
            summary=house(
                "{enterprise} applies under {clause}: {title}",
                enterprise=enterprise.name,
                clause=clause.code,
                title=app.title,
            ),
        )
    return app


def update_draft(user, application: Application, expected_version: int | None, **fields) -> Application:
    """Changes the enterprise's own draft (or returned) application."""
    if "enterprise" not in actor_roles(user, application):
        raise IllegalTransition(_("Only the applicant enterprise can change the application"))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ProgramError(
            _("These fields cannot be changed: {fields}").format(fields=", ".join(sorted(unknown)))
        )
    with transaction.atomic():
        current = lock(application, expected_version)
        if current.state not in (State.DRAFT, State.RETURNED):
            raise IllegalTransition(
                _("The application is “{state}” and can no longer be changed").format(
                    state=STATE_LABELS[current.state]
                )
            )
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
            summary=house("Application {code} changed", code=application.code),
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
        raise IllegalTransition(str(OWN_SERVICE[action]))
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
            raise ProgramError(
                _("The call “{call}” closed on {day}; the application cannot be submitted").format(
                    call=app.call.title, day=app.call.closes_on
                )
            )
        if action == "resubmit" and app.correction_deadline and today > app.correction_deadline:
            raise ProgramError(
                _("The correction deadline {day} has passed; the application cannot be resubmitted").format(
                    day=app.correction_deadline
                )
            )
        missing = missing_materials(app)
        if missing:
            raise ProgramError(
                _("Required materials are missing: {materials}").format(materials="、".join(missing))
            )
        _refuse_a_second_award(app.clause, app.enterprise, app)
        result = eligibility.check(app.clause, app.enterprise, today)
        if result.eligible is False:
            reasons = "；".join(c["message"] for c in result.unmet)
            raise ProgramError(
                _("The conditions of the clause “{clause}” are not met: {reasons}").format(
                    clause=app.clause.title, reasons=reasons
                )
            )
        return {"eligibility": result.as_json(), "submitted_at": timezone.now(), "correction_deadline": None}
    if action == "return":
        return {"correction_deadline": today + datetime.timedelta(days=app.call.correction_days)}
    if action == "pass_check":
        # "材料齐全" is what the formal check attests: never with a required material missing.
        if missing := missing_materials(app):
            raise ProgramError(
                _("The formal check cannot pass: required materials are missing: {materials}").format(
                    materials="、".join(missing)
                )
            )
        _refuse_a_second_award(app.clause, app.enterprise, app)
    if action == "start_review" and not app.assignments.exists():
        raise ProgramError(_("Assign the review experts first"))
    if action == "complete_review":
        mean = app.assignments.filter(submitted_at__isnull=False).aggregate(m=Avg("total"))["m"]
        if mean is None:
            raise ProgramError(_("No expert has submitted a score sheet; the review cannot be completed"))
        return {"score": Decimal(mean).quantize(Decimal("0.01"), ROUND_HALF_UP)}
    if action == "decline":
        return {"approved_amount": None}  # frees the budget it held
    if action == "close" and not hasattr(app, "evaluation"):
        raise ProgramError(_("Complete the performance evaluation before closing"))
    return {}


# An earlier application that still counts against a one-off award: anything but given up or refused.
NOT_COUNTED = (State.WITHDRAWN, State.REJECTED, State.NOT_APPROVED)


def _refuse_a_second_award(clause, enterprise, app: Application | None = None) -> None:
    """A clause declared once per enterprise takes one application of an enterprise across calls."""
    if not clause.once_per_enterprise:
        return
    earlier = Application.objects.filter(clause=clause, enterprise=enterprise).exclude(state__in=NOT_COUNTED)
    if app is not None:
        earlier = earlier.exclude(pk=app.pk).filter(created_at__lt=app.created_at)
    code = earlier.order_by("created_at").values_list("code", flat=True).first()
    if code:
        raise ProgramError(
            _(
                "The clause “{clause}” is awarded once per enterprise, and your enterprise's application {code}"
                " already counts for it"
            ).format(clause=clause.title, code=code)
        )


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
        title=house("{what}: {title}", what=title, title=app.title),
        body=body
        or house("Application {code} is now: {state}", code=app.code, state=STATE_LABELS[app.state]),
        link=application_link(app),
        kind=f"programs.{app.state}",
    )


def _clean(fields: dict, clause: Clause) -> dict:
    title = (fields["title"] or "").strip()
    if not title:
        raise ProgramError(_("The project title cannot be empty"))
    amount = positive_amount(fields["requested_amount"], _("The requested amount"))
    if clause.amount_cap is not None and amount > clause.amount_cap:
        raise ProgramError(
            _("The requested amount {amount} is above the project cap {cap} of the clause “{clause}”").format(
                amount=wan(amount), cap=wan(clause.amount_cap), clause=clause.title
            )
        )
    start, end = fields.get("project_start"), fields.get("project_end")
    if start and end and end < start:
        raise ProgramError(
            _("The project ends on {end}, before it starts on {start}").format(end=end, start=start)
        )
    targets = fields.get("targets") or []
    for i, t in enumerate(targets, 1):
        if not isinstance(t, dict) or not str(t.get("name", "")).strip():
            raise ProgramError(_("Performance target {i} has no name").format(i=i))
        number(
            t.get("target"),
            _("The target value “{value}” of the performance target “{name}” is not a number").format(
                value=t.get("target"), name=t["name"]
            ),
        )
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
    raise ProgramError(_("Two applications took the same number at once; please retry"))


def _actor_name(user) -> str:
    if user is None:
        return _("The platform")
    return user.get_full_name() or user.username


def house(message: str, **values) -> str:
    """Text stored for others to read (audit summaries, timeline comments, notifications), written in
    the house language whoever acts; `message` is an English msgid of the programmes' catalogue."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(message).format(**{k: str(v) for k, v in values.items()})


def _label(state: str) -> str:
    with translation.override("zh-hans"):
        return str(STATE_LABELS.get(state, state))


def _label_of(step) -> str:
    with translation.override("zh-hans"):
        return str(step.label)


# The declared workflow with the programmes' hooks: the rules of each step, the timeline row, the
# notifications.
WORKFLOW = dataclasses.replace(APPLICATION, rules=_step_rules, record_step=_record_step, after=_after)
