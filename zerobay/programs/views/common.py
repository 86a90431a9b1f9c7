"""What the programme pages share: running a service action with its refusal shown as a message, and
the role checks their pages are gated on with `@role_required(...)` (403, zerobay.access)."""

from django.contrib import messages
from django.shortcuts import redirect

from .. import services
from ..services.access import (  # noqa: F401  (the role checks of the pages, imported from here)
    can_manage,
    can_review,
    can_view_district_work,
    can_view_finance,
)

REFUSALS = (services.IllegalTransition, services.ConcurrentChange, services.ProgramError)


def attempt(request, action, *, success: str = ""):
    """Runs `action()`; a refusal becomes an error message. Returns (result, ok)."""
    try:
        result = action()
    except REFUSALS as exc:
        messages.error(request, str(exc))
        return None, False
    if success:
        messages.success(request, success)
    return result, True


def form_errors(request, form) -> None:
    """A form's errors as one message each (for forms posted from another page)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


def back_to(application):
    return redirect("programs-application", code=application.code)
