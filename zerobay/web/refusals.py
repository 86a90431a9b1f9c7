"""A refused action shown to the person who tried it: a ValidationError's messages as one line."""

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext


def refusal_text(exc: ValidationError) -> str:
    """The messages joined as the interface's language joins a list (；in Chinese)."""
    return pgettext("list separator", "; ").join(exc.messages)
