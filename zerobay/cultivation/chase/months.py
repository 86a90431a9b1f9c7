"""The monthly reporting chase (营收报库) as the pages show it: which month, the filtered list of
enterprises, the months to compare, the spreadsheet rows. The figures come from
statistics.completeness; this module only chooses and arranges them."""

import datetime

from django.db.models import Max
from django.utils import timezone

from zerobay.statistics.completeness import CHASE_DAYS, STATUS_LABELS, Completeness, deadline_for
from zerobay.statistics.models import MonthlyReport
from zerobay.statistics.periods import Period, PeriodType

HISTORY_MONTHS = 12


def shift(period: Period, months: int) -> Period:
    index = period.year * 12 + period.number - 1 + months
    return Period(index // 12, PeriodType.MONTH, index % 12 + 1)


def chased_period(today: datetime.date | None = None) -> Period:
    """The latest month whose chase has begun (ten days before its deadline) by `today`."""
    today = today or timezone.localdate()
    period = Period(today.year, PeriodType.MONTH, today.month)
    while deadline_for(period) - datetime.timedelta(days=CHASE_DAYS) > today:
        period = shift(period, -1)
    return period


def default_period() -> Period:
    """The month the chase page opens on: the latest month with any report, else the one being chased."""
    latest = MonthlyReport.objects.aggregate(year=Max("year"))["year"]
    if latest:
        month = MonthlyReport.objects.filter(year=latest).aggregate(m=Max("month"))["m"]
        return Period(latest, PeriodType.MONTH, month)
    return chased_period()


def month_choices(around: Period, before: int = 18, after: int = 2) -> list[Period]:
    return [shift(around, n) for n in range(after, -before - 1, -1)]


def history_periods(end: Period, months: int = HISTORY_MONTHS) -> list[Period]:
    return [shift(end, -n) for n in range(months - 1, -1, -1)]


def filtered_rows(result: Completeness, *, status: str = "", subpark: str = "", q: str = "") -> list:
    rows = result.rows
    if status in STATUS_LABELS:
        rows = [r for r in rows if r.status == status]
    if subpark:
        rows = [r for r in rows if r.subpark == subpark]
    if q := q.strip():
        rows = [r for r in rows if q in r.name or q.upper() in r.uscc]
    # The ones still to chase first: missing, then late, then on time (by sub-park and name within).
    return sorted(rows, key=lambda r: CHASE_ORDER.get(r.status, 3))


CHASE_ORDER = {"missing": 0, "late": 1, "on_time": 2}


XLSX_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "子园",
    "报送义务",
    "报送状态",
    "报送时间",
    "逾期天数",
    "联系人",
    "电话",
    "邮箱",
    "最近提醒",
]
DUTY_LABELS = {"above_scale": "规上企业", "required": "人工标记需报送"}


def xlsx_rows(rows: list, reminded: dict) -> list[list]:
    out = []
    for r in rows:
        last = reminded.get(r.enterprise_id)
        out.append(
            [
                r.uscc,
                r.name,
                r.subpark_name,
                DUTY_LABELS.get(r.duty, r.duty),
                r.status_label,
                timezone.localtime(r.reported_at).strftime("%Y-%m-%d %H:%M") if r.reported_at else "",
                r.days_late if r.days_late else "",
                r.contact.get("name", ""),
                r.contact.get("phone", ""),
                "；".join(e for e in [r.contact.get("email", ""), *r.contact.get("user_emails", [])] if e),
                timezone.localtime(last).strftime("%Y-%m-%d %H:%M") if last else "",
            ]
        )
    return out
