"""The chase pages as they read their data at district scale: a small summary (counts, sub-parks,
the days before the deadline) and the filtered, ordered rows cached in chunks
(web.versions.per_version_list), so that a request unpickles its own page's rows and not the
tens of thousands of a district's month (issue 17). The whole month (or year of 升规纳统 candidates)
stays cached too, for a search by name, the xlsx download and the reminders."""

import dataclasses
from collections.abc import Callable

from zerobay.statistics import completeness as svc
from zerobay.web.versions import CachedList, per_version, per_version_list

from .. import upscale
from . import months as chase


@dataclasses.dataclass(frozen=True)
class Summary:
    result: svc.Completeness  # without its rows
    days: list[dict]


def month(parts: tuple, compute: Callable[[], svc.Completeness], status: str, subpark: str):
    """(summary, rows) of a month for the chase page, filtered by status and sub-park."""

    def whole() -> svc.Completeness:
        return per_version("chase:month", parts, compute)

    def summarise() -> Summary:
        result = whole()
        return Summary(dataclasses.replace(result, rows=[]), svc.daily_progress(result))

    summary = per_version("chase:summary", parts, summarise)
    rows = per_version_list(
        "chase:rows",
        (*parts, status, subpark),
        lambda: chase.filtered_rows(whole(), status=status, subpark=subpark),
    )
    return summary, rows


def candidates(
    parts: tuple, compute: Callable[[], list], status: str, subpark: str
) -> tuple[dict, CachedList]:
    """({"counts", "subparks"}, the filtered candidates) of the 升规纳统 page."""

    def whole() -> list:
        return per_version("chase:upscale", parts, compute)

    def summarise() -> dict:
        items = whole()
        return {
            "counts": {s: sum(1 for c in items if c.status == s) for s in upscale.STATUS_LABELS},
            "subparks": sorted({(c.subpark, c.subpark_name) for c in items}),
        }

    def filtered() -> list:
        return [
            c for c in whole() if (not status or c.status == status) and (not subpark or c.subpark == subpark)
        ]

    return per_version("chase:upscale:summary", parts, summarise), per_version_list(
        "chase:upscale:rows", (*parts, status, subpark), filtered
    )


def history(parts: tuple, end, enterprises) -> dict:
    """The on-time rates of the months up to `end` (periods, series, total; not the month-by-month
    rows), cached per data version."""

    def compute() -> dict:
        found = svc.on_time_history(chase.history_periods(end), enterprises)
        return {k: found[k] for k in ("periods", "series", "total")}

    return per_version("chase:history", parts, compute)
