"""Answers for /api/ paths that match no endpoint: JSON, as every API answer is."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .api import NOT_FOUND


@csrf_exempt  # it changes nothing; a POST to a wrong path learns that it is wrong, not about CSRF
@login_not_required  # an API client is never sent to the login page
def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": NOT_FOUND}, status=404, json_dumps_params={"ensure_ascii": False})
