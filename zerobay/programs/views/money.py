"""Finance's list of approved projects (approved, paid, remaining), the dashboards with their
export, and 政策找企业 (eligible enterprises that have not applied, with the notify button)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import role_required
from zerobay.programs.exports import dashboard_xlsx_response
from zerobay.web.pagination import paginate

from .. import charts, dashboards, services
from ..forms import DashboardFilterForm
from ..models import Call, Clause, Invitation
from ..services.finance import funded_projects, usage_by_call
from .common import attempt, can_manage, can_view_district_work, can_view_finance

PAGE_SIZE = 50


@role_required(can_view_finance)
def finance(request):
    q = request.GET.get("q", "").strip()
    projects = funded_projects(request.user, open_only=request.GET.get("open") == "1", q=q)
    page = paginate(request, projects, PAGE_SIZE)
    return render(request, "programs/finance.html", {"page_obj": page, "usage": usage_by_call(), "q": q})


def _years():
    return sorted({d.year for d in Call.objects.dates("opens_on", "year")}, reverse=True)


@role_required(can_view_district_work)
def dashboard(request):
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


@role_required(can_manage)
def finder(request, code: str):
    """政策找企业: the enterprises of the user's scope meeting every machine-checkable condition of the
    clause and not yet applied, with the reasons; already invited ones are marked."""
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
@role_required(can_manage)
def notify(request, code: str):
    clause = get_object_or_404(Clause, code=code)
    n, ok = attempt(request, lambda: services.notify_eligible(clause, timezone.localdate(), request.user))
    if ok:
        messages.success(request, _("%(n)s enterprises have been notified.") % {"n": n})
    return redirect("programs-finder", code=clause.code)
