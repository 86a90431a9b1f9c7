"""The matchmaking funnel's chart spec (drawn by static/js/charts.js)."""

from zerobay.web.charts import Chart, funnel_chart


def funnel(steps: list[dict]) -> Chart:
    """The year's funnel steps (label, count), from demands found to real cooperations."""
    return funnel_chart(
        [(s["label"], s["count"]) for s in steps],
        palette=["#1d4f91", "#2f6db5", "#4a8bd1", "#76a9e0", "#18794e"],
        tooltip_format="{b}：{c}",
        label="inside",
        label_format="{b} {c}",
        min_size="20%",
        gap=2,
    )
