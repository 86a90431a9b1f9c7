"""The one chart component, server side: small builders returning a plain, JSON-ready spec that
`{% chart %}` puts in the page and `static/js/charts.js` draws with ECharts.

A spec says what to draw, not how: `kind` (bar, line, funnel, years, radar), `categories`, `series`,
`unit`, and a few presentation options the pages need to look as they do (palette, grid,
axis bounds, number formats). Each app builds its specs in its own `charts.py` from what its
view already has.
"""

from collections.abc import Sequence
from typing import Any, Literal, NotRequired, TypedDict

Kind = Literal["bar", "line", "funnel", "years", "timeline", "radar"]
Number = int | float | None


class Series(TypedDict):
    name: str
    data: list[Any]
    type: NotRequired[str]  # "bar" or "line" inside a cartesian chart; "band" in a years chart
    id: NotRequired[str]  # a stable key (the name is translated)
    colour: NotRequired[str]
    colours: NotRequired[list[str]]  # one colour per bar
    width: NotRequired[float]  # line width
    dash: NotRequired[str]  # "dashed" or "dotted"
    symbol: NotRequired[str]
    symbol_size: NotRequired[int]
    labels: NotRequired[bool]  # value labels on the points or bars
    mark: NotRequired[dict]  # a vertical line at a category: {"at": category, "label": text}
    z: NotRequired[int]


class Chart(TypedDict):
    kind: Kind
    title: NotRequired[str]
    categories: NotRequired[list[Any]]
    series: list[Series]
    unit: NotRequired[str]
    options: NotRequired[dict[str, Any]]


def series(name: str, data: Sequence[Any], **style: Any) -> Series:
    """One series; `style` takes the optional keys of `Series`."""
    unknown = set(style) - set(Series.__annotations__)
    if unknown:
        raise TypeError(f"unknown series options: {sorted(unknown)}")
    return Series(name=str(name), data=list(data), **style)  # type: ignore[typeddict-item]


def _chart(kind: Kind, series_: Sequence[Series], *, title="", categories=None, unit="", **options) -> Chart:
    chart = Chart(kind=kind, series=list(series_))
    if title:
        chart["title"] = str(title)
    if categories is not None:
        chart["categories"] = [str(c) for c in categories]
    if unit:
        chart["unit"] = str(unit)
    options = {k: v for k, v in options.items() if v is not None}
    if options:
        chart["options"] = options
    return chart


def bar_chart(
    categories: Sequence[Any], series_: Sequence[Series], *, title: str = "", unit: str = "", **options: Any
) -> Chart:
    """Bars by category (a series may be `type="line"` to draw over them). Options: palette,
    grid {left,right,top,bottom}, legend (True or "scroll"), horizontal, bar_max_width,
    rotate_over (tilt the labels when there are more categories), y_min, y_max, min_interval,
    digits {label,tooltip,axis: [min, max]}, axis_pointer ("shadow")."""
    return _chart("bar", series_, title=title, categories=categories, unit=unit, **options)


def line_chart(
    categories: Sequence[Any], series_: Sequence[Series], *, title: str = "", unit: str = "", **options: Any
) -> Chart:
    """Lines by category; the options of `bar_chart`, plus percent (axis and tooltip in %)."""
    return _chart("line", series_, title=title, categories=categories, unit=unit, **options)


def funnel_chart(steps: Sequence[tuple[str, Number]], *, title: str = "", **options: Any) -> Chart:
    """A funnel of (label, count) steps in order. Options: palette, label ("inside"),
    label_format and tooltip_format (ECharts templates such as "{b} {c}"), min_size, gap."""
    names = [str(n) for n, _v in steps]
    return _chart("funnel", [series("", [v for _n, v in steps])], title=title, categories=names, **options)


def years_chart(series_: Sequence[Series], *, unit: str = "", **options: Any) -> Chart:
    """Lines over a numeric year axis, each point [year, value]; a `type="band"` series of
    [year, low, high] draws a shaded interval. Empty series are left out."""
    return _chart("years", [s for s in series_ if s["data"]], unit=unit, **options)


def timeline_chart(
    categories: Sequence[Any], series_: Sequence[Series], *, title: str = "", **options: Any
) -> Chart:
    """Points in time per row: `categories` are the rows (top to bottom), each series' points are
    [ISO date, row, label]. Options: start, end (ISO dates of the axis), today (a marked date)."""
    return _chart("timeline", series_, title=title, categories=categories, **options)


def radar_chart(
    axes: Sequence[tuple[str, float]],
    series_: Sequence[Series],
    *,
    title: str = "",
    unit: str = "",
    **options: Any,
) -> Chart:
    """A radar: `axes` are (label, maximum) pairs, each series one value per axis (e.g. a carrier's
    points per dimension in % against its type's median). Options: palette."""
    chart = _chart("radar", series_, title=title, categories=[a for a, _m in axes], unit=unit, **options)
    chart.setdefault("options", {})["max"] = [m for _a, m in axes]
    return chart
