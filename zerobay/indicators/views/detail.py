"""One indicator: its merged series (`services.read_detail`, the reading the API and the command
line share), tracking against the target, published figures with their sources, conflicts and the
breakdown by org unit, field or track."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zerobay.language import in_english
from zerobay.registry.models import OrgUnit
from zerobay.web.documents import document_titles

from .. import charts, services
from ..catalogue import Indicator, catalogue
from ..models import PeriodKind, PublishedFigure
from .formatting import (
    BASIS,
    BREAKDOWNS,
    DIRECTIONS,
    drill_url,
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
    unit_options,
    year_param,
)
from .workbook import _xlsx


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


def _readable(text: str, c: dict, names: dict[str, str]) -> str:
    """A conflict's message for people: the indicator's name, the org unit's name and the documents'
    titles where the message (plain data of `conflicts`) carries their codes and file names."""
    indicator = catalogue().get(c["indicator"])
    scope = names.get(c["scope"], c["scope"])
    text = text.replace(f"（{c['scope']}）", f"（{scope}）").replace(f"({c['scope']})", f"({scope})")
    if indicator is not None:
        text = text.replace(c["indicator"], label(indicator))
    return document_titles(text)


def _conflict_rows(conflicts: list[dict], names: dict[str, str]) -> list[dict]:
    english = in_english()
    return [
        {
            **c,
            "text": _readable(c["message_en"] if english and c["message_en"] else c["message"], c, names),
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


def _breakdown(indicator: Indicator, unit: OrgUnit, year: int, by: str) -> dict:
    rows = services.breakdown(indicator, unit, year, by)
    for r in rows:
        r["value_text"] = number(r["value"], indicator.unit)
        r["enterprises_text"] = number(r["enterprises"], "家")
        if by == "org":
            r["drill"] = drill_url(indicator.id, org=r["code"], year=year)
        else:
            r["drill"] = drill_url(indicator.id, org=unit.code, year=year, industry=r["code"])
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


def _chart(d: services.Detail) -> dict:
    """The line chart's series (from the merged reading) with their labels in the page's language."""
    return {
        "unit": d.indicator.unit,
        **d.series,
        "labels": {
            "computed": _("Computed value"),
            "published": _("Published actual"),
            "targets": _("Target / plan"),
            "forecast": _("Forecast"),
            "band": _("Prediction interval"),
        },
        "periods": d.months,
        "has_years": any(d.series[k] for k in ("computed", "published", "targets")),
    }


def _series_rows(d: services.Detail) -> list[dict]:
    """The merged rows with their texts and the links to their drill-downs."""
    indicator, unit = d.indicator, d.unit
    rows = []
    for r in d.rows:
        row = {**r, "computed_text": number(r["computed"], indicator.unit)}
        if r.get("sub"):
            row["drill"] = drill_url(indicator.id, org=unit.code, year=r["year"], period=r["period"])
        else:
            row["drill"] = (
                drill_url(indicator.id, org=unit.code, year=r["year"]) if (r["computed_row"] and unit) else ""
            )
            row["published_text"] = stated(r["published"])
            row["target_text"] = stated(r["target"])
            row["forecast_text"] = number(r["forecast"], indicator.unit)
        row["enterprises_text"] = number(row["enterprises"], "家")
        row["interval_text"] = (
            f"{number(row['low'], indicator.unit)} ～ {number(row['high'], indicator.unit)}"
            if row.get("low") is not None
            else ""
        )
        rows.append(row)
    return rows


def indicator_detail(request, indicator_id: str):
    user = request.user
    d = services.read_detail(indicator_id, user, request.GET.get("org"), year_param(request.GET.get("year")))
    indicator, unit, t, year = d.indicator, d.unit, d.tracking, d.year
    names = unit_names()
    series = _series_rows(d)
    if request.GET.get("format") == "xlsx":
        return _indicator_xlsx(indicator, unit, t, series, d.published, names)

    by = request.GET.get("by") if request.GET.get("by") in BREAKDOWNS else "org"
    breakdown = None
    if indicator.computed and unit is not None and year is not None:
        breakdown = _breakdown(indicator, unit, year, by)
    chart = _chart(d)
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
            "units": unit_options(user),
            "year": year,
            "years": d.years,
            "tracking": {**_tracking(indicator, t), "target_title": _target_title(t, d.published)},
            "periods": [PeriodKind(p).label for p in indicator.periods],
            "rule": status_rule(),
            "chart": chart,
            "series_chart": charts.series_chart(chart),
            "periods_chart": charts.periods_chart(chart),
            "breakdown_chart": breakdown and charts.breakdown_chart(breakdown),
            "series": series,
            "published": _published_rows(d.published, d.conflicts, names),
            "conflicts": _conflict_rows(d.conflicts, names),
            "breakdown": breakdown,
            "computed_at": last_computed_at(),
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
        f"{indicator.id}-{today_stamp()}.xlsx",
        [(_("Series"), series_header, series_rows), (_("Published figures"), figure_header, figure_rows)],
    )
