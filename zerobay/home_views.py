"""The home page: the user's to-dos (web.todos), and what the user may see, counted."""

import datetime

from django.db.models import Count, Max
from django.shortcuts import render
from django.utils import timezone

from zerobay.accounts.scope import scope_path, within_scope
from zerobay.registry.access import sees_whole_district, visible_enterprises
from zerobay.registry.models import Qualification, QualificationType
from zerobay.statistics.access import visible_batches
from zerobay.statistics.models import AnnualReport
from zerobay.statistics.views import decorate
from zerobay.web.todos import todos_for
from zerobay.web.versions import per_version

RECENT_IMPORTS = 6


def home_summary(user, today: datetime.date) -> dict:
    """Counts over the enterprises `user` may see (once per data version and scope: at district scale
    the certificates' count reads every qualification), and the latest imports (live)."""
    parts = (scope_path(user), sees_whole_district(user), today)
    counts = per_version("home:summary", parts, lambda: _counts(user, today))
    return {**counts, "recent_imports": [decorate(b) for b in visible_batches(user)[:RECENT_IMPORTS]]}


def _counts(user, today: datetime.date) -> dict:
    enterprises = visible_enterprises(user)
    by_kind = dict(
        within_scope(Qualification.objects.valid_on(today), user, "enterprise__org_path")
        .values("kind")
        .annotate(n=Count("enterprise", distinct=True))
        .values_list("kind", "n")
        .order_by()
    )
    annual = within_scope(AnnualReport.objects.all(), user, "enterprise__org_path")
    latest_year = annual.aggregate(year=Max("year"))["year"]
    return {
        "enterprises": enterprises.count(),
        "above_scale": enterprises.filter(above_scale=True).count(),
        "unassigned": enterprises.filter(org_unit__isnull=True).count()
        if sees_whole_district(user)
        else None,
        "qualifications": [
            {"code": code, "label": label, "count": by_kind.get(code, 0)}
            for code, label in QualificationType.choices
        ],
        "latest_year": latest_year,
        "latest_year_reports": annual.filter(year=latest_year).count() if latest_year else 0,
    }


def home(request):
    """Every role's first screen: its to-dos first; the district's figures for the roles that see them."""
    user, today = request.user, timezone.localdate()
    context = {"todos": todos_for(user, today)}
    if user.sees_enterprise_figures:
        context.update(home_summary(user, today), dashboard=True)
    return render(request, "home.html", context)
