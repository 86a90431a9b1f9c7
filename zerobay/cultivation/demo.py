"""The demo of enterprise cultivation (see zerobay.demo.services.APP_DEMOS), on the demo panel:

- an enterprise profile for every demo enterprise (date registered, total assets, class-I/II IP,
  core technology field, industry code), written as a workbook and imported through the pipeline
  (`zerobay import enterprise-profile`), so that the screening finds candidates and near misses;
- a qualification list withdrawing a few HTE certificates after this year's check (核查), imported
  the same way (`zerobay import qualifications`);
- a demo enterprise user standing on the ladder one criterion short of HTE;
- then the reporting chase and 升规纳统 demo (chase_demo).
"""

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, Qualification
from zerobay.statistics.models import AnnualReport, EnterpriseProfile, ImportBatch, QualificationRevocation
from zerobay.statistics.reportforms import HTE_TECH_FIELDS
from zerobay.statistics.services import import_file
from zerobay.tabular.xlsx import Workbook

from .chase import demo as chase_demo
from .screening import screen

DEMO_SOURCE = "demo"  # Enterprise.source of the demo panel (zerobay.demo.services.DEMO_SOURCE)
USERNAME = "peiyu"
# GB/T 4754-2017 classes the district's tracks work in (software, IC, instruments, pharma, services...).
INDUSTRY_CODES = (
    "6513",
    "6511",
    "6520",
    "6531",
    "3973",
    "3562",
    "3581",
    "2761",
    "2720",
    "4011",
    "7320",
    "7340",
    "7530",
    "3841",
    "3990",
)
REVOCATION_REASONS = ("核查：研发费用归集不实", "核查：高新技术产品收入占比不足", "核查：科技人员占比不足")


def _demo_enterprises():
    return Enterprise.objects.filter(source=DEMO_SOURCE)


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(path)
    sheet = book.table("", header)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def _profile_rows(rnd: random.Random, today: datetime.date) -> list[list]:
    hte_now = set(
        Qualification.objects.filter(kind="hte").valid_on(today).values_list("enterprise_id", flat=True)
    )
    latest_revenue = dict(
        AnnualReport.objects.filter(enterprise__source=DEMO_SOURCE)
        .order_by("enterprise_id", "year")
        .values_list("enterprise_id", "revenue")
    )
    rows = []
    for e in _demo_enterprises().order_by("id").only("id", "uscc", "name", "founded"):
        revenue = float(latest_revenue.get(e.id) or 0)
        assets = round(revenue * rnd.uniform(0.4, 2.2) / 10_000, 2)  # 万元
        if e.id in hte_now:
            ip1 = rnd.choice((0, 1, 1, 2, 3, 5))
            ip2 = rnd.randint(0, 12)
        else:
            ip1 = rnd.choice((0, 0, 0, 0, 1))
            ip2 = rnd.choice((0, 0, 1, 2, 3, 4, 6))
        field = rnd.choice(HTE_TECH_FIELDS) if ip1 + ip2 else None
        rows.append(
            [
                e.uscc,
                e.name,
                e.founded.isoformat() if e.founded else None,
                assets,
                ip1,
                ip2,
                field,
                rnd.choice(INDUSTRY_CODES),
            ]
        )
    return rows


def _revocation_rows(rnd: random.Random, today: datetime.date) -> list[list]:
    held = list(
        Qualification.objects.filter(kind="hte", enterprise__source=DEMO_SOURCE)
        .valid_on(today)
        .select_related("enterprise")
        .order_by("id")
    )
    rows = []
    for q in rnd.sample(held, min(6, len(held))):
        revoked = max(q.valid_from or today, today.replace(month=1, day=1)) + datetime.timedelta(
            days=rnd.randint(30, 200)
        )
        revoked = min(revoked, today)
        rows.append(
            [
                q.enterprise.uscc,
                q.enterprise.name,
                "高新技术企业",
                q.certificate_no,
                q.valid_from,
                q.valid_to,
                revoked,
                rnd.choice(REVOCATION_REASONS),
            ]
        )
    return rows


def _import(path: Path, form_code: str, today: datetime.date) -> None:
    from zerobay.statistics.periods import Period

    _batch, report = import_file(
        path, form_code=form_code, period=Period(today.year), channel=ImportBatch.Channel.DEMO
    )
    if report.errors:
        raise RuntimeError(f"{path.name}: {report.errors[0].message}")


def _enterprise_user(password: str, today: datetime.date) -> tuple[str, str] | None:
    """An enterprise one criterion short of HTE, in 大零号湾 if possible, gets the demo login."""
    ids = list(_demo_enterprises().filter(org_path__contains="/DLHW/").values_list("id", flat=True)) or list(
        _demo_enterprises().values_list("id", flat=True)
    )
    result = screen("hte", today, enterprise_ids=ids)
    near = result.positions("near")
    if not len(near):
        return None
    pos = int(near[0])
    enterprise = Enterprise.objects.get(id=int(result.facts.ids[pos]))
    user, _ = User.objects.get_or_create(username=USERNAME)
    user.role, user.enterprise, user.org_unit, user.is_active = Role.ENTERPRISE, enterprise, None, True
    user.set_password(password)
    user.save()
    return USERNAME, f"企业用户（{enterprise.name}）：本企业的资质阶梯、下一级资质还差什么"


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    today = timezone.localdate()
    logins = []
    if (
        _demo_enterprises().exists()
        and not EnterpriseProfile.objects.filter(enterprise__source=DEMO_SOURCE).exists()
    ):
        rnd = random.Random(seed * 31 + 6)
        out = Path(settings.VAR_DIR) / "demo" / "cultivation"
        _import(
            _write(out / "企业画像.xlsx", PROFILE_HEADER, _profile_rows(rnd, today)),
            "enterprise_profile",
            today,
        )
        rows = _revocation_rows(rnd, today)
        if rows:
            _import(
                _write(out / "高企核查撤销名单.xlsx", QUALIFICATION_HEADER, rows), "qualifications", today
            )
        progress("培育：已导入企业画像与核查撤销名单")
    if _demo_enterprises().exists() and (account := _enterprise_user(password, today)):
        logins.append(account)
    logins += chase_demo.load(password=password, seed=seed, progress=progress)
    return logins


def wipe() -> int:
    """Removes the cultivation demo: its account, the profiles and revocations of demo imports."""
    removed = chase_demo.wipe()
    demo_batches = ImportBatch.objects.filter(channel=ImportBatch.Channel.DEMO)
    removed += QualificationRevocation.objects.filter(
        Q(batch__in=demo_batches) | Q(qualification__enterprise__source=DEMO_SOURCE)
    ).delete()[0]
    removed += EnterpriseProfile.objects.filter(
        Q(batch__in=demo_batches) | Q(enterprise__source=DEMO_SOURCE)
    ).delete()[0]
    removed += User.objects.filter(username=USERNAME).delete()[0]
    return removed


PROFILE_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "注册时间",
    "资产总计（万元）",
    "I类知识产权（件）",
    "II类知识产权（件）",
    "核心技术领域",
    "国民经济行业代码",
]
QUALIFICATION_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "资质类型",
    "证书编号",
    "有效期起",
    "有效期止",
    "撤销日期",
    "撤销原因",
]
