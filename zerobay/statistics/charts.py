"""The enterprise page's revenue chart spec (drawn by static/js/charts.js); the statistics app
adds it to the registry's enterprise page through registry/extensions.py."""

from zerobay.web.charts import Chart, line_chart, series


def revenue(chart: dict) -> Chart:
    """Annual revenue in 10k yuan by year (figures._annual's chart dict)."""
    return line_chart(
        chart["years"],
        [series("", chart["revenue"], labels=True, symbol_size=7)],
        title=chart["name"],
        palette=["#1d4f91"],
        connect_nulls=True,
        grid={"left": 70, "right": 30, "top": 40, "bottom": 30},
        digits={"label": [0, 0], "tooltip": [2, 2], "axis": [0, 3]},
    )
