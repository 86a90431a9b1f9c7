"""The drill-down: the enterprises and report rows behind a computed value (`drill.drill_down`,
which the API reads too), paginated, with the totals they add up to."""

from __future__ import annotations

import math

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from zerobay.registry.models import OrgUnit
from zerobay.statistics.access import visible_batches
from zerobay.web.pagination import paginate

from ..drill import PAGE_SIZE, drill_down
from ..engine.drilldown import Term
from .formatting import label, number, year_param
from .workbook import _xlsx


def _term_text(value: float | None, term: Term) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}" if term.unit == "万元" else number(value, "家")


def indicator_drilldown(request, indicator_id: str):
    d = drill_down(
        request.user,
        indicator_id,
        request.GET.get("org"),
        year_param(request.GET.get("year")),
        request.GET.get("period"),
        request.GET.get("industry"),
    )
    indicator, unit, period, industry, terms, rows = (
        d.indicator,
        d.unit,
        d.period,
        d.industry,
        d.terms,
        d.rows,
    )
    names = dict(OrgUnit.objects.values_list("id", "name"))
    if request.GET.get("format") == "xlsx":
        return _drill_xlsx(indicator, unit, period, industry, terms, rows, names, d.totals)
    page = paginate(request, rows, PAGE_SIZE)
    batch_ids = {r.report.batch_id for r in page.object_list if r.report is not None}
    linkable = set(visible_batches(request.user).filter(pk__in=batch_ids).values_list("pk", flat=True))
    items = [
        {
            "enterprise": r.enterprise,
            "org_unit": names.get(r.enterprise.org_unit_id, ""),
            "values": [_term_text(v, term) for v, term in zip(r.values, terms, strict=True)],
            "report": r.report,
            "import_url": reverse("import-detail", args=[r.report.batch_id])
            if r.report is not None and r.report.batch_id in linkable
            else "",
        }
        for r in page.object_list
    ]
    totals, stored = d.totals, d.stored
    return render(
        request,
        "indicators/drilldown.html",
        {
            "indicator": indicator,
            "name": label(indicator),
            "unit": unit,
            "period": period,
            "industry": industry,
            "terms": terms,
            "items": items,
            "page_obj": page,
            "total_texts": [_term_text(v, t) for v, t in zip(totals["terms"], terms, strict=True)],
            "value_text": number(totals["value"], indicator.unit),
            "stored_text": number(stored, indicator.unit),
            "matches": stored is not None
            and totals["value"] is not None
            and math.isclose(stored, totals["value"], rel_tol=1e-6, abs_tol=1e-9),
            "count": len(rows),
            "count_text": number(len(rows), "家"),
            "back": f"{reverse('indicator-detail', args=[indicator.id])}?{urlencode({'org': unit.code, 'year': period.year})}",
        },
    )


def _drill_xlsx(indicator, unit, period, industry, terms, rows, names, totals):
    header = [
        _("Enterprise name"),
        _("Unified social credit code"),
        _("Org unit"),
        *[f"{t.label}（{t.unit}）" if t.unit else t.label for t in terms],
        _("Import file"),
        _("Row"),
        _("Revision"),
        _("Import"),
    ]
    data = [
        [
            r.enterprise.name,
            r.enterprise.uscc,
            names.get(r.enterprise.org_unit_id, ""),
            *r.values,
            r.report.batch.original_name if r.report else "",
            r.report.source_row if r.report else None,
            r.report.revision if r.report else None,
            r.report.batch_id if r.report else None,
        ]
        for r in rows
    ]
    data.append([_("Total"), "", "", *totals["terms"], "", None, None, None])
    data.append([f"{label(indicator)}（{indicator.unit}）", indicator.formula.text, "", totals["value"]])
    suffix = f"-{industry.code}" if industry else ""
    return _xlsx(f"{indicator.id}-{unit.code}-{period}{suffix}.xlsx", [(_("Enterprises"), header, data)])
