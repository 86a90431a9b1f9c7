"""Finance's list of approved projects (approved, paid, remaining), the dashboards with their
export, and 政策找企业 (eligible enterprises that have not applied, with the notify button)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.accounts.models import Role
from zerobay.programs.exports import dashboard_xlsx_response
from zerobay.web.pagination import paginate

from .. import charts, dashboards, services
from ..forms import DashboardFilterForm
from ..models import Call, Clause, Invitation
from ..services.access import FUNDED_STATES
from .common import attempt, require_manager, require_staff_view

PAGE_SIZE = 50


def finance(request):
    user = request.user
    if user.role != Role.FINANCE and not services.can_manage(user):
        raise PermissionDenied
    apps = (
        services.visible_applications(user)
        .filter(state__in=FUNDED_STATES)
        .select_related("enterprise", "clause", "call", "batch")
        .annotate(remaining=F("approved_amount") - F("paid_amount"))
    )
    if request.GET.get("open") == "1":
        apps = apps.filter(remaining__gt=0)
    if q := request.GET.get("q", "").strip():
        apps = apps.filter(enterprise__name__icontains=q) | apps.filter(code__icontains=q)
    page = paginate(request, apps.order_by("-batch__notice_to", "code"), PAGE_SIZE)
    usage = [
        {"call": call, **services.budget_usage(call=call)}
        for call in Call.objects.select_related("policy").order_by("-opens_on")
    ]
    return render(request, "programs/finance.html", {"page_obj": page, "usage": usage, "q": q or ""})


def _years():
    return sorted({d.year for d in Call.objects.dates("opens_on", "year")}, reverse=True)


def dashboard(request):
    require_staff_view(request.user)
    form = DashboardFilterForm(request.GET or None, years=_years())
    wanted = form.cleaned_data if form.is_valid() else {}
    filters = dashboards.Filters(year=wanted.get("year"), policy=wanted.get("policy"))
    data = dashboards.dashboard(services.visible_applications(request.user), filters)
    if request.GET.get("format") == "xlsx":
        return dashboard_xlsx_response(data)
    return render(
        request,
        "programs/dashboard.html",
        {
            "form": form,
            "data": data,
            "funnel_chart": charts.funnel(data),
            "track_chart": charts.amounts_by_track(data),
            "dimensions": [
                ("policy", _("By policy")),
                ("call", _("By call")),
                ("batch", _("By approval batch")),
                ("subpark", _("By sub-park")),
            ],
            "drill_year": filters.year or "",
            "drill_policy": filters.policy.pk if filters.policy else "",
        },
    )


def finder(request, code: str):
    """政策找企业: the enterprises of the user's scope meeting every machine-checkable condition of the
    clause and not yet applied, with the reasons; already invited ones are marked."""
    require_manager(request.user)
    clause = get_object_or_404(Clause.objects.select_related("policy"), code=code)
    today = timezone.localdate()
    found = services.eligible_not_applied(clause, today, request.user)
    invited = set(Invitation.objects.filter(clause=clause).values_list("enterprise_id", flat=True))
    page = paginate(request, found, PAGE_SIZE)
    for row in page.object_list:
        row["invited"] = row["enterprise"].pk in invited
    return render(
        request,
        "programs/finder.html",
        {
            "clause": clause,
            "page_obj": page,
            "total": len(found),
            "uninvited": sum(1 for r in found if r["enterprise"].pk not in invited),
        },
    )


@require_POST
def notify(request, code: str):
    require_manager(request.user)
    clause = get_object_or_404(Clause, code=code)
    n, ok = attempt(request, lambda: services.notify_eligible(clause, timezone.localdate(), request.user))
    if ok:
        messages.success(request, _("%(n)s enterprises have been notified.") % {"n": n})
    return redirect("programs-finder", code=clause.code)
