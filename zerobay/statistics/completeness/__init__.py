"""Reporting completeness of the monthly report (营收报库): who must report a month, by when, and who
reported on time, late or not at all.

- Who must report: enterprises above designated size (规上), plus those staff flagged as required,
  minus those staff exempted (ReportingDuty).
- By when: the month's deadline from the reporting calendar: a ReportingDeadline row for that month,
  else day settings.ZEROBAY_MONTHLY_DEADLINE_DAY of the following month.
- When a report arrived: the import of its first revision (the batch of the earliest stored state of
  that enterprise's report for that month), in local time. Reported on the deadline day is on time.

Everything here takes a queryset of the enterprises the caller may see, so scope is the caller's
(views pass registry.access.visible_enterprises(user)).

Modules: `terms` (form, statuses), `calendar_rules` (deadlines), `duties` (who must report),
`arrivals` (when reports came in), `tally` (one month's result), `history` (the chase over days
and months). Import the names from this package.
"""

from .arrivals import first_arrivals, local_date
from .calendar_rules import (
    deadline_for,
    deadlines,
    default_deadline,
    month_period,
    set_deadline,
    year_calendar,
)
from .duties import required_enterprises, set_duty, within_org_unit
from .history import daily_progress, on_time_history
from .tally import Completeness, Group, Row, completeness, subpark_finder
from .terms import (
    CHASE_DAYS,
    DEFAULT_DEADLINE_DAY,
    FORMS,
    LATE,
    MISSING,
    MONTHLY,
    ON_TIME,
    STATUS_LABELS,
    UNASSIGNED,
)

__all__ = [
    "CHASE_DAYS",
    "Completeness",
    "DEFAULT_DEADLINE_DAY",
    "FORMS",
    "Group",
    "LATE",
    "MISSING",
    "MONTHLY",
    "ON_TIME",
    "Row",
    "STATUS_LABELS",
    "UNASSIGNED",
    "completeness",
    "daily_progress",
    "deadline_for",
    "deadlines",
    "default_deadline",
    "first_arrivals",
    "local_date",
    "month_period",
    "on_time_history",
    "required_enterprises",
    "set_deadline",
    "set_duty",
    "subpark_finder",
    "within_org_unit",
    "year_calendar",
]
