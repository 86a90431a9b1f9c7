"""Reading the indicators: values, published figures, conflicts, tracking, breakdowns, drill-downs
and the composite evaluation, as plain data for pages, the API and the command line.

Scope: computed values are read only for org units inside the caller's subtree (`scope_path`);
published figures come from public documents and are shown to every signed-in user.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone

from zerobay.accounts.scope import scope_path
from zerobay.registry.access import access_org_unit_by_code, visible_org_units
from zerobay.registry.models import Industry, OrgUnit
from zerobay.statistics.periods import Period, PeriodType

from . import evaluation, tracking
from .catalogue import DEFINITIONS_DIR, Indicator, catalogue
from .conflicts import Conflict, find_conflicts
from .figures import figures_for
from .models import ComputationRun, IndicatorValue, PublishedFigure
from .published import Figure
from .series import (
    chart_series,
    merged_rows,
    months_of,
    opening_year,
    published_actuals,
    targets,
    years_of,
)


class UnknownIndicator(Http404):
    pass


def get_indicator(indicator_id: str) -> Indicator:
    indicator = catalogue().get(indicator_id)
    if indicator is None:
        raise UnknownIndicator(f"no indicator {indicator_id!r}")
    return indicator


# --- scope --------------------------------------------------------------------------------------


def home_unit(user, indicator: Indicator | None = None) -> OrgUnit | None:
    """Where a user looks by default: the indicator's own scope when the user may see it,
    otherwise the top of the user's subtree."""
    units = visible_org_units(user)  # the registry's scope; None (the command line) sees all
    if indicator is not None:
        own = units.filter(code=indicator.scope).first()
        if own:
            return own
    return units.order_by("path").first()


# --- values -------------------------------------------------------------------------------------


def _values(indicator_id: str, unit: OrgUnit, industry: Industry | None = None, **filters):
    rows = IndicatorValue.objects.filter(indicator=indicator_id, org_unit=unit, **filters)
    return rows.filter(industry=industry) if industry else rows.filter(industry__isnull=True)


def computed_values(indicator: Indicator, unit: OrgUnit, year: int | None = None) -> list[dict]:
    """The computed values of the indicator for one org unit (all industries), by period."""
    rows = _values(indicator.id, unit)
    if year is not None:
        rows = rows.filter(year=year)
    order = {"year": 0, "quarter": 1, "month": 2}
    items = sorted(rows, key=lambda r: (r.year, order[r.period], r.sub))
    return [
        {
            "indicator": indicator.id,
            "year": r.year,
            "period": str(Period(r.year, PeriodType(r.period), r.sub)),
            "org_unit": unit.code,
            "value": r.value,
            "unit": indicator.unit,
            "enterprises": r.enterprises,
        }
        for r in items
    ]


def yearly_series(indicator: Indicator, unit: OrgUnit, industry: Industry | None = None) -> dict[int, float]:
    rows = _values(indicator.id, unit, industry, period="year").values_list("year", "value")
    return {y: v for y, v in rows if v is not None}


# --- published figures and tracking ---------------------------------------------------------------


def figure_dict(figure: Figure, titles: dict[str, str] | None = None) -> dict:
    return {
        "indicator": figure.indicator,
        "year": figure.year,
        "value": float(figure.value) if figure.value is not None else None,
        "unit": figure.unit,
        "kind": figure.kind,
        "source": figure.source,
        "published": figure.published.isoformat(),
        "scope": figure.scope,
        "qualifier": figure.qualifier,
        "growth": float(figure.growth) if figure.growth is not None else None,
        "cagr": float(figure.cagr) if figure.cagr is not None else None,
        "cagr_from": figure.cagr_from,
        "location": figure.location,
        "note": figure.note,
        "title": (titles or {}).get(figure.source, ""),
    }


def conflict_dict(conflict: Conflict) -> dict:
    return {
        "rule": conflict.rule,
        "indicator": conflict.indicator,
        "scope": conflict.scope,
        "year": conflict.year,
        "message": conflict.message,
        "message_en": conflict.message_en,
        "values": conflict.values,
        "sources": [
            {
                "source": f.source,
                "published": f.published.isoformat(),
                "year": f.year,
                "kind": f.kind,
                "value": float(f.value) if f.value is not None else None,
                "unit": f.unit,
                "location": f.location,
            }
            for f in conflict.figures
        ],
    }


def all_conflicts() -> list[Conflict]:
    parts = {i.id: list(i.parts) for i in catalogue() if i.parts}
    return find_conflicts(figures_for(), parts=parts)


def conflicts_of(indicator: Indicator, conflicts: list[Conflict] | None = None) -> list[Conflict]:
    conflicts = all_conflicts() if conflicts is None else conflicts
    related = {indicator.id, *indicator.parts}
    return [c for c in conflicts if c.indicator in related]


@dataclass
class Tracking:
    indicator: Indicator
    unit_code: str
    series: dict[int, float]  # the values tracked: computed where there are any, else published
    basis: str  # computed | published | none
    targets: dict[int, Figure]
    assessment: tracking.Assessment
    published: list[Figure] = field(default_factory=list)


def track(
    indicator: Indicator, unit: OrgUnit | None, figures: list[Figure], as_of: int | None = None
) -> Tracking:
    scope = unit.code if unit else indicator.scope
    series = yearly_series(indicator, unit) if (indicator.computed and unit) else {}
    basis = "computed" if series else "none"
    if not series:
        series = published_actuals(figures, scope)
        basis = "published" if series else "none"
    goal = targets(figures, scope)
    this_year = timezone.localdate().year
    as_of = as_of or this_year
    # This year is under way until it ends: its figures so far are shown, not judged.
    assessment = tracking.assess(
        series,
        {y: float(f.value) for y, f in goal.items()},
        indicator.direction,
        as_of,
        complete_through=this_year - 1,
    )
    mine = [f for f in figures if f.indicator == indicator.id]
    return Tracking(indicator, scope, series, basis, goal, assessment, mine)


def assessment_dict(t: Tracking) -> dict:
    a = t.assessment
    return {
        "scope": t.unit_code,
        "basis": t.basis,
        "status": a.status,
        "status_label": tracking.STATUS_LABELS[a.status][0],
        "rule": a.rule,
        "year": a.year,
        "value": a.value,
        "target_year": a.target_year,
        "target": a.target,
        "completion": a.completion,
        "change": a.change,
        "required_growth": [{"year": y, "target": v, "rate": r} for y, v, r in a.required],
        "forecast": {
            "method": a.forecast.method if a.forecast else "none",
            "note": a.forecast.note if a.forecast else "",
            "points": [
                {"year": p.year, "value": p.value, "low": p.low, "high": p.high}
                for p in (a.forecast.points if a.forecast else ())
            ],
        },
    }


def data_version(user) -> str:
    """Changes whenever what the dashboards show for this user may change: a new computation
    run, a published figure added, changed or removed, another scope, another year."""
    run = ComputationRun.objects.filter(finished_at__isnull=False).values_list("id", "finished_at").first()
    figures = PublishedFigure.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    stamp = figures["at"].timestamp() if figures["at"] else 0
    scope = scope_path(user) if user is not None else None
    text = f"{run}-{figures['n']}-{stamp}-{scope}-{timezone.localdate().year}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def overview(user, as_of: int | None = None) -> list[dict]:
    """Every indicator with its latest value, target, completion and status, by category.
    Cached per data version: the page is read far more often than the data change."""
    key = f"indicators:overview:{data_version(user)}:{as_of}"
    return cache.get_or_set(key, lambda: _overview(user, as_of), timeout=3600)


def _overview(user, as_of: int | None) -> list[dict]:
    figures = figures_for()
    by_indicator: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_indicator[f.indicator].append(f)
    conflicts = all_conflicts()
    flagged = {c.indicator for c in conflicts}
    groups = []
    for category, indicators in catalogue().by_category():
        rows = []
        for indicator in indicators:
            unit = home_unit(user, indicator) if indicator.computed else None
            if indicator.computed and unit is None:
                continue
            t = track(indicator, unit, by_indicator[indicator.id], as_of)
            rows.append(
                {
                    "indicator": indicator,
                    "unit": unit,
                    "tracking": t,
                    "status_label": tracking.STATUS_LABELS[t.assessment.status][0],
                    "conflict": indicator.id in flagged or bool(set(indicator.parts) & flagged),
                }
            )
        if rows:
            groups.append({"category": category, "rows": rows})
    return groups


# --- show (CLI and API) ------------------------------------------------------------------------------


def chosen_unit(user, indicator: Indicator, code: str | None = None) -> OrgUnit | None:
    """The org unit a request is about: the one asked for (404 outside the user's scope); else,
    for a computed indicator, its own scope or the top of the user's subtree; a published
    indicator is read at its own scope (as on the overview)."""
    if code:
        return access_org_unit_by_code(user, code)
    return home_unit(user, indicator) if indicator.computed else None


@dataclass
class Reading:
    """What is known of one indicator at one org unit: the pieces `show` and the page present."""

    indicator: Indicator
    unit: OrgUnit | None
    figures: list[Figure]
    titles: dict[str, str]  # source file -> document title
    tracking: Tracking
    conflicts: list[Conflict]


def read_indicator(indicator: Indicator, unit: OrgUnit | None, as_of: int | None = None) -> Reading:
    figures = figures_for([indicator.id])
    sources = {f.source for f in figures}
    titles = dict(PublishedFigure.objects.filter(source__in=sources).values_list("source", "source_title"))
    return Reading(
        indicator,
        unit,
        figures,
        {s: titles.get(s, "") for s in sources},
        track(indicator, unit, figures, as_of),
        conflicts_of(indicator),
    )


@dataclass
class Detail:
    """One indicator at one org unit, merged: what the indicator page, `show` (the API and the
    command line) present. `series` holds the chart's [year, value] series, `rows` the merged
    yearly table (with the sub-year periods of `year`), `months` the months of `year`."""

    reading: Reading
    computed: list[dict]  # computed_values(), every period
    published: list[dict]  # figure_dict() of every published figure, in figure_order
    conflicts: list[dict]  # conflict_dict() of the related conflicts
    series: dict
    years: list[int]
    year: int | None
    rows: list[dict]
    months: list[list]

    @property
    def indicator(self) -> Indicator:
        return self.reading.indicator

    @property
    def unit(self) -> OrgUnit | None:
        return self.reading.unit

    @property
    def tracking(self) -> Tracking:
        return self.reading.tracking


def read_detail(indicator_id: str, user=None, org_unit: str | None = None, year: int | None = None) -> Detail:
    """The merged reading of one indicator; `year` is the year asked for (tracking is assessed as
    of it; default: the latest with an actual value). 404 for an unknown indicator or an org unit
    outside the user's scope."""
    indicator = get_indicator(indicator_id)
    unit = chosen_unit(user, indicator, org_unit)
    reading = read_indicator(indicator, unit, as_of=year)
    computed = computed_values(indicator, unit) if (indicator.computed and unit) else []
    chart = chart_series(reading.tracking)
    chosen = year if year is not None else opening_year(computed, chart)
    return Detail(
        reading=reading,
        computed=computed,
        published=[figure_dict(f, reading.titles) for f in sorted(reading.figures, key=figure_order)],
        conflicts=[conflict_dict(c) for c in reading.conflicts],
        series=chart,
        years=years_of(computed, chart),
        year=chosen,
        rows=merged_rows(computed, chart, chosen),
        months=months_of(computed, chosen),
    )


def show(indicator_id: str, user=None, year: int | None = None, org_unit: str | None = None) -> dict:
    """The contract of `zerobay indicators show` and GET /api/indicators/{id}: the merged reading,
    limited to `year` when one is given."""
    d = read_detail(indicator_id, user, org_unit)
    indicator, unit = d.indicator, d.unit
    computed = indicator.computed and unit is not None
    return {
        "indicator": definition_dict(indicator),
        "org_unit": unit.code if unit else indicator.scope,
        "year": year,
        "computed": [c for c in d.computed if year is None or c["year"] == year],
        "published": [f for f in d.published if year is None or f["year"] == year],
        "conflicts": d.conflicts,
        "tracking": assessment_dict(d.tracking) if (computed or not indicator.computed) else None,
        "computed_at": last_run_at(),
    }


def figure_order(f: Figure):
    return (f.year, f.scope, f.kind, f.published, f.source)


def definition_dict(indicator: Indicator) -> dict:
    return {
        "id": indicator.id,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "category": indicator.category,
        "direction": indicator.direction,
        "scope": indicator.scope,
        "computed": indicator.computed,
        "formula": indicator.formula.text if indicator.formula else None,
        "periods": list(indicator.periods) if indicator.computed else [],
        "parts": list(indicator.parts),
        "note": indicator.note,
        "file": indicator.file,
    }


def last_run_at() -> str | None:
    run = ComputationRun.objects.filter(finished_at__isnull=False).first()
    return run.finished_at.isoformat() if run else None


# --- breakdowns and drill-down -------------------------------------------------------------------------


def breakdown(indicator: Indicator, unit: OrgUnit, year: int, by: str) -> list[dict]:
    """The indicator's values for `year` split by child org unit ("org", ranked), field or track."""
    rows = IndicatorValue.objects.filter(indicator=indicator.id, period="year", year=year)
    if by == "org":
        rows = rows.filter(org_unit__parent=unit, industry__isnull=True).select_related("org_unit")
        items = [(r.org_unit, r) for r in rows]
    else:
        level = Industry.Level.FIELD if by == "field" else Industry.Level.TRACK
        rows = rows.filter(org_unit=unit, industry__level=level).select_related("industry")
        items = [(r.industry, r) for r in rows]
    best_first = 1 if indicator.direction == "lower" else -1  # ranked: the best value first
    items.sort(key=lambda pair: (pair[1].value is None, best_first * (pair[1].value or 0), pair[0].code))
    return [
        {"rank": k + 1, "code": node.code, "name": node.name, "value": r.value, "enterprises": r.enterprises}
        for k, (node, r) in enumerate(items)
    ]


# --- composite evaluation ---------------------------------------------------------------------------


def evaluation_criteria() -> tuple[list[evaluation.Criterion], str]:
    data = tomllib.loads((DEFINITIONS_DIR / "evaluation.toml").read_text(encoding="utf-8"))
    criteria = [
        evaluation.Criterion(c["indicator"], get_indicator(c["indicator"]).direction, c["weight"])
        for c in data["criterion"]
    ]
    return criteria, data.get("note", "")


def evaluate_subparks(user, year: int, method: str = "expert") -> dict:
    """园区综合评价: the sub-parks visible to the user, scored and ranked."""
    criteria, note = evaluation_criteria()
    units = list(visible_org_units(user).filter(kind=OrgUnit.Kind.SUBPARK).order_by("sort", "code"))
    values: dict[str, dict[str, float | None]] = {u.code: {} for u in units}
    rows = IndicatorValue.objects.filter(
        indicator__in=[c.indicator for c in criteria],
        period="year",
        year=year,
        industry__isnull=True,
        org_unit__in=units,
    ).select_related("org_unit")
    for r in rows:
        values[r.org_unit.code][r.indicator] = r.value
    result = evaluation.evaluate(values, criteria, method=method)
    return {
        "year": year,
        "method": method,
        "criteria": criteria,
        "note": note,
        "units": units,
        "values": values,
        "result": result,
    }


def years_available(indicator: Indicator | None = None) -> list[int]:
    rows = IndicatorValue.objects.filter(period="year")
    if indicator is not None:
        rows = rows.filter(indicator=indicator.id)
    return sorted(set(rows.values_list("year", flat=True)))


def latest_complete_year() -> int | None:
    """The latest year with annual reports (the year dashboards open on)."""
    years = IndicatorValue.objects.filter(indicator="torch.enterprises", period="year").values_list(
        "year", flat=True
    )
    return max(years, default=None)


def default_year() -> int:
    """The year pages and the API open on: the latest with annual reports, else the latest
    computed, else the current year."""
    return latest_complete_year() or max(years_available(), default=timezone.localdate().year)


def evaluation_dict(data: dict) -> dict:
    result = data["result"]
    names = {u.code: u.name for u in data["units"]}
    return {
        "year": data["year"],
        "method": result.method,
        "weights": result.weights,
        "criteria": [
            {"indicator": c.indicator, "direction": c.direction, "weight": c.weight} for c in data["criteria"]
        ],
        "notes": result.notes,
        "units": [
            {
                "org_unit": code,
                "name": names.get(code, code),
                "rank": result.ranks[code],
                "score": result.scores[code],
                "normalised": result.normalised.get(code, {}),
                "values": data["values"].get(code, {}),
                "missing": result.missing.get(code, []),
            }
            for code in result.ranks
        ],
    }
