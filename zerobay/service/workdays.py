"""Chinese working days: public holidays and the adjusted working weekends (调休) come from the
maintained `chinese-calendar` package, never from a list typed here.

The package ships the State Council's arrangement of each year it knows (published every November
for the next year). For a year it does not know there is no honest answer: `CalendarUnknown` says
so, naming the year and the package's range, and the caller leaves the due date empty with that
note instead of guessing (weekdays only would be wrong around every holiday)."""

import bisect
import datetime
import functools

import chinese_calendar
from django.utils.translation import gettext as _

from zerobay.workflow import Refusal


class CalendarUnknown(Refusal):
    """The holiday arrangement of a year is not in the installed chinese-calendar."""

    def __init__(self, year: int):
        first, last = known_years()
        super().__init__(
            _(
                "The public holidays of {year} are not yet known to chinese-calendar {version} "
                "(it knows {first}–{last}): the due date cannot be counted until the package is updated"
            ).format(year=year, version=chinese_calendar.__version__, first=first, last=last)
        )
        self.year = year


@functools.cache
def known_years() -> tuple[int, int]:
    """The first and last year the installed package knows."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return years[0], years[-1]


@functools.cache
def _working_ordinals() -> list[int]:
    """The ordinals of every working day of the known years, sorted (built once per process)."""
    first, last = known_years()
    start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    return [
        d.toordinal()
        for d in (start + datetime.timedelta(n) for n in range((end - start).days + 1))
        if chinese_calendar.is_workday(d)
    ]


def _check(day: datetime.date) -> None:
    first, last = known_years()
    if not first <= day.year <= last:
        raise CalendarUnknown(day.year)


def is_working_day(day: datetime.date) -> bool:
    _check(day)
    return chinese_calendar.is_workday(day)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start` (n ≥ 1); `start` itself never counts, whatever it is, so a
    request raised on a Sunday or a holiday is due as if raised on the working day before."""
    _check(start)
    days = _working_ordinals()
    i = bisect.bisect_right(days, start.toordinal()) + n - 1
    if i >= len(days):
        raise CalendarUnknown(known_years()[1] + 1)
    return datetime.date.fromordinal(days[i])


def working_days_between(after: datetime.date, through: datetime.date) -> int:
    """How many working days d with after < d ≤ through (0 when through ≤ after)."""
    if through <= after:
        return 0
    _check(after)
    _check(through)
    days = _working_ordinals()
    return bisect.bisect_right(days, through.toordinal()) - bisect.bisect_right(days, after.toordinal())
