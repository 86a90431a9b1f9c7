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
"""

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, OrgUnit

from .models import MonthlyReport, ReportingDeadline, ReportingDuty, ReportRevision
from .periods import Period, PeriodType

MONTHLY = "torch_monthly"
FORMS = {"monthly": MONTHLY}  # the --form names of `zerobay statistics completeness`
DEFAULT_DEADLINE_DAY = 10
CHASE_DAYS = 10  # the chase starts this many days before the deadline ("截止前十日起，每日关注")
ON_TIME, LATE, MISSING = "on_time", "late", "missing"
STATUS_LABELS = {ON_TIME: "按时报送", LATE: "逾期报送", MISSING: "未报送"}
UNASSIGNED = ("", "未分配子园")


# ---------------------------------------------------------------------------- the calendar


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


# ---------------------------------------------------------------------------- who must report


def required_enterprises(enterprises, form: str = MONTHLY):
    """The enterprises of `enterprises` that must report `form`: 规上 unless exempted, or flagged."""
    duties = ReportingDuty.objects.filter(form=form)
    exempt = duties.filter(duty=ReportingDuty.Duty.EXEMPT).values("enterprise_id")
    required = duties.filter(duty=ReportingDuty.Duty.REQUIRED).values("enterprise_id")
    return enterprises.filter((Q(above_scale=True) & ~Q(pk__in=exempt)) | Q(pk__in=required))


def set_duty(enterprise: Enterprise, *, user, form: str = MONTHLY, **fields) -> ReportingDuty:
    """Creates or changes the reporting duty / contact of one enterprise; audited with what changed."""
    with transaction.atomic():
        duty, _created = ReportingDuty.objects.get_or_create(enterprise=enterprise, form=form)
        changes = {k: [getattr(duty, k), v] for k, v in fields.items() if getattr(duty, k) != v}
        for name, value in fields.items():
            setattr(duty, name, value)
        duty.updated_by = user
        duty.save()
        if changes:
            audit.record(
                "statistics.duty.changed",
                actor=user,
                obj=duty,
                org_unit_path=enterprise.org_path,
                summary=f"{enterprise.name} 月报报送义务/联系人变更",
                changes=changes,
            )
    return duty


def within_org_unit(enterprises, code: str):
    """`enterprises` limited to the subtree of the org unit `code`; ValueError (translated) if none has it."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise ValueError(_("No such org unit: %(code)s") % {"code": code})
    return enterprises.filter(org_path__startswith=unit.path)


# ---------------------------------------------------------------------------- arrivals


def first_arrivals(period: Period, enterprise_ids=None, form: str = MONTHLY) -> dict[int, datetime.datetime]:
    """{enterprise id: when its report for `period` first arrived}: the earliest import among the
    current report and its superseded revisions."""
    arrived = Coalesce("batch__finished_at", "batch__created_at")
    current = MonthlyReport.objects.filter(year=period.year, month=period.number)
    older = ReportRevision.objects.filter(form=form, year=period.year, month=period.number)
    if enterprise_ids is not None:
        current, older = (
            current.filter(enterprise_id__in=enterprise_ids),
            older.filter(enterprise_id__in=enterprise_ids),
        )
    out: dict[int, datetime.datetime] = {}
    for qs in (current, older):
        for enterprise_id, at in qs.values_list("enterprise_id", arrived):
            if enterprise_id not in out or at < out[enterprise_id]:
                out[enterprise_id] = at
    return out


# ---------------------------------------------------------------------------- completeness


@dataclass
class Row:
    enterprise_id: int
    uscc: str
    name: str
    org_unit: str  # code of the enterprise's own org unit ("" if none)
    subpark: str  # code of the sub-park it belongs to ("" if none)
    subpark_name: str
    status: str  # on_time / late / missing
    reported_at: datetime.datetime | None
    days_late: int | None
    duty: str  # above_scale / required
    contact: dict = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Group:
    code: str
    name: str
    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.expected, 4) if self.expected else None

    @property
    def reported_rate(self) -> float | None:
        return round(self.reported / self.expected, 4) if self.expected else None

    def as_dict(self) -> dict:
        return {
            "org_unit": self.code,
            "name": self.name,
            "expected": self.expected,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
            "on_time_rate": self.on_time_rate,
            "reported_rate": self.reported_rate,
        }


@dataclass
class Completeness:
    form: str
    period: Period
    deadline: datetime.date
    as_of: datetime.date
    rows: list[Row]
    total: Group
    groups: list[Group]  # one per sub-park, in org-tree order

    def with_status(self, status: str) -> list[Row]:
        return [r for r in self.rows if r.status == status]

    def as_dict(self) -> dict:
        return {
            "form": next((k for k, v in FORMS.items() if v == self.form), self.form),
            "period": str(self.period),
            "deadline": self.deadline.isoformat(),
            "as_of": self.as_of.isoformat(),
            "expected": self.total.expected,
            "on_time": self.total.on_time,
            "late": self.total.late,
            "missing": self.total.missing,
            "on_time_rate": self.total.on_time_rate,
            "reported_rate": self.total.reported_rate,
            "by_org_unit": [g.as_dict() for g in self.groups],
            "enterprises": [
                {
                    **{k: v for k, v in asdict(r).items() if k != "enterprise_id"},
                    "reported_at": timezone.localtime(r.reported_at).isoformat() if r.reported_at else None,
                }
                for r in self.rows
            ],
        }


def subpark_finder():
    """A function org_path → (sub-park code, name), the nearest sub-park above or at the path."""
    units = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK).order_by("path"))
    subparks = {u.path: (u.code, u.name) for u in units}

    def find(path: str) -> tuple[str, str]:
        parts = path.split("/")[:-1]
        for n in range(len(parts), 0, -1):
            prefix = "/".join(parts[:n]) + "/"
            if prefix in subparks:
                return subparks[prefix]
        return UNASSIGNED

    find.order = {u.code: i for i, u in enumerate(units)}
    return find


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def completeness(
    period: Period, enterprises=None, *, as_of: datetime.date | None = None, form: str = MONTHLY
) -> Completeness:
    """Who of `enterprises` (default: all) had to report `period`, and whether they did on time, late
    or not yet, as things stood at the end of `as_of` (default: today)."""
    enterprises = Enterprise.objects.all() if enterprises is None else enterprises
    as_of = as_of or timezone.localdate()
    deadline = deadline_for(period, form)
    required = list(
        required_enterprises(enterprises, form)
        .order_by("org_path", "name")
        .values_list("pk", "uscc", "name", "org_path", "org_unit__code", "above_scale")
    )
    ids = [r[0] for r in required]
    arrivals = first_arrivals(period, ids, form)
    contacts = {
        d["enterprise_id"]: d
        for d in ReportingDuty.objects.filter(form=form, enterprise_id__in=ids).values(
            "enterprise_id", "contact_name", "contact_phone", "contact_email"
        )
    }
    users = defaultdict(list)
    for enterprise_id, email in User.objects.filter(
        role=Role.ENTERPRISE, is_active=True, enterprise_id__in=ids
    ).values_list("enterprise_id", "email"):
        if email:
            users[enterprise_id].append(email)

    find = subpark_finder()
    total = Group("", "合计")
    groups: dict[str, Group] = {}
    rows = []
    for pk, uscc, name, path, unit, above in required:
        at = arrivals.get(pk)
        if at is not None and local_date(at) > as_of:
            at = None  # arrived after the day we look at
        if at is None:
            status, late_by = MISSING, None
        else:
            late_by = (local_date(at) - deadline).days
            status = ON_TIME if late_by <= 0 else LATE
            late_by = max(late_by, 0)
        code, sub_name = find(path)
        contact = contacts.get(pk, {})
        row = Row(
            enterprise_id=pk,
            uscc=uscc,
            name=name,
            org_unit=unit or "",
            subpark=code,
            subpark_name=sub_name,
            status=status,
            reported_at=at,
            days_late=late_by,
            duty="above_scale" if above else "required",
            contact={
                "name": contact.get("contact_name", ""),
                "phone": contact.get("contact_phone", ""),
                "email": contact.get("contact_email", ""),
                "user_emails": users.get(pk, []),
            },
        )
        rows.append(row)
        group = groups.setdefault(code, Group(code, sub_name))
        for g in (total, group):
            g.expected += 1
            setattr(g, status, getattr(g, status) + 1)
    ordered = sorted(groups.values(), key=lambda g: (find.order.get(g.code, 10_000), g.code))
    return Completeness(form, period, deadline, as_of, rows, total, ordered)


# ---------------------------------------------------------------------------- the chase over days and months


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
