"""Pages of enterprise cultivation: the home page, candidate lists (screening) with their xlsx export,
an enterprise's ladder and criteria, the certificate watch and the ladder.

Every page works in the user's scope (zerobay.accounts.scope): a sub-park operator screens its own
subtree only; an enterprise user sees its own enterprise page only; anything else is a 404."""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.registry.access import visible_org_units
from zerobay.registry.models import OrgUnit
from zerobay.web.pagination import paginate

from . import exports
from .access import access_cultivated_enterprise_by_uscc, access_scope_by_org_code
from .ladder import (
    CODES,
    RUNGS,
    candidates,
    enterprise_ladder,
)
from .rules import RULES
from .screening import STATUS_LABELS, STATUSES
from .services import (
    CERTIFICATES_WITHIN,
    HOME_RULES,
    enterprise_qualifications,
    ladder_day,
    ladder_tables,
    screen_scope,
    status_counts,
)
from .services import certificates as cached_certificates

PAGE_SIZE = 50


def _staff_scope(request, org_code: str | None = None) -> tuple[str, object]:
    return access_scope_by_org_code(request.user, org_code)


def _as_of(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def _link(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # the reporting chase may not be installed
        return None


def unit_names() -> dict[str, str]:
    """Org-unit codes to the names people know them by (the pages show names, never codes)."""
    return dict(OrgUnit.objects.values_list("code", "name"))


def home(request):
    user = request.user
    if not user.sees_district_data:
        own = getattr(user, "enterprise", None)
        return render(request, "cultivation/home.html", {"own": own, "cards": []})
    path, _unit = _staff_scope(request)
    as_of = timezone.localdate()
    cards = [{"rule": RULES[r], "counts": counts} for r, counts in status_counts(HOME_RULES, as_of, path)]
    return render(
        request,
        "cultivation/home.html",
        {
            "cards": cards,
            "as_of": as_of,
            "labels": STATUS_LABELS,
            "chase_url": _link("reporting-chase"),
            "upscale_url": _link("upscale-candidates"),
        },
    )


def candidate_list(request, qualification: str):
    if qualification not in RULES:
        raise Http404("No such qualification")
    path, unit = _staff_scope(request, request.GET.get("org") or None)
    as_of = _as_of(request)
    status = request.GET.get("status", "near")
    status = status if status in STATUSES or status == "all" else "near"
    q = request.GET.get("q", "").strip()
    found = screen_scope(qualification, as_of, path, status=None if status == "all" else status, q=q)
    if request.GET.get("format") == "xlsx":
        return exports.screening_xlsx_response(*found.full())
    page = paginate(request, found.ids, PAGE_SIZE)
    rows = found.rows(page.object_list)
    names = unit_names()
    for row in rows:
        row["status_label"] = STATUS_LABELS[row["status"]]
        row["org_unit_name"] = names.get(row["org_unit"], row["org_unit"])
    counts = found.counts
    tabs = [{"code": "all", "label": _("All"), "count": sum(counts.values()), "current": status == "all"}] + [
        {"code": s, "label": STATUS_LABELS[s], "count": counts[s], "current": status == s} for s in STATUSES
    ]
    return render(
        request,
        "cultivation/candidates.html",
        {
            "rule": found.rule,
            "rules": [RULES[r] for r in HOME_RULES],
            "as_of": as_of,
            "status": status,
            "tabs": tabs,
            "rows": rows,
            "page_obj": page,
            "unit": unit,
            "units": visible_org_units(request.user).filter(kind="subpark"),
            "q": q,
        },
    )


def enterprise_page(request, uscc: str):
    enterprise = access_cultivated_enterprise_by_uscc(request.user, uscc)
    as_of = _as_of(request)
    ladder = enterprise_ladder(enterprise, as_of)
    sections = []
    for result in enterprise_qualifications(enterprise, as_of, HOME_RULES):
        row = result.row(0)
        sections.append(
            {
                "rule": result.rule,
                "status": row["status"],
                "status_label": STATUS_LABELS[row["status"]],
                "criteria": row["criteria"],
            }
        )
    ladder["status_label"] = STATUS_LABELS.get(ladder["status"], "")
    return render(
        request,
        "cultivation/enterprise.html",
        {"enterprise": enterprise, "as_of": as_of, "ladder": ladder, "sections": sections, "rungs": RUNGS},
    )


def certificates(request):
    path, unit = _staff_scope(request, request.GET.get("org") or None)
    as_of = _as_of(request)
    try:
        within = max(1, min(int(request.GET.get("within", CERTIFICATES_WITHIN)), 1100))
    except ValueError:
        within = CERTIFICATES_WITHIN
    watch = cached_certificates(as_of, within, path)
    if request.GET.get("format") == "xlsx":
        return exports.certificates_xlsx_response(watch)
    page = paginate(request, watch["expiring"], PAGE_SIZE)
    names = unit_names()
    for item in page.object_list:
        item["org_unit_name"] = names.get(item["org_unit"], item["org_unit"])
    return render(
        request,
        "cultivation/certificates.html",
        {"watch": watch, "page_obj": page, "as_of": as_of, "within": within, "unit": unit},
    )


def ladder(request):
    path, unit = _staff_scope(request, request.GET.get("org") or None)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    day = ladder_day(year, today)
    by_subpark, by_track, matrix = ladder_tables(year, today, path)
    return render(
        request,
        "cultivation/ladder.html",
        {
            "year": year,
            "day": day,
            "rungs": RUNGS,
            "by_subpark": by_subpark,
            "by_track": by_track,
            "flows": [{"rung": RUNGS[i], "row": row} for i, row in enumerate(matrix)],
            "unit": unit,
            "climbable": [r for k, r in enumerate(RUNGS[:-1]) if RUNGS[k + 1].rule],
        },
    )


def ladder_candidates(request, rung: str):
    if rung not in CODES:
        raise Http404("No such rung")
    path, _unit = _staff_scope(request, request.GET.get("org") or None)
    as_of = _as_of(request)
    result = candidates(rung, as_of, path)
    if result is None:
        raise Http404("No rung above")
    positions = [p for s in ("eligible", "near") for p in result.positions(s)]
    return exports.screening_xlsx_response(result, positions, prefix=f"{RUNGS[CODES.index(rung)].name}-")
