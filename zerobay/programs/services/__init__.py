"""The business actions of policy programmes, as plain functions (pages, API, CLI and demo call
these; nothing else writes the models). Refusals raise workflow.IllegalTransition,
workflow.ConcurrentChange or ProgramError, all `zerobay.workflow.Refusal`s with a translated message."""

from ..eligibility import CONDITION_KINDS, Eligibility, check
from ..workflow import ConcurrentChange, IllegalTransition
from .access import actor_roles, can_manage, get_application, visible_applications
from .applications import (
    create_application,
    missing_materials,
    open_calls,
    timeline,
    transition,
    update_draft,
)
from .approval import create_batch, finalise, open_notice, propose, raise_objection, resolve_objection
from .attachments import ALLOWED_TYPES, MAX_BYTES, attach, remove_attachment
from .disbursement import budget_usage, budget_usages, pay
from .errors import ProgramError, UploadRefused
from .finder import eligible_not_applied, notify_eligible
from .performance import evaluate
from .review import (
    assign_experts,
    complete_review,
    declare_conflict,
    experts_for,
    is_conflicted,
    my_assignments,
    ranking,
    submit_scores,
)

__all__ = [
    "ALLOWED_TYPES",
    "CONDITION_KINDS",
    "MAX_BYTES",
    "ConcurrentChange",
    "Eligibility",
    "IllegalTransition",
    "ProgramError",
    "UploadRefused",
    "actor_roles",
    "assign_experts",
    "attach",
    "budget_usage",
    "budget_usages",
    "can_manage",
    "check",
    "complete_review",
    "create_application",
    "create_batch",
    "declare_conflict",
    "eligible_not_applied",
    "evaluate",
    "experts_for",
    "finalise",
    "get_application",
    "is_conflicted",
    "missing_materials",
    "my_assignments",
    "notify_eligible",
    "open_calls",
    "open_notice",
    "pay",
    "propose",
    "raise_objection",
    "ranking",
    "remove_attachment",
    "resolve_objection",
    "submit_scores",
    "timeline",
    "transition",
    "update_draft",
    "visible_applications",
]
