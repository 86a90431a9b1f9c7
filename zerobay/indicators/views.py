"""Indicator pages: the overview against targets, one indicator (series, target path, forecast,
tracking, published figures with their sources, conflicts, breakdowns), the drill-down to the
enterprises and report rows behind a computed value, and the sub-park composite evaluation.
Every table can be exported to xlsx (`?format=xlsx`).

Views parse the query, call `services` (and the engine's drill-down) and render. Org units are
reached only through `services.access_unit` / `services.visible_units`: an org unit outside the
user's subtree is a 404, like a missing one; the drill-down engine reads that subtree only.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

import xlsxwriter
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from zerobay.registry.exports import xlsx_download
from zerobay.registry.models import OrgUnit
from zerobay.statistics.access import visible_batches
from zerobay.statistics.periods import Period
from zerobay.web.pagination import paginate

from . import charts, evaluation, services, tracking
from .catalogue import COUNT_UNITS, Indicator, catalogue
from .drill import PAGE_SIZE, drill_target, drill_totals, stored_value
from .engine.drilldown import Term, contributions
from .models import PeriodKind, PublishedFigure

BREAKDOWNS = {
    "org": gettext_lazy("By org unit"),
    "field": gettext_lazy("By field"),
    "track": gettext_lazy("By track"),
}
STATUS_ORDER = ("achieved", "on_track", "at_risk", "off_track", "no_target", "no_data")
STATUS_BADGES = {
    "achieved": "badge-green",
    "on_track": "badge-green",
    "at_risk": "badge-amber",
    "off_track": "badge-red",
    "no_target": "badge-grey",
    "no_data": "badge-grey",
}
STATUS_COLOURS = {
    "achieved": "#18794e",
    "on_track": "#4caf7a",
    "at_risk": "#d99a00",
    "off_track": "#b42318",
    "no_target": "#9aa5b1",
    "no_data": "#cfd5dc",
}
BASIS = {
    "computed": gettext_lazy("Computed"),
    "published": gettext_lazy("Published"),
    "none": gettext_lazy("No value"),
}
DIRECTIONS = {"higher": gettext_lazy("Higher is better"), "lower": gettext_lazy("Lower is better")}
METHODS = {"expert": gettext_lazy("Expert weights"), "entropy": gettext_lazy("Entropy weights")}


# ---------- formatting --------------------------------------------------------------------------


def _english() -> bool:
    return (get_language() or "").startswith("en")


def label(item) -> str:
    """The name of an indicator or category in the page's language."""
    return item.name_en if _english() and getattr(item, "name_en", "") else item.name


def status_label(status: str) -> str:
    zh, en = tracking.STATUS_LABELS[status]
    return en if _english() else zh


def status_rule() -> str:
    return tracking.STATUS_RULE_EN if _english() else tracking.STATUS_RULE


def number(value, unit: str = "") -> str:
    """A computed value: thousands separators; whole counts without decimals, the rest with 2."""
    if value is None or not math.isfinite(float(value)):
        return ""
    value = float(value)
    if unit in COUNT_UNITS and abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}"


def stated(value) -> str:
    """A published figure as the document states it (its own decimals), with thousands separators."""
    if value is None:
        return ""
    d = Decimal(str(value)).normalize()
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d:,f}"


def percent(rate: float | None, signed: bool = False) -> str:
    """A ratio as a percentage: one decimal ("87.5%"), two below one percent ("+0.05%")."""
    if rate is None or not math.isfinite(rate):
        return ""
    digits = 2 if abs(rate) < 0.01 else 1
    return f"{rate * 100:+,.{digits}f}%" if signed else f"{rate * 100:,.{digits}f}%"


def qualified(value, qualifier: str) -> str:
    text = stated(value)
    if text and qualifier:
        return f"{PublishedFigure.Qualifier(qualifier).label} {text}"
    return text


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _unit_names() -> dict[str, str]:
    return dict(OrgUnit.objects.values_list("code", "name"))


def _computed_at() -> datetime.datetime | None:
    at = services.last_run_at()
    return datetime.datetime.fromisoformat(at) if at else None


def _unit_options(user) -> list[dict]:
    """The org units a user may choose, indented by depth below the top of the user's subtree."""
    units = list(services.visible_units(user).order_by("path"))
    top = min((u.depth for u in units), default=0)
    return [{"code": u.code, "label": "\u3000" * (u.depth - top) + u.name} for u in units]


def _drill_url(indicator_id: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse('indicator-drilldown', args=[indicator_id])}?{query}"


def _xlsx(filename: str, sheets: list[tuple[str, list[str], list[list]]]):
    """A workbook with one sheet per (title, header, rows); numbers stay numbers."""

    def write(fileobj):
        workbook = xlsxwriter.Workbook(fileobj, {"strings_to_numbers": False, "in_memory": True})
        head = workbook.add_format({"bold": True, "bg_color": "#E8F0FB", "border": 1, "text_wrap": True})
        decimal = workbook.add_format({"num_format": "#,##0.00##"})
        for title, header, rows in sheets:
            sheet = workbook.add_worksheet(title[:31])
            sheet.write_row(0, 0, header, head)
            sheet.freeze_panes(1, 0)
            for r, row in enumerate(rows, start=1):
                for c, cell in enumerate(row):
                    if cell is None:
                        continue
                    if isinstance(cell, bool):
                        sheet.write_string(r, c, _("yes") if cell else _("no"))
                    elif isinstance(cell, int | float | Decimal):
                        if isinstance(cell, float) and not math.isfinite(cell):
                            continue
                        sheet.write_number(r, c, float(cell), decimal)
                    else:
                        sheet.write_string(r, c, str(cell))
            sheet.set_column(0, max(len(header) - 1, 0), 14)
            sheet.autofilter(0, 0, max(len(rows), 1), max(len(header) - 1, 0))
        workbook.close()

    return xlsx_download(write, filename)


def _today() -> str:
    return f"{timezone.localdate():%Y%m%d}"


# ---------- overview ----------------------------------------------------------------------------


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
        "badge": STATUS_BADGES[a.status],
        "conflict": row["conflict"],
        "org_unit": row["unit"].name if row["unit"] else names.get(t.unit_code, t.unit_code),
    }


def overview(request):
    names = _unit_names()
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
            "badge": STATUS_BADGES[s],
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
            "computed_at": _computed_at(),
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
    return _xlsx(f"{filename}-{_today()}.xlsx", [(_("Indicators"), header, rows)])


# ---------- one indicator -----------------------------------------------------------------------


def _chart(indicator: Indicator, t: services.Tracking) -> dict:
    """The series of the line chart: computed values, published actuals, the target path and the
    forecast with its interval, each as [year, value] pairs."""
    computed = t.series if t.basis == "computed" else {}
    published = services.published_actuals(t.published, t.unit_code)
    a = t.assessment
    forecast, band = [], []
    if a.forecast and a.forecast.points and a.year is not None:
        forecast = [[a.year, a.value]] + [[p.year, p.value] for p in a.forecast.points]
        if any(p.low is not None for p in a.forecast.points):
            band = [[a.year, a.value, a.value]] + [
                [p.year, p.low, p.high] for p in a.forecast.points if p.low is not None
            ]
    return {
        "unit": indicator.unit,
        "computed": sorted([y, v] for y, v in computed.items()),
        "published": sorted([y, v] for y, v in published.items()),
        "targets": sorted([y, float(f.value)] for y, f in t.targets.items()),
        "forecast": forecast,
        "band": band,
        "labels": {
            "computed": _("Computed value"),
            "published": _("Published actual"),
            "targets": _("Target / plan"),
            "forecast": _("Forecast"),
            "band": _("Prediction interval"),
        },
    }


def _tracking(indicator: Indicator, t: services.Tracking) -> dict:
    a = t.assessment
    target = t.targets.get(a.target_year) if a.target_year else None
    by_year = t.targets
    return {
        "basis": t.basis,
        "basis_label": BASIS[t.basis],
        "year": a.year,
        "value_text": number(a.value, indicator.unit) if t.basis == "computed" else stated(a.value),
        "target_year": a.target_year,
        "target_text": qualified(target.value, target.qualifier) if target else "",
        "target_source": target,
        "completion_text": percent(a.completion),
        "change_text": percent(a.change, signed=True),
        "required": [
            {
                "year": year,
                "target_text": qualified(by_year[year].value, by_year[year].qualifier)
                if year in by_year
                else stated(goal),
                "rate_text": percent(rate, signed=True),
            }
            for year, goal, rate in a.required
        ],
        "status": a.status,
        "status_label": status_label(a.status),
        "badge": STATUS_BADGES[a.status],
        "rule": a.rule,
        "forecast_note": a.forecast.note if a.forecast else "",
    }


def _target_title(t: services.Tracking, published: list[dict]) -> str:
    target = t.targets.get(t.assessment.target_year) if t.assessment.target_year else None
    titles = {f["source"]: f["title"] for f in published}
    return titles.get(target.source, "") if target else ""


def _published_rows(published: list[dict], conflicts: list[dict], names: dict[str, str]) -> list[dict]:
    flagged = {
        (s["source"], s["year"], s["kind"], s["location"], c["indicator"])
        for c in conflicts
        for s in c["sources"]
    }
    rows = []
    for f in published:
        growth = ""
        if f["growth"] is not None:
            growth = _("YoY %(rate)s%%") % {"rate": stated(f["growth"])}
        if f["cagr"] is not None:
            cagr = _("CAGR %(rate)s%% since %(year)s") % {"rate": stated(f["cagr"]), "year": f["cagr_from"]}
            growth = f"{growth}；{cagr}" if growth else cagr
        rows.append(
            {
                **f,
                "kind_label": PublishedFigure.Kind(f["kind"]).label,
                "value_text": stated(f["value"]),
                "qualifier_label": PublishedFigure.Qualifier(f["qualifier"]).label if f["qualifier"] else "",
                "growth_text": growth,
                "scope_name": names.get(f["scope"], f["scope"]),
                "conflict": (f["source"], f["year"], f["kind"], f["location"], f["indicator"]) in flagged,
            }
        )
    return rows


def _conflict_rows(conflicts: list[dict], names: dict[str, str]) -> list[dict]:
    english = _english()
    return [
        {
            **c,
            "text": c["message_en"] if english and c["message_en"] else c["message"],
            "scope_name": names.get(c["scope"], c["scope"]),
            "sources": [
                {
                    **s,
                    "kind_label": PublishedFigure.Kind(s["kind"]).label,
                    "value_text": stated(s["value"]),
                }
                for s in c["sources"]
            ],
        }
        for c in conflicts
    ]


def _series_rows(
    indicator: Indicator, unit: OrgUnit | None, computed: list[dict], chart: dict, year: int | None
):
    """Yearly rows (and the sub-year periods of the chosen year) with what is known for each."""
    published = dict((y, v) for y, v in chart["published"])
    targets = dict((y, v) for y, v in chart["targets"])
    forecast = {p[0]: p for p in chart["band"]}
    points = dict((y, v) for y, v in chart["forecast"][1:])
    yearly = {c["year"]: c for c in computed if c["period"] == str(c["year"])}
    years = sorted(set(yearly) | set(published) | set(targets) | set(points) | {c["year"] for c in computed})
    rows = []
    for y in years:
        c = yearly.get(y)
        rows.append(
            {
                "period": str(y),
                "year": y,
                "computed": c["value"] if c else None,
                "computed_text": number(c["value"], indicator.unit) if c else "",
                "enterprises": c["enterprises"] if c else None,
                "drill": _drill_url(indicator.id, org=unit.code, year=y) if (c and unit) else "",
                "published": published.get(y),
                "published_text": stated(published.get(y)),
                "target": targets.get(y),
                "target_text": stated(targets.get(y)),
                "forecast": points.get(y),
                "forecast_text": number(points.get(y), indicator.unit),
                "low": forecast[y][1] if y in forecast and y in points else None,
                "high": forecast[y][2] if y in forecast and y in points else None,
            }
        )
        if y == year:
            for s in computed:
                if s["year"] == y and s["period"] != str(y):
                    rows.append(
                        {
                            "period": s["period"],
                            "year": y,
                            "sub": True,
                            "computed": s["value"],
                            "computed_text": number(s["value"], indicator.unit),
                            "enterprises": s["enterprises"],
                            "drill": _drill_url(indicator.id, org=unit.code, year=y, period=s["period"]),
                        }
                    )
    for r in rows:
        r["enterprises_text"] = number(r["enterprises"], "家")
        r["interval_text"] = (
            f"{number(r['low'], indicator.unit)} ～ {number(r['high'], indicator.unit)}"
            if r.get("low") is not None
            else ""
        )
    return rows


def _breakdown(indicator: Indicator, unit: OrgUnit, year: int, by: str) -> dict:
    rows = services.breakdown(indicator, unit, year, by)
    for r in rows:
        r["value_text"] = number(r["value"], indicator.unit)
        r["enterprises_text"] = number(r["enterprises"], "家")
        if by == "org":
            r["drill"] = _drill_url(indicator.id, org=r["code"], year=year)
        else:
            r["drill"] = _drill_url(indicator.id, org=unit.code, year=year, industry=r["code"])
    return {
        "by": by,
        "year": year,
        "rows": rows,
        "options": [{"key": k, "label": v} for k, v in BREAKDOWNS.items()],
        "chart": {
            "names": [r["name"] for r in rows],
            "values": [r["value"] for r in rows],
            "unit": indicator.unit,
        },
    }


def indicator_detail(request, indicator_id: str):
    indicator = services.get_indicator(indicator_id)
    user = request.user
    unit = services.chosen_unit(user, indicator, request.GET.get("org"))
    year = _int(request.GET.get("year"))
    reading = services.read_indicator(indicator, unit, as_of=year)
    t = reading.tracking
    computed = services.computed_values(indicator, unit) if (indicator.computed and unit) else []
    published = [
        services.figure_dict(f, reading.titles) for f in sorted(reading.figures, key=services.figure_order)
    ]
    conflict_dicts = [services.conflict_dict(c) for c in reading.conflicts]
    names = _unit_names()
    chart = _chart(indicator, t)
    computed_years = {c["year"] for c in computed}
    years = sorted(computed_years | {y for y, _v in chart["published"]} | {y for y, _v in chart["targets"]})
    if year is None:
        actual = computed_years or {y for y, _v in chart["published"]}
        year = max(actual) if actual else None
    series = _series_rows(indicator, unit, computed, chart, year)
    # The months of the chosen year, for indicators computed monthly.
    months = [c for c in computed if c["year"] == year and Period.parse(c["period"]).type == "month"]
    chart["periods"] = [[c["period"], c["value"]] for c in months]
    chart["has_years"] = any(chart[k] for k in ("computed", "published", "targets"))
    if request.GET.get("format") == "xlsx":
        return _indicator_xlsx(indicator, unit, t, series, published, names)

    by = request.GET.get("by") if request.GET.get("by") in BREAKDOWNS else "org"
    breakdown = None
    if indicator.computed and unit is not None and year is not None:
        breakdown = _breakdown(indicator, unit, year, by)
    conflicts = _conflict_rows(conflict_dicts, names)
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "name": label(indicator),
            "category": label(catalogue().categories[indicator.category]),
            "direction": DIRECTIONS[indicator.direction],
            "unit": unit,
            "scope_name": names.get(t.unit_code, t.unit_code),
            "units": _unit_options(user),
            "year": year,
            "years": years,
            "tracking": {**_tracking(indicator, t), "target_title": _target_title(t, published)},
            "periods": [PeriodKind(p).label for p in indicator.periods],
            "rule": status_rule(),
            "chart": chart,
            "series_chart": charts.series_chart(chart),
            "periods_chart": charts.periods_chart(chart),
            "breakdown_chart": breakdown and charts.breakdown_chart(breakdown),
            "series": series,
            "published": _published_rows(published, conflict_dicts, names),
            "conflicts": conflicts,
            "breakdown": breakdown,
            "computed_at": _computed_at(),
        },
    )


def _indicator_xlsx(indicator, unit, t, series, published, names):
    where = unit.name if unit else names.get(t.unit_code, t.unit_code)
    series_header = [
        _("Period"),
        pgettext("indicator", "Org unit"),
        _("Unit"),
        _("Computed value"),
        pgettext("count", "Enterprises"),
        _("Published actual"),
        _("Target / plan"),
        _("Forecast"),
        _("Forecast low"),
        _("Forecast high"),
    ]
    series_rows = [
        [
            r["period"],
            where,
            indicator.unit,
            r["computed"],
            r["enterprises"],
            r.get("published"),
            r.get("target"),
            r.get("forecast"),
            r.get("low"),
            r.get("high"),
        ]
        for r in series
    ]
    figure_header = [
        _("Year"),
        _("Kind"),
        pgettext("indicator", "Value"),
        _("Unit"),
        _("Qualifier"),
        _("Stated growth (%)"),
        _("Stated CAGR (%)"),
        _("CAGR base year"),
        _("Scope"),
        _("Source document"),
        _("Document title"),
        _("Published"),
        _("Where in the document"),
        _("Note"),
    ]
    figure_rows = [
        [
            f["year"],
            str(PublishedFigure.Kind(f["kind"]).label),
            f["value"],
            f["unit"],
            str(PublishedFigure.Qualifier(f["qualifier"]).label) if f["qualifier"] else "",
            f["growth"],
            f["cagr"],
            f["cagr_from"],
            names.get(f["scope"], f["scope"]),
            f["source"],
            f["title"],
            f["published"],
            f["location"],
            f["note"],
        ]
        for f in published
    ]
    return _xlsx(
        f"{indicator.id}-{_today()}.xlsx",
        [(_("Series"), series_header, series_rows), (_("Published figures"), figure_header, figure_rows)],
    )


# ---------- drill-down --------------------------------------------------------------------------


def _term_text(value: float | None, term: Term) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}" if term.unit == "万元" else number(value, "家")


def indicator_drilldown(request, indicator_id: str):
    indicator, unit, period, industry = drill_target(
        request.user,
        indicator_id,
        request.GET.get("org"),
        _int(request.GET.get("year")),
        request.GET.get("period"),
        request.GET.get("industry"),
    )
    terms, rows = contributions(indicator, unit, period, industry)
    names = dict(OrgUnit.objects.values_list("id", "name"))
    if request.GET.get("format") == "xlsx":
        return _drill_xlsx(indicator, unit, period, industry, terms, rows, names)
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
    totals = drill_totals(indicator, terms, rows)
    stored = stored_value(indicator, unit, period, industry)
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


def _drill_xlsx(indicator, unit, period, industry, terms, rows, names):
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
    totals = drill_totals(indicator, terms, rows)
    data.append([_("Total"), "", "", *totals["terms"], "", None, None, None])
    data.append([f"{label(indicator)}（{indicator.unit}）", indicator.formula.text, "", totals["value"]])
    suffix = f"-{industry.code}" if industry else ""
    return _xlsx(f"{indicator.id}-{unit.code}-{period}{suffix}.xlsx", [(_("Enterprises"), header, data)])


# ---------- sub-park evaluation -----------------------------------------------------------------


def evaluation_page(request):
    years = services.years_available()
    year = _int(request.GET.get("year")) or services.default_year()
    method = request.GET.get("method") if request.GET.get("method") in evaluation.METHODS else "expert"
    data = services.evaluate_subparks(request.user, year, method)
    result = data["result"]
    names = {u.code: u.name for u in data["units"]}
    criteria = []
    for c in data["criteria"]:
        indicator = services.get_indicator(c.indicator)
        criteria.append(
            {
                "id": c.indicator,
                "name": label(indicator),
                "unit": indicator.unit,
                "direction": DIRECTIONS[c.direction],
                "expert": c.weight,
                "weight": result.weights[c.indicator],
                "weight_text": percent(result.weights[c.indicator]),
            }
        )
    rows = []
    for code, rank in result.ranks.items():
        missing = set(result.missing.get(code, []))
        rows.append(
            {
                "code": code,
                "name": names.get(code, code),
                "rank": rank,
                "score": result.scores[code],
                "score_text": f"{result.scores[code]:.2f}",
                "cells": [
                    {
                        "value": data["values"][code].get(c["id"]),
                        "value_text": number(data["values"][code].get(c["id"]), c["unit"]),
                        "normalised": result.normalised[code][c["id"]],
                        "normalised_text": f"{result.normalised[code][c['id']]:.1f}",
                        "missing": c["id"] in missing,
                    }
                    for c in criteria
                ],
            }
        )
    if request.GET.get("format") == "xlsx":
        return _evaluation_xlsx(year, method, criteria, rows)
    return render(
        request,
        "indicators/evaluation.html",
        {
            "year": year,
            "years": sorted(set(years) | {year}),
            "method": method,
            "methods": METHODS,
            "method_label": METHODS[method],
            "criteria": criteria,
            "rows": rows,
            "notes": result.notes,
            "weights_note": data["note"],
            "chart": charts.score_chart(rows),
            "computed_at": _computed_at(),
        },
    )


def _evaluation_xlsx(year: int, method: str, criteria: list[dict], rows: list[dict]):
    header = [_("Rank"), _("Org unit code"), _("Sub-park"), _("Score")]
    score = _("Score 0-100")
    for c in criteria:
        header += [f"{c['name']}（{c['unit']}）", f"{c['name']}（{score}）"]
    data = []
    for r in rows:
        line = [r["rank"], r["code"], r["name"], r["score"]]
        for cell in r["cells"]:
            line += [cell["value"], cell["normalised"]]
        data.append(line)
    weights = ["", "", _("Weight"), None]
    filename, sheet = _("evaluation"), _("Evaluation")
    for c in criteria:
        weights += [None, c["weight"]]
    data.append(weights)
    return _xlsx(
        f"{filename}-{year}-{method}.xlsx",
        [(f"{sheet} {year}", header, data)],
    )
