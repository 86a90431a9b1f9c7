"""A demand's page, its editing, its steps and the engine's suggestions for it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import require
from zerobay.web.refusals import refusal_text

from .. import access, editing, funnel, workflow
from ..forms import (
    DemandForm,
    ResponseForm,
)
from ..models import ChallengeList, Demand


@login_not_required
def demand_detail(request, code: str):
    d = access.access_demand_by_code(
        request.user, code, Demand.objects.select_related("field", "track", "enterprise", "challenge")
    )
    context = {
        "d": d,
        "actions": [(x, workflow.ACTION_LABELS[x]) for x in workflow.demand_actions(request.user, d)],
        "can_edit": access.can_edit_demand(request.user, d),
        "interested": request.user.is_authenticated and d.interests.filter(user=request.user).exists(),
        "can_express": request.user.is_authenticated
        and not access.is_hall_staff(request.user)
        and d.status == Demand.Status.OPEN,
        "can_respond": request.user.is_authenticated
        and d.challenge_id
        and d.challenge.status == ChallengeList.Status.PUBLISHED
        and d.status == Demand.Status.OPEN,
        "response_form": ResponseForm(),
    }
    if access.is_hall_staff(request.user):
        context["matches"] = (
            d.matches.filter(dismissed=False).select_related("achievement").order_by("rank", "-score")
        )
        context["responses"] = d.responses.select_related("achievement")
        context["interests"] = d.interests.select_related("user", "enterprise")
        context["can_suggest"] = True
    return render(request, "matching/demand_detail.html", context)


def demand_edit(request, code: str | None = None):
    if code is None:
        if not (access.can_review(request.user) or access.own_enterprise_id(request.user)):
            raise Http404("not found")
        instance = None
    else:
        instance = access.access_demand_by_code(request.user, code)
        require(access.can_edit_demand(request.user, instance))
    form = DemandForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = editing.save_demand(form, user=request.user)
        if request.POST.get("publish") and d.status == Demand.Status.DRAFT:
            workflow.move_demand(d, "open", user=request.user)
        messages.success(request, _("The demand has been saved."))
        return redirect("hall-demand", code=d.code)
    return render(request, "matching/demand_form.html", {"form": form, "d": instance})


@require_POST
def demand_move(request, code: str):
    d = access.access_demand_by_code(request.user, code)
    try:
        workflow.move_demand(d, request.POST.get("action", ""), user=request.user)
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    return redirect("hall-demand", code=d.code)


@require_POST
@access.hall_staff_page
def demand_suggest(request, code: str):
    d = access.access_demand_by_code(request.user, code)
    found = funnel.suggest(d, user=request.user)
    messages.success(request, _("%(n)d achievements suggested.") % {"n": len(found)})
    return redirect("hall-demand", code=d.code)
