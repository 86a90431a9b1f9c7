"""Pages of the achievements hall.

The public pages (the hall, details, demands, challenge lists) are open without login and show only
what access.py calls public; everything is loaded through access.py, so a draft is a 404 to those
who may not see it. Staff pages (board, funnel, events) need a hall role.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.accounts import audit
from zerobay.accounts.notifications import notify
from zerobay.registry.access import visible_enterprises
from zerobay.web.pagination import paginate

from . import access, charts, editing, funnel, ranking, workflow
from .exports import achievements_xlsx_response, demands_xlsx_response
from .forms import (
    AchievementForm,
    AdvanceForm,
    DemandForm,
    EventForm,
    FollowUpForm,
    HallFilterForm,
    InterestForm,
    ResponseForm,
)
from .models import Achievement, ChallengeList, ChallengeResponse, Demand, Interest, Match, MatchEvent, Stage

PAGE_SIZE = 20


def _staff_only(user):
    if not access.is_hall_staff(user):
        raise Http404("not found")


# ---------------------------------------------------------------- listings


def _filter_achievements(qs, wanted: dict):
    if wanted.get("field"):
        qs = qs.filter(Q(field=wanted["field"]) | Q(track__parent__parent=wanted["field"]))
    if wanted.get("track"):
        qs = qs.filter(track=wanted["track"])
    if wanted.get("stage"):
        qs = qs.filter(stage=wanted["stage"])
    if wanted.get("mode"):
        qs = qs.filter(transfer_modes__contains=wanted["mode"])
    if wanted.get("status"):
        qs = qs.filter(status=wanted["status"])
    return qs


def _filter_demands(qs, wanted: dict):
    if wanted.get("field"):
        qs = qs.filter(Q(field=wanted["field"]) | Q(track__parent__parent=wanted["field"]))
    if wanted.get("track"):
        qs = qs.filter(track=wanted["track"])
    if wanted.get("status"):
        qs = qs.filter(status=wanted["status"])
    return qs


def _ranked(qs, hits) -> list:
    """The objects of `qs` in the order of `hits`, each with its score and reasons."""
    objects = {o.code: o for o in qs.filter(code__in=[h.key for h in hits])}
    out = []
    for h in hits:
        if (o := objects.get(h.key)) is not None:
            o.score, o.reasons = h.score, h.reasons
            out.append(o)
    return out


def _listing(request, kind: str, base, *, statuses=None):
    form = HallFilterForm(request.GET or None, statuses=statuses)
    wanted = form.wanted()
    if kind == "achievements":
        qs = _filter_achievements(base, wanted).select_related("field", "track")
        if request.GET.get("format") == "xlsx":
            return None, achievements_xlsx_response(qs)
        search = ranking.search_achievements
    else:
        qs = _filter_demands(base, wanted).select_related("field", "track", "enterprise", "challenge")
        if request.GET.get("format") == "xlsx":
            return None, demands_xlsx_response(qs)
        search = ranking.search_demands
    q = (wanted.get("q") or "").strip()
    items = _ranked(qs, search(q, qs)) if q else qs.order_by("-published_at", "-id")
    page = paginate(request, items, PAGE_SIZE)
    return {
        "form": form,
        "page_obj": page,
        "q": q,
        "filtered": bool(request.GET.dict().keys() - {"page"}),
    }, None


@login_not_required
def home(request):
    """The public hall: published achievements, searchable and filterable."""
    context, download = _listing(request, "achievements", access.public_achievements())
    if download:
        return download
    context["counts"] = {
        "achievements": access.public_achievements().count(),
        "demands": access.public_demands().count(),
        "challenges": access.public_challenges().count(),
    }
    context["tab"] = "achievements"
    return render(request, "matching/home.html", context)


@login_not_required
def demand_list(request):
    context, download = _listing(request, "demands", access.public_demands())
    if download:
        return download
    context["tab"] = "demands"
    return render(request, "matching/demand_list.html", context)


def _manage(request, kind: str):
    """Every item the user may see, in any status: the office's worklist, an enterprise's own."""
    if not (access.is_hall_staff(request.user) or access.own_enterprise_id(request.user)):
        raise Http404("not found")
    visible, model = {
        "achievements": (access.visible_achievements, Achievement),
        "demands": (access.visible_demands, Demand),
    }[kind]
    base = visible(request.user)
    if not access.is_hall_staff(request.user):
        base = base.filter(enterprise_id=request.user.enterprise_id)
    context, download = _listing(request, kind, base, statuses=model.Status.choices)
    if download:
        return download
    context["tab"] = f"manage-{kind}"
    return render(request, f"matching/manage_{kind}.html", context)


def manage_achievements(request):
    return _manage(request, "achievements")


def manage_demands(request):
    return _manage(request, "demands")


# ---------------------------------------------------------------- achievements


@login_not_required
def achievement_detail(request, code: str):
    a = access.get_or_404(
        access.visible_achievements(request.user).select_related("field", "track"), code=code
    )
    context = {
        "a": a,
        "actions": [(x, workflow.ACTION_LABELS[x]) for x in workflow.achievement_actions(request.user, a)],
        "can_edit": access.can_edit_achievement(request.user, a),
        "interested": request.user.is_authenticated and a.interests.filter(user=request.user).exists(),
        "can_express": request.user.is_authenticated
        and not access.is_hall_staff(request.user)
        and a.status == Achievement.Status.PUBLISHED,
    }
    if access.is_hall_staff(request.user):
        context["demand_hits"] = _ranked(
            access.public_demands(), ranking.demands_for_achievement(a, access.public_demands(), top=10)
        )
        context["enterprise_fits"] = ranking.enterprises_for_achievement(
            a, visible_enterprises(request.user), today=timezone.localdate(), top=10
        )
        context["matches"] = a.matches.select_related("demand").order_by("-score")
        context["interests"] = a.interests.select_related("user", "enterprise")
    return render(request, "matching/achievement_detail.html", context)


def achievement_edit(request, code: str | None = None):
    if code is None:
        if not (access.can_review(request.user) or access.own_enterprise_id(request.user)):
            raise Http404("not found")
        instance = None
    else:
        instance = access.get_or_404(access.visible_achievements(request.user), code=code)
        if not access.can_edit_achievement(request.user, instance):
            raise PermissionDenied
    form = AchievementForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        a = editing.save_achievement(form, user=request.user)
        messages.success(request, _("The achievement has been saved."))
        return redirect("hall-achievement", code=a.code)
    return render(request, "matching/achievement_form.html", {"form": form, "a": instance})


@require_POST
def achievement_move(request, code: str):
    a = access.get_or_404(access.visible_achievements(request.user), code=code)
    try:
        workflow.move_achievement(
            a, request.POST.get("action", ""), user=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("Done: %(status)s") % {"status": a.get_status_display()})
    return redirect("hall-achievement", code=a.code)


# ---------------------------------------------------------------- demands


@login_not_required
def demand_detail(request, code: str):
    d = access.get_or_404(
        access.visible_demands(request.user).select_related("field", "track", "enterprise", "challenge"),
        code=code,
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
        instance = access.get_or_404(access.visible_demands(request.user), code=code)
        if not access.can_edit_demand(request.user, instance):
            raise PermissionDenied
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
    d = access.get_or_404(access.visible_demands(request.user), code=code)
    try:
        workflow.move_demand(d, request.POST.get("action", ""), user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("hall-demand", code=d.code)


@require_POST
def demand_suggest(request, code: str):
    _staff_only(request.user)
    d = access.get_or_404(access.visible_demands(request.user), code=code)
    found = funnel.suggest(d, user=request.user)
    messages.success(request, _("%(n)d achievements suggested.") % {"n": len(found)})
    return redirect("hall-demand", code=d.code)


# ---------------------------------------------------------------- interest and responses


@require_POST
def express_interest(request, kind: str, code: str):
    if kind not in ("achievement", "demand"):
        raise Http404("not found")
    if kind == "achievement":
        obj = access.get_or_404(access.public_achievements(), code=code)
        target = {"achievement": obj}
        link = f"/hall/achievements/{code}/"
        staff_to = obj.manager
    else:
        obj = access.get_or_404(access.public_demands(), code=code)
        target = {"demand": obj}
        link = f"/hall/demands/{code}/"
        staff_to = obj.manager
    form = InterestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        with transaction.atomic():
            Interest.objects.create(
                user=request.user,
                enterprise_id=access.own_enterprise_id(request.user),
                message=message,
                **target,
            )
            audit.record("matching.interest", actor=request.user, obj=obj, summary=f"表达合作意向：{obj}")
            if staff_to is not None:
                notify(
                    [staff_to],
                    title=f"有用户对“{obj.title}”感兴趣"[:200],
                    body=message,
                    link=link,
                    kind="matching.interest",
                )
    except IntegrityError:
        messages.info(request, _("You have already expressed interest."))
    else:
        messages.success(request, _("Your interest has been sent to the technology manager."))
    return redirect(link)


@require_POST
def challenge_respond(request, code: str):
    d = access.get_or_404(
        access.public_demands().filter(challenge__status=ChallengeList.Status.PUBLISHED), code=code
    )
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the responder and the solution."))
        return redirect("hall-demand", code=code)
    with transaction.atomic():
        response = form.save(commit=False)
        response.demand, response.submitted_by = d, request.user
        response.save()
        audit.record(
            "matching.challenge.respond", actor=request.user, obj=d, summary=f"揭榜：{response.responder}"
        )
    messages.success(request, _("Your solution has been submitted."))
    return redirect("hall-demand", code=code)


@require_POST
def challenge_select(request, pk: int):
    if not access.can_review(request.user):
        raise Http404("not found")
    response = access.get_or_404(ChallengeResponse.objects.select_related("demand"), pk=pk)
    with transaction.atomic():
        response.demand.responses.exclude(pk=pk).update(status=ChallengeResponse.Status.NOT_SELECTED)
        response.status = ChallengeResponse.Status.SELECTED
        response.save(update_fields=["status"])
        audit.record(
            "matching.challenge.select",
            actor=request.user,
            obj=response.demand,
            summary=f"揭榜方入选：{response.responder}",
        )
    return redirect("hall-demand", code=response.demand.code)


# ---------------------------------------------------------------- challenge lists


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
    challenge = access.get_or_404(access.visible_challenges(request.user), pk=pk)
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
    challenge = access.get_or_404(access.visible_challenges(request.user), pk=pk)
    try:
        workflow.publish_challenge(challenge, user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("hall-challenge", pk=pk)


# ---------------------------------------------------------------- the funnel


def board(request):
    """A technology manager's board: the demands and achievements assigned to them and their matches
    by stage. The tech-transfer office sees everyone's (or one manager's with ?manager=)."""
    _staff_only(request.user)
    mine = Q(manager=request.user)
    everyone = access.can_review(request.user) and request.GET.get("mine") != "1"
    matches = Match.objects.filter(dismissed=False).select_related("demand", "achievement", "manager")
    demands = Demand.objects.select_related("enterprise").annotate(
        suggested=Count("matches", filter=Q(matches__dismissed=False))
    )
    achievements = Achievement.objects.all()
    if not everyone:
        matches = matches.filter(Q(manager=request.user) | Q(demand__manager=request.user))
        demands, achievements = demands.filter(mine), achievements.filter(mine)
    columns = []
    for stage in Stage:
        items = matches.filter(stage=stage).order_by("demand__code", "rank", "-score")
        columns.append({"stage": stage, "count": items.count(), "items": items[:30]})
    return render(
        request,
        "matching/board.html",
        {
            "columns": columns,
            "demands": demands.exclude(status=Demand.Status.CLOSED).order_by("code")[:50],
            "achievements": achievements.order_by("code")[:50],
            "everyone": everyone,
        },
    )


def match_detail(request, pk: int):
    match = access.get_or_404(
        access.visible_matches(request.user).select_related("demand", "achievement", "event", "manager"),
        pk=pk,
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
    match = access.get_or_404(access.visible_matches(request.user), pk=pk)
    try:
        funnel.dismiss(match, user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("hall-demand", code=match.demand.code)


@require_POST
def match_follow_up(request, pk: int):
    match = access.get_or_404(access.visible_matches(request.user), pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            funnel.add_follow_up(match, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, _("Fill in the phase, date and note."))
    return redirect("hall-match", pk=pk)


def dashboard(request):
    """The funnel of a year (ECharts), each figure linked to the records it counts."""
    if not (access.is_hall_staff(request.user) or request.user.sees_district_data):
        raise Http404("not found")
    years = sorted({d.year for d in Demand.objects.dates("created_at", "year")}, reverse=True)
    year = _year(request, years)
    steps = funnel.funnel_counts(year)
    return render(
        request,
        "matching/dashboard.html",
        {
            "year": year,
            "years": years,
            "steps": steps,
            "stage_counts": [(Stage(s).label, n) for s, n in funnel.stage_counts().items()],
            "chart": charts.funnel(steps),
        },
    )


def _year(request, years) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return years[0] if years else timezone.localdate().year


def dashboard_drill(request, key: str):
    if not (access.is_hall_staff(request.user) or request.user.sees_district_data):
        raise Http404("not found")
    if key not in funnel.FUNNEL_STEPS:
        raise Http404("not found")
    years = sorted({d.year for d in Demand.objects.dates("created_at", "year")}, reverse=True)
    year = _year(request, years)
    qs = funnel.funnel_querysets(year)[key]
    if key == "demands":
        qs = qs.select_related("enterprise").order_by("code")
    elif key == "events":
        qs = qs.annotate(n=Count("matches")).order_by("held_on", "id")
    else:
        qs = qs.select_related("demand", "achievement", "manager").order_by("demand__code")
    page = paginate(request, qs, 50)
    return render(
        request,
        "matching/dashboard_drill.html",
        {"key": key, "label": funnel.FUNNEL_LABELS[key], "year": year, "page_obj": page},
    )


# ---------------------------------------------------------------- events


def event_list(request):
    _staff_only(request.user)
    form = EventForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save(commit=False)
            event.organiser = request.user
            event.save()
            audit.record("matching.event.create", actor=request.user, obj=event, summary=f"对接活动：{event}")
        messages.success(request, _("The event has been recorded."))
        return redirect("hall-events")
    events = MatchEvent.objects.annotate(n=Count("matches")).order_by("-held_on", "-id")
    return render(
        request, "matching/event_list.html", {"form": form, "page_obj": paginate(request, events, 30)}
    )
