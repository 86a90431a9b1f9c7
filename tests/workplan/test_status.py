"""The computed status, rule by rule, and the flag where the unit declares another."""

import datetime

import pytest

from zerobay.workplan.models import Status
from zerobay.workplan.status import MilestoneFacts, compute

TODAY = datetime.date(2026, 6, 10)
D = datetime.date


def m(due, done=False, accepted=False):
    return MilestoneFacts(due, done, accepted)


@pytest.mark.parametrize(
    "due,milestones,indicators,status",
    [
        (D(2026, 12, 31), [m(D(2026, 3, 1), done=True), m(D(2026, 12, 1), accepted=True)], [], Status.DONE),
        (D(2026, 5, 31), [m(D(2026, 5, 1), accepted=True)], [], Status.DONE),  # last milestone accepted
        (D(2026, 12, 31), [m(D(2026, 6, 1))], [], Status.RED),  # milestone overdue
        (D(2026, 6, 9), [], [], Status.RED),  # task overdue
        (D(2026, 12, 31), [m(D(2026, 6, 1), done=True), m(D(2026, 6, 24))], [], Status.YELLOW),
        (D(2026, 12, 31), [m(D(2026, 6, 25))], [], Status.GREEN),  # 15 days ahead: not yet
        (D(2026, 12, 31), [], ["on_track", "at_risk"], Status.YELLOW),
        (None, [], ["off_track"], Status.YELLOW),
        (D(2026, 7, 10), [], ["on_track"], Status.BLUE),  # due within 30 days
        (D(2026, 7, 11), [], [], Status.GREEN),
        (None, [], [], Status.GREEN),  # continuous
    ],
)
def test_the_rule(due, milestones, indicators, status):
    assert compute(due, milestones, indicators, TODAY).status == status
