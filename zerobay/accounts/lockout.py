"""Throttling of password and token guessing, on django-axes: a username tried from one address more
than AXES_FAILURE_LIMIT times without success is locked for AXES_COOLOFF_TIME; every lock-out leaves
an audit record. API keys are guessed under one pseudo-username per address, so a script trying keys
is locked like a person trying passwords (a colon cannot occur in a real username)."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.signals import user_locked_out
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import AuditRecord

TOKEN_USERNAME = "api-token:"  # noqa: S105 (a pseudo-username, not a secret)


def _token_credentials() -> dict:
    return {"username": TOKEN_USERNAME}


def token_guessing_allowed(request) -> bool:
    """False while this address is locked out of presenting API keys."""
    return AxesProxyHandler.is_allowed(request, _token_credentials())


def token_refused(request) -> None:
    """Counts a wrong API key against the address that presented it."""
    AxesProxyHandler.user_login_failed(
        sender=token_refused, credentials=_token_credentials(), request=request
    )


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """One record when the lock starts; attempts during the lock would only flood the log."""
    cool_off = get_cool_off(request)
    recent = AuditRecord.objects.filter(
        action="accounts.locked_out",
        changes__username=username or "",
        changes__ip_address=ip_address or "",
    )
    if cool_off and recent.filter(at__gte=timezone.now() - cool_off).exists():
        return
    audit.record(
        "accounts.locked_out",
        actor=None,
        object_type="accounts.user",
        object_id=username or "",
        summary=f"{username or '?'} @ {ip_address or '?'}",
        changes={"username": username or "", "ip_address": ip_address or ""},
    )


def lockout_page(request, original_response=None, credentials=None):
    """The page a locked-out login gets (429 with Retry-After), in the user's language."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    limit = get_failure_limit(request, credentials)
    if request.path.startswith("/api/"):
        message = _("Too many failed attempts: try again in %(minutes)s minutes.") % {"minutes": minutes}
        response = JsonResponse({"detail": message}, status=429, json_dumps_params={"ensure_ascii": False})
    else:
        context = {"failure_limit": limit, "cooloff_minutes": minutes}
        response = render(request, "registration/locked_out.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
