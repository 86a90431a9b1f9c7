"""Reminders to enterprises whose monthly report is missing: in the app (their enterprise users) and
by e-mail (the reporting contact and those users), through Django's mail backend. An enterprise is
reminded at most once a day for a month, so the daily chase can be run as often as wanted."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify
from zerobay.statistics.completeness import MISSING, Completeness
from zerobay.statistics.models import ReportingReminder

KIND = "cultivation.report_reminder"


@dataclass
class Outcome:
    reminded: int = 0  # enterprises reminded now
    skipped: int = 0  # missing, but already reminded today
    unreachable: list[str] = field(default_factory=list)  # names of those with no user and no e-mail
    notifications: int = 0
    emails: int = 0


def reminded_on(result: Completeness, day=None, enterprise_ids=None) -> dict[int, object]:
    """{enterprise id: when it was last reminded about this month} (of `enterprise_ids` only, if given)."""
    qs = ReportingReminder.objects.filter(
        form=result.form, year=result.period.year, month=result.period.number
    )
    if enterprise_ids is not None:
        qs = qs.filter(enterprise_id__in=enterprise_ids)
    if day is not None:
        qs = qs.filter(sent_at__date=day)
    out = {}
    for eid, at in qs.order_by("sent_at").values_list("enterprise_id", "sent_at"):
        out[eid] = at
    return out


def message(result: Completeness, name: str) -> tuple[str, str]:
    days = (result.deadline - timezone.localdate()).days
    when = f"截止日为 {result.deadline:%Y年%-m月%-d日}" + (
        f"（还剩 {days} 天）" if days > 0 else "（今天截止）" if days == 0 else f"（已逾期 {-days} 天）"
    )
    title = f"请尽快报送 {result.period.year}年{result.period.number}月 营收月报"
    body = f"{name}：贵单位 {result.period.year}年{result.period.number}月 的营收月报尚未报送，{when}。请尽快完成报送。"
    return title, body


def send_reminders(result: Completeness, *, user, link: str = "", dry_run: bool = False) -> Outcome:
    """Reminds every enterprise still missing in `result` (which the caller limited to its scope)."""
    missing = result.with_status(MISSING)
    today = timezone.localdate()
    already = reminded_on(result, today)
    ids = [r.enterprise_id for r in missing]
    users: dict[int, list] = {}
    for u in User.objects.filter(role=Role.ENTERPRISE, is_active=True, enterprise_id__in=ids):
        users.setdefault(u.enterprise_id, []).append(u)
    outcome = Outcome()
    mails, reminders = [], []
    with transaction.atomic():
        for row in missing:
            if row.enterprise_id in already:
                outcome.skipped += 1
                continue
            people = users.get(row.enterprise_id, [])
            emails = sorted({e for e in [row.contact.get("email"), *(u.email for u in people)] if e})
            if not people and not emails:
                outcome.unreachable.append(row.name)
                continue
            outcome.reminded += 1
            if dry_run:
                continue
            title, body = message(result, row.name)
            outcome.notifications += notify(people, title=title, body=body, link=link, kind=KIND)
            if emails:
                mails.append(EmailMessage(title, body, settings.DEFAULT_FROM_EMAIL, emails))
                outcome.emails += len(emails)
            reminders.append(
                ReportingReminder(
                    form=result.form,
                    year=result.period.year,
                    month=result.period.number,
                    enterprise_id=row.enterprise_id,
                    sent_by=user if getattr(user, "is_authenticated", False) else None,
                    notified_users=len(people),
                    emails=emails,
                )
            )
        if dry_run:
            return outcome
        ReportingReminder.objects.bulk_create(reminders)
        audit.record(
            "cultivation.reminders.sent",
            actor=user,
            object_type="statistics.reportingreminder",
            object_id=str(result.period),
            summary=f"{result.period} 月报催报：提醒 {outcome.reminded} 家，今日已提醒跳过 {outcome.skipped} 家，"
            f"无联系方式 {len(outcome.unreachable)} 家",
            changes={"enterprises": [r.enterprise_id for r in reminders], "emails": outcome.emails},
        )
        if mails:  # last: a mail server failure undoes the whole round, which can then be re-run
            mailers.default.send_messages(mails)
    return outcome
