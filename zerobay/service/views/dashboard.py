"""The service dashboard: requests by category, unit and state, the deadline rates, satisfaction,
reopen rate and overdue lists; every figure links to its requests; xlsx export."""

from django.shortcuts import render
from django.utils import timezone

from zerobay.access import role_required

from .. import access, charts, exports, stats


@role_required(access.can_see_dashboard)
def dashboard(request):
    data = stats.dashboard(request.user, timezone.localdate())
    if request.GET.get("format") == "xlsx":
        return exports.dashboard_xlsx_response(data)
    context = {
        "data": data,
        "charts": [(t, charts.by_group(t)) for t in data["tables"] if t["key"] != "state" and t["rows"]],
    }
    return render(request, "service/dashboard.html", context)
