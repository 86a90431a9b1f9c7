"""The hall's listings: the public hall and demands, and the worklists of what a user manages
(filtered, searched with the matching engine, paginated, downloadable)."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zerobay.access import role_required
from zerobay.web.pagination import paginate

from .. import access, ranking
from ..exports import achievements_xlsx_response, demands_xlsx_response
from ..forms import (
    HallFilterForm,
)
from ..models import Achievement, Demand

PAGE_SIZE = 20


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


# A search's scores mean nothing to a visitor; how close a hit comes to the best one does.
RELEVANCE = ((0.66, "high", _("Highly relevant"), "green"), (0.33, "medium", _("Relevant"), "blue"))
PARTLY = ("low", _("Partly relevant"), "grey")


def relevance(score: float, best: float) -> tuple[str, str, str]:
    """(code, label, tone) of a hit's score as a share of the best hit's."""
    share = score / best if best > 0 else 0
    return next(((code, label, tone) for floor, code, label, tone in RELEVANCE if share >= floor), PARTLY)


def ranked(qs, hits) -> list:
    """The objects of `qs` in the order of `hits`, each with its score, relevance and reasons."""
    objects = {o.code: o for o in qs.filter(code__in=[h.key for h in hits])}
    best = max((h.score for h in hits), default=0)
    out = []
    for h in hits:
        if (o := objects.get(h.key)) is not None:
            o.score, o.reasons = h.score, h.reasons
            o.relevance, o.relevance_label, o.relevance_tone = relevance(h.score, best)
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
    items = ranked(qs, search(q, qs)) if q else qs.order_by("-published_at", "-id")
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


@role_required(access.can_manage_hall_items)
def manage_achievements(request):
    return _manage(request, "achievements")


@role_required(access.can_manage_hall_items)
def manage_demands(request):
    return _manage(request, "demands")
