"""The refusals of programme services. Messages are Chinese: pages and the API show them as they are."""


class ProgramError(ValueError):
    """A request the rules refuse (over budget, wrong amount, missing material, ...)."""


class UploadRefused(ProgramError):
    """An attachment refused for its type, size or content; nothing was stored."""
