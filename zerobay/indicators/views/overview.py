"""The overview: every indicator against its target, by category, with the status counts."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zerobay.language import localized_name

from .. import charts, services
from ..catalogue import Indicator
from .formatting import (
    BASIS,
    STATUS_COLOURS,
    STATUS_ORDER,
    label,
    last_computed_at,
    number,
    percent,
    qualified,
    stated,
    status_label,
    status_rule,
    today_stamp,
    unit_names,
)
from .workbook import _xlsx


def _overview_row(row: dict, names: dict[str, str]) -> dict:
    indicator: Indicator = row["indicator"]
    t: services.Tracking = row["tracking"]
    a = t.assessment
    target = t.targets.get(a.target_year) if a.target_year else None
    return {
        "id": indicator.id,
        "name": label(indicator),
        "unit": indicator.unit,
        "basis": t.basis,
        "basis_label": BASIS[t.basis],
        "year": a.year,
        "value": a.value,
        "value_text": number(a.value, indicator.unit) if t.basis == "computed" else stated(a.value),
        "target_year": a.target_year,
        "target": a.target,
        "target_text": qualified(target.value, target.qualifier) if target else "",
        "completion": a.completion,
        "completion_text": percent(a.completion),
        "change": a.change,
        "change_text": percent(a.change, signed=True),
        "status": a.status,
        "status_label": status_label(a.status),
        "conflict": row["conflict"],
        "org_unit": localized_name(row["unit"]) if row["unit"] else names.get(t.unit_code, t.unit_code),
    }


def overview(request):
    names = unit_names()
    groups = [
        {
            "category": label(group["category"]),
            "rows": [_overview_row(r, names) for r in group["rows"]],
        }
        for group in services.overview(request.user)
    ]
    rows = [r for g in groups for r in g["rows"]]
    if request.GET.get("format") == "xlsx":
        return _overview_xlsx(groups)
    counts = {s: 0 for s in STATUS_ORDER}
    for r in rows:
        counts[r["status"]] += 1
    statuses = [
        {
            "status": s,
            "label": status_label(s),
            "count": n,
            "colour": STATUS_COLOURS[s],
        }
        for s, n in counts.items()
    ]
    return render(
        request,
        "indicators/overview.html",
        {
            "groups": groups,
            "total": len(rows),
            "conflicts": sum(r["conflict"] for r in rows),
            "statuses": statuses,
            "chart": charts.status_chart(statuses),
            "rule": status_rule(),
            "computed_at": last_computed_at(),
        },
    )


def _overview_xlsx(groups: list[dict]):
    header = [
        _("Category"),
        _("Indicator ID"),
        _("Indicator"),
        _("Unit"),
        _("Basis"),
        pgettext("indicator", "Org unit"),
        _("Latest year"),
        _("Latest value"),
        _("Target year"),
        _("Target"),
        _("Completion (%)"),
        _("Year-on-year change (%)"),
        _("Status"),
        _("Sources conflict"),
    ]
    rows = [
        [
            g["category"],
            r["id"],
            r["name"],
            r["unit"],
            str(r["basis_label"]),
            r["org_unit"],
            r["year"],
            r["value"],
            r["target_year"],
            r["target"],
            r["completion"] * 100 if r["completion"] is not None else None,
            r["change"] * 100 if r["change"] is not None else None,
            r["status_label"],
            r["conflict"],
        ]
        for g in groups
        for r in g["rows"]
    ]
    filename = _("indicators")
    return _xlsx(f"{filename}-{today_stamp()}.xlsx", [(_("Indicators"), header, rows)])
