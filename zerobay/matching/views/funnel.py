"""A technology manager's board and the moves of a match through the funnel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.web.pagination import paginate
from zerobay.web.refusals import refusal_text

from .. import access, funnel
from ..forms import (
    AdvanceForm,
    BoardFilterForm,
    FollowUpForm,
)
from ..models import Achievement, Demand, Match, Stage

BOARD_CARDS = 12  # per stage column; a stage of its own lists every match, paginated
BOARD_PAGE = 30


@access.hall_staff_page
def board(request):
    """A technology manager's board: the demands and achievements assigned to them and their matches
    by stage, filterable by stage, manager and date. The tech-transfer office sees everyone's."""
    mine = Q(manager=request.user)
    everyone = access.can_review(request.user) and request.GET.get("mine") != "1"
    form = BoardFilterForm(request.GET or None, managers=everyone)
    wanted = form.wanted()
    matches = Match.objects.filter(dismissed=False).select_related("demand", "achievement", "manager")
    demands = Demand.objects.select_related("enterprise").annotate(
        suggested=Count("matches", filter=Q(matches__dismissed=False))
    )
    achievements = Achievement.objects.all()
    if not everyone:
        matches = matches.filter(Q(manager=request.user) | Q(demand__manager=request.user))
        demands, achievements = demands.filter(mine), achievements.filter(mine)
    if wanted.get("manager"):
        matches = matches.filter(manager=wanted["manager"])
    if wanted.get("since"):
        matches = matches.filter(created_at__date__gte=wanted["since"])
    if wanted.get("until"):
        matches = matches.filter(created_at__date__lte=wanted["until"])
    matches = matches.order_by("-created_at", "-id")
    stage = wanted.get("stage")
    columns, page = [], None
    if stage:
        page = paginate(request, matches.filter(stage=stage), BOARD_PAGE)
    else:
        counts = dict(matches.values_list("stage").annotate(n=Count("id")).order_by())
        for s in Stage:
            columns.append(
                {"stage": s, "count": counts.get(s.value, 0), "items": matches.filter(stage=s)[:BOARD_CARDS]}
            )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("stage", None)
    return render(
        request,
        "matching/board.html",
        {
            "form": form,
            "stage": Stage(stage) if stage else None,
            "page_obj": page,
            "columns": columns,
            "shown": BOARD_CARDS,
            "query": query.urlencode(),
            "demands": demands.exclude(status=Demand.Status.CLOSED).order_by("code")[:50],
            "achievements": achievements.order_by("code")[:50],
            "everyone": everyone,
        },
    )


def match_detail(request, pk: int):
    match = access.access_match_by_pk(
        request.user, pk, Match.objects.select_related("demand", "achievement", "event", "manager")
    )
    stages = funnel.next_stages(match)
    form = AdvanceForm(request.POST or None, stages=stages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contract = None
        if data["to"] == Stage.CONTRACT:
            value = data.get("contract_value_wan")
            contract = funnel.ContractTerms(
                value_yuan=None if value is None else value * 10_000,
                registration=data.get("contract_registration", ""),
                signed_on=data.get("contract_signed_on"),
            )
        try:
            funnel.advance(
                match,
                data["to"],
                user=request.user,
                note=data["note"],
                event=data["event"],
                contract=contract,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Moved to %(stage)s.") % {"stage": match.get_stage_display()})
            return redirect("hall-match", pk=match.pk)
    follow_form = FollowUpForm(initial={"on": timezone.localdate()})
    return render(
        request,
        "matching/match_detail.html",
        {
            "m": match,
            "form": form,
            "stages": stages,
            "steps": match.steps.select_related("by"),
            "follow_ups": match.follow_ups.all(),
            "follow_form": follow_form,
        },
    )


@require_POST
def match_dismiss(request, pk: int):
    match = access.access_match_by_pk(request.user, pk)
    try:
        funnel.dismiss(match, user=request.user)
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    return redirect("hall-demand", code=match.demand.code)


@require_POST
def match_follow_up(request, pk: int):
    match = access.access_match_by_pk(request.user, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            funnel.add_follow_up(match, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, refusal_text(exc))
    else:
        messages.error(request, _("Fill in the phase, date and note."))
    return redirect("hall-match", pk=pk)
