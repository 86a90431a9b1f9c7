"""What the bulletin of a month says, taken from the apps at the month's cut-off (its last day) and
frozen as plain, JSON-ready data: the document is drawn from this and nothing else, so an issued
bulletin can be redrawn exactly as it was.

Each figure comes from the app that owns it, through the function its own pages and commands use:
indicators from the indicator tracking (the figures of `zerobay indicators show`), task statuses from
the workplan's status rule at the cut-off (those of `zerobay workplan list --as-of`), programmes from
their applications' transitions and payments, cultivation from the qualification screening and the
reporting completeness, matching from its funnel."""

import calendar
import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Sum

from zerobay.cultivation.screening import STATUS_LABELS as LADDER_LABELS
from zerobay.cultivation.screening import screen
from zerobay.indicators import services as indicator_services
from zerobay.indicators.tracking import STATUS_LABELS as TRACKING_LABELS
from zerobay.matching.funnel import funnel_counts
from zerobay.programs.models import Application, Payment, Transition
from zerobay.programs.workflow import State
from zerobay.registry.models import OrgUnit
from zerobay.statistics.completeness.tally import completeness
from zerobay.statistics.periods import Period, PeriodType
from zerobay.workplan.dispatch import deadline_of
from zerobay.workplan.models import Status, Task, WeeklyUpdate, week_start
from zerobay.workplan.services import states, task_dict, with_details

FIRST_MONTH = datetime.date(2025, 6, 1)  # the first bulletin: weekly dispatch began in June 2025 (000)
TRACKED = ("achieved", "on_track", "at_risk", "off_track")  # statuses judged against a target


def cutoff_of(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def issue_number(month: datetime.date) -> int:
    """第N期: the months since the first bulletin, counting it."""
    return (month.year - FIRST_MONTH.year) * 12 + month.month - FIRST_MONTH.month + 1


def take(month: datetime.date, org_unit: OrgUnit | None = None) -> dict:
    month = month.replace(day=1)
    cutoff = cutoff_of(month)
    path = org_unit.path if org_unit else ""
    indicators = _indicators(cutoff)
    tasks = _tasks(cutoff)
    programmes = _programmes(month, cutoff, path)
    cultivation = _cultivation(month, cutoff, path)
    matching = funnel_counts(cutoff.year)
    return {
        "period": f"{month:%Y-%m}",
        "cutoff": cutoff.isoformat(),
        "number": issue_number(month),
        "org_unit": {"code": org_unit.code, "name": org_unit.name} if org_unit else None,
        "headline": _headline(indicators, tasks, programmes, cultivation),
        "indicators": indicators,
        "tasks": tasks,
        "programmes": programmes,
        "cultivation": cultivation,
        "matching": matching,
    }


def _indicators(cutoff: datetime.date) -> list[dict]:
    """The indicators with a target, judged as of the cut-off's year (as `indicators show --year`)."""
    rows = []
    for group in indicator_services.overview(None, cutoff.year):
        for row in group["rows"]:
            a = row["tracking"].assessment
            if a.status not in TRACKED:
                continue
            indicator = row["indicator"]
            rows.append(
                {
                    "id": indicator.id,
                    "name": indicator.name,
                    "category": group["category"].name,
                    "unit": indicator.unit,
                    "year": a.year,
                    "value": a.value,
                    "target_year": a.target_year,
                    "target": a.target,
                    "completion": a.completion,
                    "status": a.status,
                    "status_label": TRACKING_LABELS[a.status][0],
                }
            )
    return rows


def _tasks(cutoff: datetime.date) -> dict:
    """Every key task's status at the cut-off, the red ones named with their units, and the units
    ranked by the share of the month's updates they filed by the weekly deadline."""
    tasks = Task.objects.filter(task_list__year__in=(cutoff.year, cutoff.year - 1))
    computed = states(with_details(tasks), cutoff)
    rows = [task_dict(s) | {"list": s.task.task_list.name, "reason": s.reason} for s in computed]
    counts = Counter(r["status"] for r in rows)
    red = [r for r in rows if r["status"] == Status.RED]
    return {
        "total": len(rows),
        "counts": {s.value: counts.get(s.value, 0) for s in Status},
        "labels": {s.value: str(s.label) for s in Status},
        "red": red,
        "rows": rows,
        "timeliness": _timeliness([s.task for s in computed if s.status != Status.DONE], cutoff),
    }


def _timeliness(tasks: list[Task], cutoff: datetime.date) -> list[dict]:
    """Per lead unit: updates expected in the month's weeks (deadline within the month) of the tasks
    not done at the cut-off, filed by the deadline, filed at all."""
    month = cutoff.replace(day=1)
    weeks = [w for w in _mondays(month, cutoff) if month <= deadline_of(w).date() <= cutoff]
    expected: Counter = Counter()
    names = {}
    for task in tasks:
        for unit in task.lead_units.all():
            expected[unit.pk] += len(weeks)
            names[unit.pk] = str(unit)
    on_time: Counter = Counter()
    filed: Counter = Counter()
    deadlines = {w: deadline_of(w) for w in weeks}
    ids = [t.pk for t in tasks]
    for unit_id, week, submitted in WeeklyUpdate.objects.filter(task_id__in=ids, week__in=weeks).values_list(
        "unit_id", "week", "submitted_at"
    ):
        filed[unit_id] += 1
        on_time[unit_id] += submitted <= deadlines[week]
    rows = [
        {
            "unit": names[u],
            "expected": n,
            "filed": min(filed[u], n),
            "on_time": min(on_time[u], n),
            "rate": round(min(on_time[u], n) / n, 4) if n else None,
        }
        for u, n in expected.items()
        if n
    ]
    rows.sort(key=lambda r: (-(r["rate"] or 0), -r["expected"], r["unit"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def _mondays(month: datetime.date, cutoff: datetime.date) -> list[datetime.date]:
    day, out = week_start(month), []
    while day <= cutoff:
        out.append(day)
        day += datetime.timedelta(days=7)
    return out


def _programmes(month: datetime.date, cutoff: datetime.date, path: str) -> dict:
    """Applications received, approved and paid in the month (by their transitions and payments)."""
    end = cutoff + datetime.timedelta(days=1)
    apps = Application.objects.filter(org_path__startswith=path) if path else Application.objects.all()
    moves = Transition.objects.filter(application__in=apps, at__date__gte=month, at__date__lt=end)
    received = moves.filter(to_state=State.SUBMITTED).values("application").distinct().count()
    approved = moves.filter(to_state=State.APPROVED).values("application").distinct().count()
    payments = Payment.objects.filter(application__in=apps, paid_on__gte=month, paid_on__lt=end)
    paid = payments.aggregate(n=Sum("amount"))["n"] or Decimal(0)
    return {
        "received": received,
        "approved": approved,
        "payments": payments.count(),
        "paid_amount": str(paid),
        "paid_wan": float(paid / 10_000),
    }


def _cultivation(month: datetime.date, cutoff: datetime.date, path: str) -> dict:
    """The HTE pipeline at the cut-off and the month's reporting completeness."""
    counts = screen("hte", cutoff, path).counts()
    reporting = completeness(Period(month.year, PeriodType.MONTH, month.month), as_of=cutoff)
    total = reporting.total
    return {
        "hte": [{"status": s, "label": LADDER_LABELS[s], "count": counts[s]} for s in counts],
        "reporting": {
            "expected": total.expected,
            "on_time": total.on_time,
            "late": total.late,
            "missing": total.missing,
            "on_time_rate": total.on_time_rate,
        },
    }


def _headline(indicators: list[dict], tasks: dict, programmes: dict, cultivation: dict) -> list[dict]:
    by_status: dict[str, int] = defaultdict(int)
    for row in indicators:
        by_status[row["status"]] += 1
    counts = tasks["counts"]
    return [
        {"label": "跟踪指标", "value": len(indicators), "unit": "项"},
        {"label": "达成或正常", "value": by_status["achieved"] + by_status["on_track"], "unit": "项"},
        {"label": "有风险或滞后", "value": by_status["at_risk"] + by_status["off_track"], "unit": "项"},
        {"label": "重点任务", "value": tasks["total"], "unit": "项"},
        {"label": "已完成任务", "value": counts[Status.DONE], "unit": "项"},
        {"label": "红色任务", "value": counts[Status.RED], "unit": "项"},
        {"label": "受理政策申报", "value": programmes["received"], "unit": "件"},
        {"label": "拨付资金", "value": round(programmes["paid_wan"], 2), "unit": "万元"},
        {"label": "月报按时报送率", "value": _percent(cultivation["reporting"]["on_time_rate"]), "unit": "%"},
    ]


def _percent(rate) -> float | None:
    return None if rate is None else round(100 * rate, 1)
