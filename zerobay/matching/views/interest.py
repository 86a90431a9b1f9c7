"""Expressing interest in an achievement or a demand."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..forms import (
    InterestForm,
)
from ..services import interest


@require_POST
def express_interest(request, kind: str, code: str):
    if kind not in ("achievement", "demand"):
        raise Http404("not found")
    if kind == "achievement":
        obj = access.access_public_achievement_by_code(code)
    else:
        obj = access.access_public_demand_by_code(code)
    form = InterestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    link = interest.link_of(obj)
    try:
        interest.express_interest(obj, user=request.user, message=message)
    except interest.AlreadyInterested:
        messages.info(request, _("You have already expressed interest."))
    else:
        messages.success(request, _("Your interest has been sent to the technology manager."))
    return redirect(link)
