"""What the programme pages share: running a service action with its refusal shown as a message,
the role checks of role-specific pages, and the year-less day of today."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from zerobay.accounts.models import Role

from .. import services

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


def require_manager(user) -> None:
    if not services.can_manage(user):
        raise PermissionDenied


def require_expert(user) -> None:
    if user.role != Role.EXPERT:
        raise PermissionDenied


def require_staff_view(user) -> None:
    """Pages of the district's own work (queues, batches, dashboards): not for enterprises or experts."""
    if not user.sees_district_data:
        raise PermissionDenied
