"""The funnel dashboard of a year, each figure drilled down to the records it counts."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from zerobay.access import role_required
from zerobay.web.pagination import paginate

from .. import access, charts, funnel
from ..models import Demand, Stage


@role_required(access.can_see_funnel)
def dashboard(request):
    """The funnel of a year (ECharts), each figure linked to the records it counts."""
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


@role_required(access.can_see_funnel)
def dashboard_drill(request, key: str):
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
