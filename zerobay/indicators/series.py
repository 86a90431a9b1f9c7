"""One indicator's series merged by year: the computed values, the published actuals, the target
path and the forecast with its interval. The page, the API and the command line read this merge
(through `services.read_detail`), so they cannot drift apart. Plain data, no Django."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zerobay.statistics.periods import Period

from .published import Figure

if TYPE_CHECKING:
    from .services import Tracking

TARGET_KINDS = ("target", "plan")


def _latest_first(figures: list[Figure]) -> list[Figure]:
    return sorted(figures, key=lambda f: (f.published, f.source), reverse=True)


def targets(figures: list[Figure], scope: str) -> dict[int, Figure]:
    """Target (or plan) per year for a scope; where sources differ, the latest published wins
    here and the disagreement is listed among the conflicts."""
    chosen: dict[int, Figure] = {}
    for f in _latest_first([f for f in figures if f.scope == scope and f.kind in TARGET_KINDS]):
        if f.value is not None:
            chosen.setdefault(f.year, f)
    return chosen


def published_actuals(figures: list[Figure], scope: str) -> dict[int, float]:
    actuals: dict[int, float] = {}
    for f in _latest_first([f for f in figures if f.scope == scope and f.kind == "actual"]):
        if f.value is not None:
            actuals.setdefault(f.year, float(f.value))
    return actuals


def chart_series(t: Tracking) -> dict:
    """The series of the line chart: computed values, published actuals, the target path and the
    forecast with its interval, each as [year, value] pairs (the band as [year, low, high])."""
    computed = t.series if t.basis == "computed" else {}
    published = published_actuals(t.published, t.unit_code)
    a = t.assessment
    forecast, band = [], []
    if a.forecast and a.forecast.points and a.year is not None:
        forecast = [[a.year, a.value]] + [[p.year, p.value] for p in a.forecast.points]
        if any(p.low is not None for p in a.forecast.points):
            band = [[a.year, a.value, a.value]] + [
                [p.year, p.low, p.high] for p in a.forecast.points if p.low is not None
            ]
    return {
        "computed": sorted([y, v] for y, v in computed.items()),
        "published": sorted([y, v] for y, v in published.items()),
        "targets": sorted([y, float(f.value)] for y, f in t.targets.items()),
        "forecast": forecast,
        "band": band,
    }


def years_of(computed: list[dict], chart: dict) -> list[int]:
    """Every year something is known for: computed, published or targeted."""
    return sorted(
        {c["year"] for c in computed}
        | {y for y, _v in chart["published"]}
        | {y for y, _v in chart["targets"]}
    )


def opening_year(computed: list[dict], chart: dict) -> int | None:
    """The year a page opens on: the latest computed, else the latest published actual."""
    actual = {c["year"] for c in computed} or {y for y, _v in chart["published"]}
    return max(actual) if actual else None


def merged_rows(computed: list[dict], chart: dict, year: int | None) -> list[dict]:
    """Yearly rows (and the sub-year periods of the chosen year) with what is known for each:
    computed value and enterprises, published actual, target, forecast and its interval."""
    published = dict((y, v) for y, v in chart["published"])
    goals = dict((y, v) for y, v in chart["targets"])
    band = {p[0]: p for p in chart["band"]}
    points = dict((y, v) for y, v in chart["forecast"][1:])
    yearly = {c["year"]: c for c in computed if c["period"] == str(c["year"])}
    years = sorted(set(yearly) | set(published) | set(goals) | set(points) | {c["year"] for c in computed})
    rows = []
    for y in years:
        c = yearly.get(y)
        rows.append(
            {
                "period": str(y),
                "year": y,
                "computed_row": c is not None,  # a computed value is stored for the year
                "computed": c["value"] if c else None,
                "enterprises": c["enterprises"] if c else None,
                "published": published.get(y),
                "target": goals.get(y),
                "forecast": points.get(y),
                "low": band[y][1] if y in band and y in points else None,
                "high": band[y][2] if y in band and y in points else None,
            }
        )
        if y == year:
            rows += [
                {
                    "period": s["period"],
                    "year": y,
                    "sub": True,
                    "computed": s["value"],
                    "enterprises": s["enterprises"],
                }
                for s in computed
                if s["year"] == y and s["period"] != str(y)
            ]
    return rows


def months_of(computed: list[dict], year: int | None) -> list[list]:
    """[period, value] of the months of `year`, for indicators computed monthly."""
    return [
        [c["period"], c["value"]]
        for c in computed
        if c["year"] == year and Period.parse(c["period"]).type == "month"
    ]
