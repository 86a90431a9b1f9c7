"""The reporting calendar: each month's deadline (the default rule or a row set by staff), audited."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from zerobay.accounts import audit

from ..models import ReportingDeadline
from ..periods import Period, PeriodType
from .terms import (
    CHASE_DAYS,
    DEFAULT_DEADLINE_DAY,
    MONTHLY,
)


def default_deadline(period: Period) -> datetime.date:
    day = getattr(settings, "ZEROBAY_MONTHLY_DEADLINE_DAY", DEFAULT_DEADLINE_DAY)
    following = period.end + datetime.timedelta(days=1)
    return following.replace(day=min(day, 28))


def month_period(text: str) -> Period:
    """'2026-05' → the month; ValueError (translated) for anything else."""
    try:
        period = Period.parse(text)
    except ValueError:
        period = None
    if period is None or period.type != PeriodType.MONTH:
        raise ValueError(
            _("The reporting period should be a month, e.g. 2026-05: %(text)s") % {"text": repr(text)}
        )
    return period


def deadlines(periods: list[Period], form: str = MONTHLY) -> dict[Period, tuple[datetime.date, bool]]:
    """{month: (deadline, set in the calendar rather than by the default rule)}."""
    years = {p.year for p in periods}
    stored = {
        (d.year, d.month): d.deadline for d in ReportingDeadline.objects.filter(form=form, year__in=years)
    }
    out = {}
    for p in periods:
        day = stored.get((p.year, p.number))
        out[p] = (day, True) if day else (default_deadline(p), False)
    return out


def deadline_for(period: Period, form: str = MONTHLY) -> datetime.date:
    return deadlines([period], form)[period][0]


def year_calendar(year: int, form: str = MONTHLY) -> list[dict]:
    months = [Period(year, PeriodType.MONTH, m) for m in range(1, 13)]
    notes = dict(ReportingDeadline.objects.filter(form=form, year=year).values_list("month", "note"))
    return [
        {
            "period": p,
            "deadline": day,
            "custom": custom,
            "note": notes.get(p.number, ""),
            "chase_from": day - datetime.timedelta(days=CHASE_DAYS),
        }
        for p, (day, custom) in deadlines(months, form).items()
    ]


def set_deadline(
    period: Period, deadline: datetime.date | None, *, user, note: str = "", form: str = MONTHLY
):
    """Sets (or, with None, clears back to the default rule) one month's deadline; audited."""
    if deadline is not None and deadline <= period.end:
        raise ValueError(
            _("The reporting deadline of %(period)s should fall after the month ends: %(deadline)s")
            % {"period": period, "deadline": deadline}
        )
    with transaction.atomic():
        old = ReportingDeadline.objects.filter(form=form, year=period.year, month=period.number).first()
        before = old.deadline.isoformat() if old else f"{default_deadline(period).isoformat()}（默认）"
        if deadline is None:
            if old:
                old.delete()
        else:
            ReportingDeadline.objects.update_or_create(
                form=form,
                year=period.year,
                month=period.number,
                defaults={"deadline": deadline, "note": note, "set_by": user},
            )
        after = deadline.isoformat() if deadline else f"{default_deadline(period).isoformat()}（默认）"
        audit.record(
            "statistics.deadline.set",
            actor=user,
            object_type="statistics.reportingdeadline",
            object_id=f"{form}:{period}",
            summary=f"{period} 月报截止日：{before} → {after}",
            changes={"deadline": [before, after], "note": note},
        )
