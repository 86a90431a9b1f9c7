"""The programme dashboard's chart specs (drawn by static/js/charts.js)."""

from django.utils.translation import gettext as _

from zerobay.web.charts import Chart, bar_chart, funnel_chart, series


def funnel(data: dict) -> Chart:
    """Applications that reached each stage (the dashboard's `data`)."""
    return funnel_chart(
        [(name, n) for (_k, name), n in zip(data["stages"], data["totals"]["stages"], strict=True)]
    )


def amounts_by_track(data: dict) -> Chart:
    """Approved and paid amounts by track, in 10k yuan, as horizontal bars."""
    tracks = data["tracks"]
    return bar_chart(
        [r["name"] for r in tracks],
        [
            series(_("Approved"), [float(r["approved_amount"] / 10_000) for r in tracks]),
            series(_("Paid"), [float(r["paid_amount"] / 10_000) for r in tracks]),
        ],
        horizontal=True,
        legend=True,
        axis_pointer="shadow",
        grid={"left": 110, "right": 16, "top": 28, "bottom": 20},
    )
