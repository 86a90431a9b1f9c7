"""The demo of the reporting chase and of 升规纳统 (called from cultivation.demo).

On the demo panel (monthly reports of the latest year, January to October, imported by `zerobay demo`):
- the panel's monthly imports are dated a few days before each month's deadline, as if they had
  come in on time (the generator already leaves out ~3% of enterprise-months: those stay missing);
- the following month (November) comes in day by day from ten days before its deadline: most
  enterprises on time, some late, some not at all, with sub-parks that differ; each day's reports
  are a workbook imported through the import pipeline;
- staff have flagged a few enterprises below the size threshold as required and exempted two,
  and reporting contacts are on file;
- the 升规纳统 candidates without an industry code get one through the enterprise-profile import;
- a demo enterprise user whose report is missing has received the reminder.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise
from zerobay.statistics import completeness as svc
from zerobay.statistics.models import (
    ImportBatch,
    MonthlyReport,
    ReportingDeadline,
    ReportingDuty,
    ReportingReminder,
)
from zerobay.statistics.periods import Period, PeriodType
from zerobay.statistics.reportforms import FORMS
from zerobay.statistics.services import import_file
from zerobay.tabular.xlsx import Workbook

from .. import upscale
from .months import shift
from .reminders import send_reminders

DEMO_SOURCE = "demo"
FILE_PREFIX = "营收报库演示"  # original_name of the imports this module makes
USERNAME = "baoku"
MONTHLY_HEADER = ["统一社会信用代码", "企业名称", "营业收入（本年累计，元）", "从业人员（人）"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞")
# Industry codes (GB/T 4754) given to 升规纳统 candidates that have none: mostly S&T services.
DEMO_CODES = ("7320", "7320", "7350", "7340", "6513", "6520", "7212", "3581", "3979")


def _account(password: str, enterprise: Enterprise | None) -> User:
    user, _ = User.objects.get_or_create(username=USERNAME)
    user.role = Role.ENTERPRISE
    if enterprise is not None:
        user.enterprise = enterprise
    user.first_name, user.last_name = "报送员", ""
    user.is_active = True
    user.set_password(password)
    user.save()
    return user


def _description(user: User) -> str:
    name = user.enterprise.name if user.enterprise_id else "演示企业"
    return f"企业用户（enterprise），{name}：11月营收月报未报送，已收到催报提醒"


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    demo_monthly = ImportBatch.objects.filter(channel=ImportBatch.Channel.DEMO, form=svc.MONTHLY)
    if demo_monthly.filter(original_name__startswith=FILE_PREFIX).exists() or not demo_monthly.exists():
        user = _account(password, None)  # loaded already (or no panel): only the password
        return [(USERNAME, _description(user))]
    rnd = random.Random(seed * 7919 + 6)
    enterprises = Enterprise.objects.filter(source=DEMO_SOURCE)
    latest = demo_monthly.aggregate(y=Max("year"))["y"]
    last_month = demo_monthly.filter(year=latest).aggregate(m=Max("month"))["m"]
    showcase = shift(Period(latest, PeriodType.MONTH, last_month), 1)

    # The Spring Festival moved February's deadline (an entry of the reporting calendar).
    ReportingDeadline.objects.update_or_create(
        form=svc.MONTHLY,
        year=latest,
        month=2,
        defaults={"deadline": datetime.date(latest, 3, 14), "note": "春节假期顺延"},
    )
    _date_panel_imports(demo_monthly, rnd)
    required = _duties(enterprises, rnd)
    files = _report_month(showcase, enterprises, required, rnd, progress)
    coded = _industry_codes(enterprises, latest, rnd)
    user = _remind_one(showcase, enterprises, password)
    progress(
        f"营收报库演示：{showcase} 月报分 {files} 批导入（按时/逾期/未报），"
        f"应报企业 {len(required)} 家；升规纳统候选补充行业代码 {coded} 家"
    )
    return [(USERNAME, _description(user))]


def _date_panel_imports(batches, rnd: random.Random) -> None:
    """Each panel month came in one to six days before its deadline."""
    periods = {b.pk: Period(b.year, PeriodType.MONTH, b.month) for b in batches}
    due = svc.deadlines(list(set(periods.values())))
    zone = ZoneInfo(settings.TIME_ZONE)
    for pk, period in periods.items():
        day = due[period][0] - datetime.timedelta(days=rnd.randint(1, 6))
        at = datetime.datetime.combine(day, datetime.time(10, rnd.randint(0, 59)), zone)
        ImportBatch.objects.filter(pk=pk).update(created_at=at, finished_at=at)


def _duties(enterprises, rnd: random.Random) -> list[int]:
    """Flags and exemptions by staff, and a reporting contact for most who must report."""
    below = list(enterprises.filter(above_scale=False).order_by("pk").values_list("pk", flat=True))
    above = list(enterprises.filter(above_scale=True).order_by("pk").values_list("pk", flat=True))
    flagged = set(rnd.sample(below, min(15, len(below))))
    exempt = set(rnd.sample(above, min(2, len(above))))
    rows = []
    for n, pk in enumerate(sorted(flagged | (set(above) - exempt))):
        has_contact = rnd.random() < 0.9
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.5 else "")
        rows.append(
            ReportingDuty(
                enterprise_id=pk,
                duty=ReportingDuty.Duty.REQUIRED if pk in flagged else ReportingDuty.Duty.DEFAULT,
                reason="营收接近规上门槛，纳入月报监测" if pk in flagged else "",
                contact_name=name if has_contact else "",
                contact_phone=f"1380{rnd.randint(0, 9999999):07d}" if has_contact else "",
                contact_email=f"tongji{n + 1}@example.com" if has_contact else "",
            )
        )
    rows += [
        ReportingDuty(enterprise_id=pk, duty=ReportingDuty.Duty.EXEMPT, reason="已迁出本区") for pk in exempt
    ]
    ReportingDuty.objects.bulk_create(rows)
    return sorted(flagged | (set(above) - exempt))


def _report_month(period: Period, enterprises, required: list[int], rnd: random.Random, progress) -> int:
    """The showcase month: imported day by day from ten days before its deadline."""
    previous = shift(period, -1)
    last = {
        eid: (ytd, emp)
        for eid, ytd, emp in MonthlyReport.objects.filter(
            enterprise__in=enterprises, year=previous.year, month=previous.number, revenue_ytd__isnull=False
        ).values_list("enterprise_id", "revenue_ytd", "employees")
    }
    info = {e.pk: e for e in enterprises.filter(pk__in=list(last)).only("pk", "uscc", "name", "org_path")}
    deadline = svc.deadline_for(period)
    find = svc.subpark_finder()
    # Each sub-park has its own habits: how many report late, how many not at all.
    habits = {}
    must = set(required)
    by_day = defaultdict(list)
    for eid in sorted(last):
        sub = find(info[eid].org_path)[0]
        if sub not in habits:
            habits[sub] = (rnd.uniform(0.03, 0.2), rnd.uniform(0.02, 0.14))
        late_share, missing_share = habits[sub]
        draw = rnd.random()
        if eid in must and draw < missing_share:
            continue
        if eid in must and draw < missing_share + late_share:
            day = deadline + datetime.timedelta(days=rnd.randint(1, 4))
        else:  # on time, most of them in the last days
            day = deadline - datetime.timedelta(days=min(int(rnd.expovariate(0.35)), 10))
        by_day[day].append(eid)
    out_dir = Path(settings.VAR_DIR) / "demo" / "chase"
    out_dir.mkdir(parents=True, exist_ok=True)
    zone = ZoneInfo(settings.TIME_ZONE)
    for day, ids in sorted(by_day.items()):
        path = out_dir / f"{FILE_PREFIX}_{period}_{day:%m%d}.xlsx"
        workbook = Workbook(path)
        sheet = workbook.table("月报", MONTHLY_HEADER)
        for row, eid in enumerate(ids, start=1):
            ytd, emp = last[eid]
            growth = Decimal(str(round(rnd.uniform(1.04, 1.16), 4)))
            e = info[eid]
            sheet.write_row(
                row, 0, [e.uscc, e.name, float((ytd * growth).quantize(Decimal("0.01"))), emp or 0]
            )
        workbook.close()
        batch, report = import_file(
            path, form_code=svc.MONTHLY, period=period, channel=ImportBatch.Channel.DEMO
        )
        if report.errors:
            raise RuntimeError(f"演示月报 {path.name} 导入失败：{report.errors[0].message}")
        at = datetime.datetime.combine(day, datetime.time(rnd.randint(9, 17), rnd.randint(0, 59)), zone)
        ImportBatch.objects.filter(pk=batch.pk).update(created_at=at, finished_at=at)
    return len(by_day)


def _industry_codes(enterprises, year: int, rnd: random.Random) -> int:
    """Industry codes, through the enterprise-profile import, for candidates that lack one."""
    if "enterprise_profile" not in FORMS:
        return 0
    unknown = [c for c in upscale.candidates(enterprises, year=year) if c.status == upscale.UNKNOWN_SECTOR]
    if not unknown:
        return 0
    path = Path(settings.VAR_DIR) / "demo" / "chase" / f"{FILE_PREFIX}_行业代码.xlsx"
    workbook = Workbook(path)
    sheet = workbook.table("企业画像", ["统一社会信用代码", "企业名称", "国民经济行业代码"])
    for row, c in enumerate(unknown, start=1):
        sheet.write_row(row, 0, [c.uscc, c.name, rnd.choice(DEMO_CODES)])
    workbook.close()
    _, report = import_file(
        path, form_code="enterprise_profile", period=Period(year), channel=ImportBatch.Channel.DEMO
    )
    return 0 if report.errors else len(unknown)


def _remind_one(period: Period, enterprises, password: str) -> User:
    """The demo enterprise user acts for a missing enterprise of 大零号湾 and got the reminder."""
    result = svc.completeness(period, enterprises.filter(org_path__startswith="MH/ZJMH/DLHW/"))
    missing = result.with_status(svc.MISSING) or result.rows
    enterprise = Enterprise.objects.get(pk=missing[0].enterprise_id) if missing else None
    user = _account(password, enterprise)
    if enterprise is not None:
        ReportingDuty.objects.filter(enterprise=enterprise).update(contact_email="")  # in the app only
        one = svc.completeness(period, Enterprise.objects.filter(pk=enterprise.pk))
        send_reminders(one, user=None, link=f"/cultivation/reporting/?period={period}")
    return user


def wipe() -> int:
    """Removes what load made; the imports themselves are demo imports, which the demo wipe removes."""
    demo = Enterprise.objects.filter(source=DEMO_SOURCE)
    count = ReportingDuty.objects.filter(enterprise__in=demo).delete()[0]
    count += ReportingReminder.objects.filter(enterprise__in=demo).delete()[0]
    count += ReportingDeadline.objects.filter(note="春节假期顺延").delete()[0]
    count += User.objects.filter(username=USERNAME, role=Role.ENTERPRISE).delete()[0]
    return count
