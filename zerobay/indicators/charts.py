"""The indicator pages' chart specs (drawn by static/js/charts.js), from what the views have."""

from zerobay.web.charts import Chart, bar_chart, line_chart, series, years_chart

BLUE = "#1d4f91"


def status_chart(statuses: list[dict]) -> Chart:
    """Indicators by status, each bar in its status colour (overview)."""
    return bar_chart(
        [s["label"] for s in statuses],
        [series("", [s["count"] for s in statuses], colours=[s["colour"] for s in statuses], labels=True)],
        grid={"left": 40, "right": 16, "top": 24, "bottom": 28},
        axis_pointer="shadow",
        all_labels=True,
        min_interval=1,
        bar_max_width=36,
    )


# How each line of the series chart looks: the computed values lead, the targets are labelled.
SERIES_STYLES = {
    "computed": {"colour": BLUE, "width": 2.5, "symbol_size": 7, "z": 4},
    "published": {"colour": "#c46a00", "width": 1.5, "symbol": "rect", "symbol_size": 8, "z": 3},
    "targets": {
        "colour": "#b42318",
        "width": 1.5,
        "dash": "dashed",
        "symbol": "diamond",
        "symbol_size": 11,
        "labels": True,
        "z": 5,
    },
    "forecast": {
        "colour": "#6b7785",
        "width": 2,
        "dash": "dotted",
        "symbol": "circle",
        "symbol_size": 6,
        "z": 2,
    },
    "band": {"type": "band"},
}


def series_chart(chart: dict) -> Chart:
    """Computed values, published actuals, targets and the forecast with its interval, over the
    years (the view's `_chart` dict)."""
    return years_chart(
        [series(chart["labels"][key], chart[key], id=key, **style) for key, style in SERIES_STYLES.items()],
        unit=chart["unit"],
    )


def periods_chart(chart: dict) -> Chart:
    """The months of the chosen year, for indicators computed monthly."""
    return line_chart(
        [p for p, _v in chart["periods"]],
        [series(chart["labels"]["computed"], [v for _p, v in chart["periods"]], symbol_size=7, labels=True)],
        unit=chart["unit"],
        palette=[BLUE],
        animation_ms=400,
        grid={"left": 70, "right": 30, "top": 30, "bottom": 30},
        axis_name=True,
        digits={"label": [0, 2], "tooltip": [0, 2], "axis": [0, 2]},
    )


def breakdown_chart(breakdown: dict) -> Chart:
    """One year's value by child org unit, field or track."""
    data = breakdown["chart"]
    return bar_chart(
        data["names"],
        [series("", data["values"], labels=True)],
        unit=data["unit"],
        palette=[BLUE],
        grid={"left": 70, "right": 30, "top": 20, "bottom": 70},
        rotate_over=6,
        labels_up_to=12,
        bar_max_width=40,
        digits={"label": [0, 2], "tooltip": [0, 2], "axis": [0, 2]},
    )


def score_chart(rows: list[dict]) -> Chart:
    """The sub-parks' composite scores, 0 to 100."""
    return bar_chart(
        [r["name"] for r in rows],
        [series("", [round(r["score"], 2) for r in rows], labels=True)],
        palette=[BLUE],
        grid={"left": 50, "right": 30, "top": 20, "bottom": 50},
        rotate_over=8,
        y_min=0,
        y_max=100,
        bar_max_width=48,
        digits={"label": [2, 2]},
    )
