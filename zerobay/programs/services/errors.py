"""The refusals of programme services. Messages are translated sentences (English msgid, Chinese in
the programmes' catalogue); pages and the API show them as they are."""

from zerobay.workflow import Refusal


class ProgramError(Refusal, ValueError):
    """A request the rules refuse (over budget, wrong amount, missing material, ...). A
    `zerobay.workflow.Refusal`, so views catch one base class; still a ValueError for old callers."""


class UploadRefused(ProgramError):
    """An attachment refused for its type, size or content; nothing was stored."""
