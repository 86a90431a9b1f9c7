"""The entry points the demo command calls (`load`, `wipe`) and the building of the two years."""

import datetime

from django.db import transaction

from zerobay.accounts import audit
from zerobay.accounts.models import Notification, User
from zerobay.data import read
from zerobay.registry.models import Enterprise

from ..eligibility import load_facts
from ..models import (
    Application,
    ApprovalBatch,
    Call,
    Clause,
    ConflictOfInterest,
    ExpertProfile,
    Objection,
    Payment,
    Policy,
    ReviewAssignment,
)
from .plan import Builder
from .setting import ACCOUNTS, DATA, ENTERPRISE_LOGIN, EXPERT_LOGINS, S, _demo_usernames, _ensure_accounts
from .writing import Writer

# ---------------------------------------------------------------------------- entry points


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    logins = [(username, description) for username, _role, description in ACCOUNTS]
    if not Enterprise.objects.exists():
        progress("政策申报演示数据：企业库为空，跳过")
        return []
    users = _ensure_accounts(password)
    if Policy.objects.filter(code=read(DATA)["policy"]["code"]).exists():
        return logins
    with transaction.atomic():
        counts = _build(seed, users)
    progress(
        f"政策申报：1 项政策、{counts['clauses']} 条条款、{counts['calls']} 个申报批次、"
        f"{counts['applications']} 份申报、{counts['batches']} 个立项批次"
    )
    return logins


def _build(seed: int, users: dict[str, User]) -> dict:
    b = Builder(seed, users)
    company = users[ENTERPRISE_LOGIN].enterprise
    policy, clauses = b.policy_and_clauses()
    calls = b.calls(policy, clauses)
    experts = b.experts()
    # The second expert works for an enterprise of the panel (a tie the system enforces), the
    # first declared a conflict with another one.
    tied = list(Enterprise.objects.filter(org_path__startswith="MH/ZJMH/DLHW/").order_by("uscc")[5:7])
    if len(tied) == 2:
        ExpertProfile.objects.filter(user=users[EXPERT_LOGINS[1]]).update(
            affiliated_enterprise=tied[0], affiliation=f"{tied[0].name}（技术顾问）"
        )
        ConflictOfInterest.objects.get_or_create(
            expert=users[EXPERT_LOGINS[0]],
            enterprise=tied[1],
            defaults={"reason": "近三年内曾为该企业提供有偿咨询"},
        )
    b.paths = dict(Enterprise.objects.values_list("pk", "org_path"))
    b.checkers = {}
    last_day = datetime.date(b.last_year, 3, 1)
    facts_last = load_facts(Enterprise.objects.all(), last_day)
    facts_now = b.facts = load_facts(Enterprise.objects.all(), b.today)
    # Who would apply is drawn once, from today's facts; each pre-check is then stored as of its day.
    pools_now = b.eligible_pools(clauses, b.today, facts_now)
    b.plan_last_year(calls, pools_now)
    b.company_plans = []
    b.plan_this_year(calls, pools_now, company.pk if company else None)
    # Eligibility is stored as checked on the day of submission: facts of that year.
    b.facts = _FactsByYear(facts_last, facts_now, b.last_year)
    writer = Writer(b, experts)
    counts = writer.write(policy, calls, company.pk if company else None)
    _notify_company(users[ENTERPRISE_LOGIN], company)
    audit.record(
        "programs.demo.loaded",
        actor=None,
        obj=policy,
        summary=f"演示数据：{counts['applications']} 份申报",
        changes=counts,
    )
    return {**counts, "clauses": len(clauses), "calls": len(calls)}


class _FactsByYear:
    """facts[enterprise] for the check at submission: last year's facts for last year's days."""

    def __init__(self, last, now, last_year):
        self.last, self.now, self.last_year = last, now, last_year

    def __getitem__(self, pk):
        return self.now[pk]

    def on(self, pk, day):
        return self.last[pk] if day.year <= self.last_year else self.now[pk]


def _notify_company(user: User, company: Enterprise | None) -> None:
    if company is None:
        return
    rows = []
    for app in Application.objects.filter(enterprise=company).select_related("clause"):
        link = f"/programs/applications/{app.code}/"
        if app.state == S.RETURNED:
            rows.append(
                Notification(
                    user=user,
                    kind="programs.returned",
                    title=f"申报 {app.code} 被退回补正",
                    body=f"请于 {app.correction_deadline} 前补正后重新提交。",
                    link=link,
                )
            )
        elif app.state == S.PAYING:
            rows.append(
                Notification(
                    user=user, kind="programs.paid", title=f"项目 {app.code} 已拨付第一期资金", link=link
                )
            )
    Notification.objects.bulk_create(rows)


def wipe() -> int:
    """Removes the demo policy with everything under it, and the demo's accounts."""
    policies = Policy.objects.filter(code=read(DATA)["policy"]["code"])
    apps = Application.objects.filter(call__policy__in=policies)
    count = apps.count()
    Payment.objects.filter(application__in=apps).delete()
    Objection.objects.filter(batch__policy__in=policies).delete()
    apps.delete()  # transitions, assignments, scores, attachments, evaluations cascade
    ApprovalBatch.objects.filter(policy__in=policies).delete()
    Call.objects.filter(policy__in=policies).delete()
    Clause.objects.filter(policy__in=policies).delete()  # invitations cascade
    policies.delete()
    users = User.objects.filter(username__in=_demo_usernames())
    ReviewAssignment.objects.filter(expert__in=users).delete()
    users.delete()
    return count
