"""A task's status computed from data, next to the one its lead unit declares.

Plain data in, plain data out: `compute` judges one task at a date by the rule below, which the
pages state verbatim (`STATUS_RULE`, translated):

1. done: the task has milestones and its last one is accepted;
2. red: a milestone is past its due date and not done, or the task is past its due date;
3. yellow: a milestone falls due within WARN_DAYS days and is not done, or a linked indicator is
   "at risk" (有风险) or "off track" (滞后) by the indicator tracking;
4. blue: the task falls due within NEAR_DAYS days;
5. green otherwise (a continuous task has no due date of its own: only its milestones and
   indicators count).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Status

WARN_DAYS = 14
NEAR_DAYS = 30
LAGGING = frozenset({"at_risk", "off_track"})  # the indicator tracking's 有风险 and 滞后

STATUS_RULE = _(
    "Done: the last milestone is accepted. Red: a milestone is overdue and not done, or the task is "
    "past its due date. Yellow: a milestone falls due within %(warn)s days and is not done, or a linked "
    "indicator is at risk or off track. Blue: the task falls due within %(near)s days. Green otherwise."
)
# The board's colours, and the tone of the shared badges (zerobay/web/badges.py) for each status.
COLOURS = {
    Status.RED: "#d9363e",
    Status.YELLOW: "#e6a700",
    Status.BLUE: "#2f6fdf",
    Status.GREEN: "#2e9d5b",
    Status.DONE: "#8c8c8c",
}
TONES = {
    Status.RED: "red",
    Status.YELLOW: "amber",
    Status.BLUE: "blue",
    Status.GREEN: "green",
    Status.DONE: "grey",
}
ORDER = (Status.RED, Status.YELLOW, Status.BLUE, Status.GREEN, Status.DONE)


def rule_text() -> str:
    return str(STATUS_RULE) % {"warn": WARN_DAYS, "near": NEAR_DAYS}


@dataclass(frozen=True, slots=True)
class MilestoneFacts:
    due: datetime.date
    done: bool  # done_on set
    accepted: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    reason: str  # which part of the rule applied, for the page


def compute(
    due: datetime.date | None,
    milestones: Iterable[MilestoneFacts],
    indicator_statuses: Iterable[str],
    today: datetime.date,
) -> Verdict:
    ms = sorted(milestones, key=lambda m: m.due)
    if ms and ms[-1].accepted:
        return Verdict(Status.DONE, str(_("the last milestone is accepted")))
    overdue = [m for m in ms if m.due < today and not m.done and not m.accepted]
    if overdue:
        return Verdict(Status.RED, str(_("milestone of %(due)s overdue")) % {"due": overdue[0].due})
    if due is not None and due < today:
        return Verdict(Status.RED, str(_("the task was due on %(due)s")) % {"due": due})
    soon = today + datetime.timedelta(days=WARN_DAYS)
    coming = [m for m in ms if today <= m.due <= soon and not m.done and not m.accepted]
    if coming:
        return Verdict(Status.YELLOW, str(_("milestone due on %(due)s not done")) % {"due": coming[0].due})
    if LAGGING & set(indicator_statuses):
        return Verdict(Status.YELLOW, str(_("a linked indicator is at risk or off track")))
    if due is not None and due <= today + datetime.timedelta(days=NEAR_DAYS):
        return Verdict(Status.BLUE, str(_("due on %(due)s")) % {"due": due})
    return Verdict(Status.GREEN, str(_("on schedule")))
