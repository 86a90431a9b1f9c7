"""Input holding a NUL character is refused before any view sees it: no text column can store it
(PostgreSQL refuses it outright), so a search or a form field with one would end in a 500."""

import json

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

NUL = chr(0)
SMALL_BODY = 1024 * 1024  # JSON bodies are read here only while small; files are checked by the imports


class NulInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            message = _("The request holds a NUL character (\\0), which no field can take.")
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": message}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(request) -> bool:
    if NUL in request.path or any(NUL in k or any(NUL in v for v in vs) for k, vs in request.GET.lists()):
        return True
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH") and content_type == "application/x-www-form-urlencoded":
        return any(NUL in k or any(NUL in v for v in vs) for k, vs in request.POST.lists())
    length = request.headers.get("Content-Length") or ""
    if content_type == "application/json" and length.isdigit() and 0 < int(length) <= SMALL_BODY:
        try:
            return _nul_in(json.loads(request.body))
        except ValueError:
            return False  # not JSON: the API says so itself
    return False


def _nul_in(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in(v) for v in value)
    return False
