"""Access conventions shared by every app.

- Loaders are named `access_<noun>_by_<key>(user, key)` and live in the app's `access.py` (or
  `services/access.py`). They return the object when the user may see it and raise Http404 for a
  missing and a forbidden object alike, so that scope cannot be probed. `load_or_404` is their body.
- Checks are named `can_<verb>_<noun>(user, obj=None)` and return a `Decision`: `(allowed, reason)`,
  the reason a translated sentence the page or API can show. `Decision` is truthy when allowed, so
  `if can_edit_x(user, x):` reads naturally.
- Pages and endpoints reserved to some roles are gated with `@role_required(check)`, which answers
  403 (PermissionDenied) when the check refuses. The API turns PermissionDenied into 403 as well.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, NamedTuple

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


class Decision(NamedTuple):
    """The answer of a `can_<verb>_<noun>` check."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True, "")


def refuse(reason: str) -> Decision:
    return Decision(False, str(reason))


def decide(value: "Decision | tuple[bool, str] | bool") -> Decision:
    """A check's answer as a Decision, whatever shape the check returned."""
    if isinstance(value, Decision):
        return value
    if isinstance(value, tuple):
        return Decision(bool(value[0]), str(value[1]) if len(value) > 1 else "")
    return Decision(bool(value), "")


def load_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    """One object of an already scoped queryset; Http404 when it is missing or out of scope."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404("not found") from None


def require(decision: "Decision | tuple[bool, str] | bool") -> None:
    """Raises PermissionDenied (403) with the reason unless the decision allows."""
    d = decide(decision)
    if not d.allowed:
        raise PermissionDenied(d.reason)


def role_required(check: Callable[[Any], "Decision | tuple[bool, str] | bool"]):
    """View decorator: 403 unless `check(request.user)` allows. The one role gate of every app."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(check(request.user))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
