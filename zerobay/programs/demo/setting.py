"""The demo's scale, logins and small helpers: the published figures it reproduces, the accounts it
creates, money and time as the writers need them."""

import datetime
from decimal import ROUND_CEILING, Decimal

from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, OrgUnit

from ..eligibility import load_facts
from ..workflow import State

S = State
WAN = Decimal(10_000)
DATA = "programs_demo"
# The published scale of last year (000_e00c020bf81a9b6b.txt).
LAST_YEAR_APPLICATIONS = 391
LAST_YEAR_APPROVED = 184
LAST_YEAR_PAID = Decimal(790_000_000)
LAST_YEAR_SPLIT = {"rejected": 40, "withdrawn": 12}  # the rest, reviewed and not approved
EXPERTS_PER_APPLICATION = 3
POOL_SIZE = 150  # candidate applicants drawn per clause
SCAN_SIZE = 600  # enterprises checked per clause to find them
BACKGROUND_EXPERTS = 10

ENTERPRISE_LOGIN = "qiye"
EXPERT_LOGINS = ("zhuanjia1", "zhuanjia2")
FINANCE_LOGIN = "caiwu"
ACCOUNTS = (
    (ENTERPRISE_LOGIN, Role.ENTERPRISE, "企业用户（enterprise），只能看到和办理本企业的政策申报"),
    (EXPERT_LOGINS[0], Role.EXPERT, "评审专家（expert），只能看到分配给自己的申报，可声明回避"),
    (EXPERT_LOGINS[1], Role.EXPERT, "评审专家（expert），与一家申报企业有任职关系（自动回避）"),
    (FINANCE_LOGIN, Role.FINANCE, "财务（finance），已立项项目的分期拨付与预算使用"),
)
BACKGROUND_PREFIX = "expert-demo-"
AFFILIATIONS = ("上海交通大学", "华东师范大学", "区科技创新服务中心", "市科学技术情报研究所", "上海理工大学")


def _demo_usernames() -> list[str]:
    return [a[0] for a in ACCOUNTS] + [
        f"{BACKGROUND_PREFIX}{i:02d}" for i in range(1, BACKGROUND_EXPERTS + 1)
    ]


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _round_up(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# ---------------------------------------------------------------------------- accounts


def _ensure_accounts(password: str) -> dict[str, User]:
    """Creates the demo logins (or resets their passwords). The enterprise user acts for a
    大零号湾 high-tech enterprise of the panel; None of them when the panel is not loaded."""
    users = {}
    for username, role, _description in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role = role
        user.is_active = True
        if role == Role.ENTERPRISE and user.enterprise_id is None:
            user.enterprise = _demo_company()
        user.set_password(password)
        user.save()
        users[username] = user
    return users


def _demo_company() -> Enterprise | None:
    """The enterprise of the demo's enterprise user: the first (by USCC) of 大零号湾 holding a
    high-tech certificate with a reported R&D intensity of at least 5% (it qualifies for a track
    clause), else the first of 大零号湾."""
    dlhw = OrgUnit.objects.filter(code="DLHW").first()
    if dlhw is None:
        return None
    candidates = Enterprise.objects.filter(org_path__startswith=dlhw.path).order_by("uscc")
    today = timezone.localdate()
    facts = load_facts(candidates.filter(qualifications__kind="hte").distinct()[:200], today)
    for pk, f in sorted(facts.items()):
        rd = f.figures.get("rd_intensity")
        if rd is not None and rd >= 6 and "hte" in f.qualifications and f.industries:
            return Enterprise.objects.get(pk=pk)
    return candidates.first()
