"""The one workflow mechanism: declared states and actions, and the one `move` that takes a step.

An app declares its workflow once (`Workflow(...)`: states with their label and badge tone, actions
with the states they leave from, the state they reach, the roles allowed to take them) and moves its
objects only through `move`, which, inside one transaction:

1. checks the table: an unknown action, or one not allowed from the current state, is an
   `IllegalTransition`; an actor without one of the action's roles is an `ActorRefused` (an
   IllegalTransition that is also a PermissionDenied, so pages answer 403 when they do not catch it);
2. locks the row (select_for_update) and, where the model has a `version` field, compares it with the
   version the actor saw (`ConcurrentChange`) and writes with a conditional update, so two actors
   cannot both succeed, on SQLite as on PostgreSQL;
3. asks the workflow's `rules` hook for the fields the step sets (or a refusal), applies them with
   the caller's `changes`;
4. records the step (the `record_step` hook creates the app's transition / timeline row), writes the
   audit record and calls the `after` hook (notifications, re-ranking).

Refusals are `Refusal`s (a Django ValidationError, so forms and pages show `exc.messages`); domain
errors subclass it so that a view catches one base class. This module imports no domain app.
"""

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zerobay.accounts import audit


class Refusal(ValidationError):
    """A request the rules refuse; its message is a translated sentence shown as it is."""

    def __str__(self) -> str:
        return "；".join(str(m) for m in self.messages)


class IllegalTransition(Refusal):
    """An action the workflow does not allow from this state, or for this actor."""


class ActorRefused(IllegalTransition, PermissionDenied):
    """The actor has none of the roles the action needs (a 403 where a page does not catch it)."""


class ConcurrentChange(Refusal):
    """Someone else changed the object since the actor loaded it."""


@dataclass(frozen=True)
class State:
    code: str
    label: Any  # a lazy translation
    tone: str = "secondary"  # the badge colour: secondary, info, primary, success, warning, danger


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: Any
    needs_comment: bool = False  # a reason must be given (returns, rejections, objections upheld)
    wrong_state: Any = None  # this action's own sentence when not possible now (else the workflow's)


def action(
    name: str,
    sources: Iterable[str],
    target: str,
    roles: Iterable[str],
    label,
    needs_comment: bool = False,
    *,
    wrong_state=None,
) -> Action:
    return Action(name, frozenset(sources), target, frozenset(roles), label, needs_comment, wrong_state)


def _no_rules(obj, step: Action) -> dict:
    return {}


def _nothing(*args, **kwargs) -> None:
    return None


WRONG_STATE = gettext_lazy("{object} is “{state}”: “{action}” is not possible")
ACTOR_REFUSED = gettext_lazy("You may not “{action}” {object}")


# Every declared workflow by its audit name, so that the audit log can label `<audit_name>.<action>`.
DECLARED: dict[str, "Workflow"] = {}


@dataclass
class Workflow:
    """The declaration of one workflow and the hooks `move` calls.

    `describe(obj)` names the object in messages ("申报 SQ2026-000001"). `rules(obj, step)` returns
    the fields the step sets beyond the state, or raises a Refusal. `record_step(obj, step, from_state,
    actor, comment, at)` creates the step's history row. `after(obj, step, from_state, actor, comment,
    notify_body)` notifies. `audit_name` prefixes the audit action (`<audit_name>.<action>`)."""

    audit_name: str
    model: type[Model]
    states: tuple[State, ...]
    actions: tuple[Action, ...]
    field: str = "state"
    describe: Callable[[Any], str] = str
    rules: Callable[[Any, Action], dict] = _no_rules
    record_step: Callable[..., Any] = _nothing
    after: Callable[..., Any] = _nothing
    org_unit_path: Callable[[Any], str] = lambda obj: ""  # noqa: E731
    summary: Callable[..., str] | None = None  # (obj, step, from_state, comment) -> the audit summary
    wrong_state: Any = WRONG_STATE  # message with {object}, {state}, {action}
    by_name: dict[str, Action] = dataclasses.field(init=False)
    by_code: dict[str, State] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        self.by_name = {a.name: a for a in self.actions}
        self.by_code = {s.code: s for s in self.states}
        unknown = {a.target for a in self.actions} | {s for a in self.actions for s in a.sources}
        unknown -= set(self.by_code)
        if unknown:
            raise ValueError(f"{self.audit_name}: actions name undeclared states {sorted(unknown)}")
        DECLARED[self.audit_name] = self

    def label(self, code: str) -> str:
        state = self.by_code.get(code)
        return str(state.label) if state else code

    def tone(self, code: str) -> str:
        state = self.by_code.get(code)
        return state.tone if state else "secondary"

    def labels(self) -> dict[str, Any]:
        return {s.code: s.label for s in self.states}

    def tones(self) -> dict[str, str]:
        return {s.code: s.tone for s in self.states}

    def actions_from(self, state: str, roles: Iterable[str]) -> list[Action]:
        """The actions the given roles may take on an object in `state`."""
        roles = set(roles)
        return [a for a in self.actions if state in a.sources and a.roles & roles]


def move(
    workflow: Workflow,
    obj: Model,
    action_name: str,
    *,
    actor,
    roles: Iterable[str],
    comment: str = "",
    expected_version: int | None = None,
    changes: dict | None = None,
    notify_body: str = "",
    at=None,
    rules: Callable[[Any, Action], dict] | None = None,
    refusal: type[Refusal] = Refusal,
    summary: str = "",
    audit_changes: dict | None = None,
) -> Model:
    """Takes step `action_name` on `obj` for `actor` holding workflow `roles` (see the module text).
    `changes` are other fields set in the same write; `rules(current, step)` are the caller's own
    rules of this step (checked after the table, like the workflow's, and returning fields to set);
    `refusal` is the class of the step's own refusals (a missing comment); `summary` and
    `audit_changes` replace / extend the audit record's. Returns `obj`, updated in place."""
    step = workflow.by_name.get(action_name)
    if step is None:
        raise IllegalTransition(_("Unknown action “{action}”").format(action=action_name))
    comment = (comment or "").strip()
    model = type(obj)
    versioned = _has_field(model, "version")
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=obj.pk)
        if versioned and expected_version is not None and current.version != int(expected_version):
            raise ConcurrentChange(
                _(
                    "{object} has been changed by someone else (now “{state}”); reload the page and retry"
                ).format(object=workflow.describe(current), state=workflow.label(_state(workflow, current)))
            )
        from_state = _state(workflow, current)
        if from_state not in step.sources:
            raise IllegalTransition(
                str(step.wrong_state or workflow.wrong_state).format(
                    object=workflow.describe(current), state=workflow.label(from_state), action=step.label
                )
            )
        if not step.roles & set(roles):
            raise ActorRefused(
                str(ACTOR_REFUSED).format(action=step.label, object=workflow.describe(current))
            )
        if step.needs_comment and not comment:
            raise refusal(_("“{action}” needs a reason").format(action=step.label))
        extra = dict(changes or {})
        extra.update(workflow.rules(current, step))
        if rules is not None:
            extra.update(rules(current, step))
        for name, value in extra.items():
            setattr(obj, name, value)
        setattr(obj, workflow.field, step.target)
        _write(workflow, obj, current, [workflow.field, *extra], versioned)
        workflow.record_step(obj, step, from_state, actor, comment, at)
        if not summary:
            with translation.override(settings.LANGUAGE_CODE):  # the audit log reads in the house language
                if workflow.summary is not None:
                    summary = workflow.summary(obj, step, from_state, comment)
                else:
                    summary = f"{workflow.describe(obj)}：{workflow.label(from_state)} → {workflow.label(step.target)}"
        audit.record(
            f"{workflow.audit_name}.{step.name}",
            actor=actor,
            obj=obj,
            org_unit_path=workflow.org_unit_path(obj),
            summary=summary,
            changes={
                workflow.field: [from_state, step.target],
                **{k: _plain(v) for k, v in extra.items()},
                **(audit_changes or {}),
            },
        )
        workflow.after(obj, step, from_state, actor, comment, notify_body)
    return obj


def _state(workflow: Workflow, obj) -> str:
    return getattr(obj, workflow.field)


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def _write(workflow: Workflow, obj, current, fields: list[str], versioned: bool) -> None:
    """Writes `fields` of `obj`. A versioned row is written only if it is still at the version read
    under the lock (the conditional update keeps two writers apart where row locks do not exist)."""
    model = type(obj)
    values = {name: getattr(obj, name) for name in fields}
    if _has_field(model, "updated_at"):
        values["updated_at"] = timezone.now()
    rows = model._default_manager.filter(pk=obj.pk)
    if versioned:
        updated = rows.filter(version=current.version).update(version=F("version") + 1, **values)
        if not updated:
            raise ConcurrentChange(
                _("{object} has been changed by someone else; reload the page and retry").format(
                    object=workflow.describe(current)
                )
            )
        obj.version = current.version + 1
    else:
        rows.update(**values)
    for name, value in values.items():
        setattr(obj, name, value)


def _plain(value):
    """A value as the audit record's JSON keeps it."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "_meta"):  # a model instance
        return str(value.pk)
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value)
