"""The chase over days and months: daily progress around a deadline, on-time rates by month."""

import datetime
from collections import defaultdict

from ..models import MonthlyReport
from ..periods import Period
from .arrivals import local_date
from .tally import Completeness, Group, completeness
from .terms import (
    CHASE_DAYS,
    MONTHLY,
)


def daily_progress(result: Completeness, *, days_after: int = 5) -> list[dict]:
    """One line a day from CHASE_DAYS before the deadline to `days_after` after it (not past the
    as-of day): how many had reported by the end of that day, how many that day, how many remain."""
    start = result.deadline - datetime.timedelta(days=CHASE_DAYS)
    end = min(result.deadline + datetime.timedelta(days=days_after), max(result.as_of, start))
    by_day = defaultdict(list)
    before = 0
    for r in result.rows:
        if r.reported_at is None:
            continue
        day = local_date(r.reported_at)
        if day < start:
            before += 1
        else:
            by_day[day].append(r)
    out, done, day = [], before, start
    while day <= end:
        new = by_day.get(day, [])
        done += len(new)
        out.append(
            {
                "date": day,
                "days_to_deadline": (result.deadline - day).days,
                "reported_that_day": len(new),
                "reported": done,
                "remaining": result.total.expected - done,
                "rate": round(done / result.total.expected, 4) if result.total.expected else None,
                "enterprises": new,
            }
        )
        day += datetime.timedelta(days=1)
    return out


def on_time_history(periods: list[Period], enterprises=None, *, form: str = MONTHLY) -> dict:
    """On-time rate per sub-park and month: {"periods": [...], "series": [{"org_unit", "name",
    "rates": [...]}], "total": [...]}, each month judged as it stands today."""
    results = [completeness(p, enterprises, form=form) for p in periods]
    # A month for which nothing at all has come in yet (not even from other sub-parks) has no rate.
    received = set(
        MonthlyReport.objects.filter(year__in={p.year for p in periods})
        .values_list("year", "month")
        .distinct()
    )
    for res in results:
        if (res.period.year, res.period.number) not in received:
            res.groups, res.total = [], Group("", "合计")
    names: dict[str, str] = {}
    for res in results:
        for g in res.groups:
            names.setdefault(g.code, g.name)
    series = []
    for code, name in names.items():
        rates = []
        for res in results:
            g = next((g for g in res.groups if g.code == code), None)
            rates.append(g.on_time_rate if g else None)
        series.append({"org_unit": code, "name": name, "rates": rates})
    return {
        "periods": [str(p) for p in periods],
        "series": series,
        "total": [res.total.on_time_rate for res in results],
        "results": results,
    }
