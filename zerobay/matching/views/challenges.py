"""Challenge lists (揭榜挂帅): the lists, responses and the office's selection and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import role_required
from zerobay.web.refusals import refusal_text

from .. import access, workflow
from ..forms import (
    ResponseForm,
)
from ..models import ChallengeList, Demand
from ..services import challenges


@require_POST
def challenge_respond(request, code: str):
    d = access.access_public_demand_by_code(
        code, Demand.objects.filter(challenge__status=ChallengeList.Status.PUBLISHED)
    )
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the responder and the solution."))
        return redirect("hall-demand", code=code)
    challenges.respond(d, form.save(commit=False), user=request.user)
    messages.success(request, _("Your solution has been submitted."))
    return redirect("hall-demand", code=code)


@require_POST
@role_required(access.can_select_response)
def challenge_select(request, pk: int):
    response = access.access_response_by_pk(request.user, pk)
    challenges.select(response, user=request.user)
    return redirect("hall-demand", code=response.demand.code)


@login_not_required
def challenge_list(request):
    lists = (
        access.visible_challenges(request.user)
        .annotate(n=Count("demands"))
        .order_by("-year", "-batch", "-id")
    )
    return render(request, "matching/challenge_list.html", {"lists": lists, "tab": "challenges"})


@login_not_required
def challenge_detail(request, pk: int):
    challenge = access.access_challenge_by_pk(request.user, pk)
    demands = (
        access.visible_demands(request.user)
        .filter(challenge=challenge)
        .annotate(responses_n=Count("responses"))
    )
    return render(
        request,
        "matching/challenge_detail.html",
        {"c": challenge, "demands": demands, "can_publish": access.can_review(request.user)},
    )


@require_POST
def challenge_publish(request, pk: int):
    challenge = access.access_challenge_by_pk(request.user, pk)
    try:
        workflow.publish_challenge(challenge, user=request.user)
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    return redirect("hall-challenge", pk=pk)
