"""The service dashboard's chart specs (drawn by static/js/charts.js through `{% chart %}`)."""

from django.utils.translation import gettext as _

from zerobay.web.charts import bar_chart, series


def by_group(table: dict) -> dict:
    """Requests and overdue requests of each row of a dashboard table."""
    labels = [str(r["label"]) for r in table["rows"]]
    return bar_chart(
        labels,
        [
            series(_("Requests"), [r["values"][0] for r in table["rows"]], id="requests"),
            series(_("Overdue"), [r["values"][2] for r in table["rows"]], id="overdue", colour="#d9534f"),
        ],
        legend=True,
        bar_max_width=40,
        rotate_over=6,
        min_interval=1,
    )
