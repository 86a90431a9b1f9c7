"""One month's completeness: each required enterprise on time, late or missing, by sub-park."""

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, OrgUnit

from ..models import ReportingDuty
from ..periods import Period
from .arrivals import first_arrivals, local_date
from .calendar_rules import deadline_for
from .duties import required_enterprises
from .terms import (
    FORMS,
    LATE,
    MISSING,
    MONTHLY,
    ON_TIME,
    STATUS_LABELS,
    UNASSIGNED,
)


@dataclass(slots=True)  # tens of thousands a month, cached (pickled) by the chase pages
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
    reminded_at: datetime.datetime | None = None  # set by the chase page from the reminders sent

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
                    **{k: v for k, v in asdict(r).items() if k not in ("enterprise_id", "reminded_at")},
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
    # The required enterprises as a subquery, not a list of ids: a district's 200,000 ids as query
    # parameters cost more to send and plan than the join they stand for, month after month.
    ids = required_enterprises(enterprises, form).values("pk")
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
