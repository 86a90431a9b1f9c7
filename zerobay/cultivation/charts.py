"""The reporting chase's chart specs (drawn by static/js/charts.js)."""

from django.utils.translation import gettext as _

from zerobay.web.charts import Chart, bar_chart, line_chart, series


def daily_progress(days: list[dict], deadline) -> Chart:
    """Reports received so far (bars) and still missing (line) day by day up to the deadline."""
    return bar_chart(
        [d["date"].strftime("%m-%d") for d in days],
        [
            series(
                _("Reported so far"),
                [d["reported"] for d in days],
                colour="#2e7d32",
                mark={"at": deadline.strftime("%m-%d"), "label": _("Deadline")},
            ),
            series(_("Still missing"), [d["remaining"] for d in days], type="line", colour="#c62828"),
        ],
        legend=True,
        min_interval=1,
        grid={"left": 44, "right": 16, "top": 48, "bottom": 28},
    )


def on_time_history(periods: list, rows: list[dict], total: list) -> Chart:
    """The on-time rate (%) of each sub-park by month, and of all in a thick dark line."""
    return line_chart(
        periods,
        [series(r["name"], r["cells"]) for r in rows] + [series(_("All"), total, colour="#222", width=4)],
        legend="scroll",
        percent=True,
        y_min=0,
        y_max=100,
        grid={"left": 44, "right": 16, "top": 60, "bottom": 28},
    )
