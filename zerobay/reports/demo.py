"""The demo of the key tasks and their bulletins (see zerobay.demo.services.APP_DEMOS): the workplan's
demo (the 2025 list of 80 tasks, updates, meetings, assessments; zerobay.workplan.demo), then the
monthly bulletins issued since June 2025 (the 2025 summary, 000, counts 17 issues of the work
bulletin): each archived with its snapshot at the month's cut-off. Their documents are drawn when
first downloaded, from that snapshot (the same document every time)."""

import datetime

from django.db import transaction
from django.utils import timezone

from zerobay.workplan import demo as workplan_demo

from .bulletin import snapshot
from .models import Bulletin

ISSUES = 17
FIRST = snapshot.FIRST_MONTH
SOURCE = "demo"


def _months(today: datetime.date) -> list[datetime.date]:
    """The months whose cut-off has passed, from June 2025, at most ISSUES of them."""
    out, month = [], FIRST
    while len(out) < ISSUES and snapshot.cutoff_of(month) < today:
        out.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return out


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    logins = workplan_demo.load(password=password, seed=seed, progress=progress)
    if not logins or Bulletin.objects.filter(source=SOURCE).exists():
        return logins
    today = timezone.localdate()
    months = _months(today)
    progress(f"月度通报：按月末快照印发 {len(months)} 期工作简报……")
    with transaction.atomic():
        for month in months:
            cutoff = snapshot.cutoff_of(month)
            issued = timezone.make_aware(
                datetime.datetime.combine(cutoff + datetime.timedelta(days=5), datetime.time(10))
            )
            Bulletin.objects.create(
                period=month,
                number=snapshot.issue_number(month),
                snapshot=snapshot.take(month),
                source=SOURCE,
                status=Bulletin.Status.ISSUED,
                issued_at=issued,
            )
    return logins


def wipe() -> int:
    n = Bulletin.objects.filter(source=SOURCE).delete()[0]
    return n + workplan_demo.wipe()
