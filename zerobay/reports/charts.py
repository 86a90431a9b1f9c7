"""The cockpit's chart specs (drawn by static/js/charts.js through the one chart component)."""

from django.utils.translation import gettext as _

from zerobay.web.charts import Chart, bar_chart, series, years_chart

BLUE = "#1d4f91"
GREEN = "#2e7d32"
GRID = {"left": 48, "right": 20, "top": 40, "bottom": 24}


def trend(headline: dict) -> Chart:
    """A headline indicator over the years; the year in progress is a separate, dotted point."""
    ended = [
        [y, v] for y, v in headline["series"].items() if headline["year"] is None or y <= headline["year"]
    ]
    so_far = [[headline["so_far_year"], headline["so_far"]]] if headline["so_far_year"] else []
    return years_chart(
        [
            series(_("Ended years"), ended, colour=BLUE, width=2.5, symbol_size=7, labels=True),
            series(_("Year so far"), so_far, colour="#6b7785", symbol_size=8, labels=True),
        ],
        unit=headline["unit"],
        grid=GRID,
    )


def by_subpark(rows: list[dict], key: str, name: str, unit: str, top: int = 10) -> Chart:
    """The `top` sub-parks by `key` (cockpit.by_subpark rows), largest first, as horizontal bars:
    twenty names do not fit under vertical bars."""
    ranked = sorted((r for r in rows if r[key] is not None), key=lambda r: -r[key])[:top]
    return bar_chart(
        [r["name"] for r in ranked],
        [series(name, [r[key] for r in ranked], colour=BLUE, labels=True)],
        unit=unit,
        grid={"left": 110, "right": 48, "top": 24, "bottom": 20},
        horizontal=True,
        axis_pointer="shadow",
        bar_max_width=18,
    )


def pipeline(rungs: list[dict]) -> Chart:
    """Enterprises on each rung of the qualification ladder, as bars from the lowest rung."""
    return bar_chart(
        [r["name"] for r in rungs],
        [series(_("Enterprises"), [r["count"] for r in rungs], colour=GREEN, labels=True)],
        grid={"left": 120, "right": 40, "top": 12, "bottom": 20},
        horizontal=True,
        axis_pointer="shadow",
        bar_max_width=22,
        min_interval=1,
    )


def money(data: dict) -> Chart:
    """Approved, paid and still to pay, in 10k yuan (the unit the programme pages use)."""
    rows = [(_("Approved"), data["approved"]), (_("Paid"), data["paid"]), (_("To pay"), data["unpaid"])]
    return bar_chart(
        [name for name, _v in rows],
        [
            series(
                _("Amount"),
                [round(float(v) / 10_000, 1) for _n, v in rows],
                colours=[BLUE, GREEN, "#c46a00"],
                labels=True,
            )
        ],
        unit=_("10k yuan"),
        grid={"left": 64, "right": 48, "top": 12, "bottom": 20},
        horizontal=True,
        bar_max_width=22,
    )
