"""The carriers demo (see zerobay.demo.services.APP_DEMOS), on the demo panel:

- the carriers the documents name (loaded from zerobay/data/carriers.json by load_reference), with
  their incubator type, and two maker spaces of the demo (the documents count 4 new municipal maker
  spaces without naming them);
- residents drawn from the demo panel's enterprises (entry dates over six years, some gone, a floor
  area each) and financing rounds for some of them;
- three years of carrier statistics, written as a workbook a year and imported through the
  pipeline (`zerobay import carrier-annual`): each carrier states what its residents' own data
  implies, except a few that over-claim graduates or HTEs (flagged by the evaluation);
- a carrier operator for 大零号湾科创策源孵化器;
- three science-popularisation bases of the demo (the documents count 84 that passed the annual
  inspection without naming them) with this year's inspection, one of them failing.
"""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Carrier, Enterprise
from zerobay.statistics.models import AnnualReport, ImportBatch
from zerobay.statistics.periods import Period
from zerobay.statistics.services import import_file
from zerobay.tabular.xlsx import Workbook, write_cells

from .changes import checklist, record_inspection
from .models import CarrierStatistics, Financing, Residency
from .residents import computed_figures, load_panel

DEMO_SOURCE = "demo"  # Enterprise.source of the demo panel (zerobay.demo.services.DEMO_SOURCE)
USERNAME = "fuhuaqi"
OPERATED = "大零号湾科创策源孵化器"
FOCUS = {
    "大零号湾科创策源孵化器": "comprehensive",
    "司南脑机智能孵化器": "specialised",
    "司南生命科技超级孵化器": "specialised",
    "大零号湾一公里孵化器": "comprehensive",
    "大零号湾华东师大孵化器": "comprehensive",
}
DEMO_MAKER_SPACES = ("零号湾青年创客空间（演示）", "紫竹创新工场（演示）")
SCIENCE_BASES = (  # (name, items not met, result, reasons)
    ("闵行航空航天科普馆（演示）", (), "pass", ""),
    ("零号湾人工智能科普体验中心（演示）", ("activities",), "rectify", "年度科普活动仅4次，未达到6次"),
    ("马桥生态科普园（演示）", ("opening", "reporting"), "fail", "全年开放不足200天，未按时报送年度总结"),
)
OVER_CLAIMING = ("司南生命科技超级孵化器", "华东理工大学科技园梅陇基地", "紫竹创新工场（演示）")
RESIDENT_KINDS = ("incubator", "maker_space", "university_park")
HEADER = [
    "载体名称",
    "场地面积（平方米）",
    "在孵企业使用面积（平方米）",
    "在孵企业数（家）",
    "当年新增在孵企业数（家）",
    "累计毕业企业数（家）",
    "在孵企业中高新技术企业数（家）",
    "在孵企业从业人员（人）",
    "在孵企业总收入（万元）",
    "孵化器总收入（万元）",
    "综合服务收入（万元）",
    "物业收入（万元）",
    "投资收入（万元）",
    "孵化基金（万元）",
    "获得投融资的在孵企业数（家）",
    "在孵企业当年获得投融资额（万元）",
    "创业导师人数（人）",
    "专职孵化服务人员（人）",
    "公共技术服务平台数（个）",
    "在孵企业知识产权授权数（件）",
    "在孵企业发明专利数（件）",
    "举办创新创业活动次数（项）",
]


def _demo_enterprises():
    return Enterprise.objects.filter(source=DEMO_SOURCE)


def _carriers() -> list[Carrier]:
    for name in DEMO_MAKER_SPACES:
        Carrier.objects.get_or_create(
            name=name, defaults={"kind": "maker_space", "level": "district", "source": DEMO_SOURCE}
        )
    for name, focus in FOCUS.items():
        Carrier.objects.filter(name=name, focus="").update(focus=focus)
    return list(Carrier.objects.filter(kind__in=RESIDENT_KINDS).order_by("name"))


def _residents(carriers: list[Carrier], rnd: random.Random, last_year: int) -> None:
    enterprises = list(_demo_enterprises().order_by("id").values_list("id", flat=True))
    rnd.shuffle(enterprises)
    chosen = enterprises[: int(len(enterprises) * 0.6)]
    rows, financing = [], []
    for k, eid in enumerate(chosen):
        carrier = carriers[k % len(carriers)]
        entered = datetime.date(last_year - rnd.randrange(7), 1 + rnd.randrange(12), 1)
        left = None
        if rnd.random() < 0.12:
            left = min(
                entered + datetime.timedelta(days=365 * (1 + rnd.randrange(4))),
                datetime.date(last_year, 12, 1),
            )
        rows.append(
            Residency(
                carrier=carrier,
                enterprise_id=eid,
                entered_on=entered,
                left_on=left,
                area_m2=Decimal(50 + rnd.randrange(40) * 25),
                source=DEMO_SOURCE,
            )
        )
        if rnd.random() < 0.15:
            for _ in range(1 + rnd.randrange(3)):
                financing.append(
                    Financing(
                        enterprise_id=eid,
                        received_on=datetime.date(last_year - rnd.randrange(4), 1 + rnd.randrange(12), 15),
                        amount=Decimal(rnd.choice((500_000, 1_000_000, 2_000_000, 3_000_000, 6_000_000))),
                        kind=rnd.choice(("angel", "venture", "equity")),
                        source=DEMO_SOURCE,
                    )
                )
    Residency.objects.bulk_create(rows)
    Financing.objects.bulk_create(financing)


def _statement_rows(carriers: list[Carrier], year: int, rnd: random.Random) -> list[list]:
    panel = load_panel(year, [c.pk for c in carriers])
    rows = []
    for c in carriers:
        f = computed_figures(panel, c.pk)
        if not f["residents"]:
            continue
        residents = panel.residents.get(c.pk, [])
        graduates, hte = f["graduates_total"], f["resident_hte"]
        if c.name in OVER_CLAIMING:  # the over-claim the evaluation must catch
            graduates, hte = round(graduates * 1.6 + 3), min(round(hte * 1.5 + 2), f["residents"])
        area = sum(r.values.get("area_m2") or 0 for r in residents)
        total = Decimal(300 + rnd.randrange(3000))
        rent_share = Decimal(rnd.choice((20, 35, 55, 80))) / 100
        service = (total * (1 - rent_share) * Decimal("0.7")).quantize(Decimal("0.01"))
        rent = (total * rent_share).quantize(Decimal("0.01"))
        rows.append(
            [
                c.name,
                round(area * 1.3 + 500),
                round(area),
                int(f["residents"]),
                int(sum(r.values["new"] for r in residents)),
                int(graduates),
                int(hte),
                int(f["resident_employees"]),
                round(f["resident_revenue"] / 10_000, 2),
                total,
                service,
                rent,
                total - service - rent,  # investment income: the rest
                rnd.randrange(0, 2000),
                int(f["financed_residents"]),
                round(f["resident_financing"] / 10_000, 2),
                rnd.randrange(2, 30),
                rnd.randrange(1, 15),
                rnd.randrange(0, 6),
                rnd.randrange(0, 60),
                int(f["invention_patents"]),
                rnd.randrange(4, 48),
            ]
        )
    return rows


def _write(path: Path, rows: list[list], year: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(path)
    sheet = book.table(f"{year}年载体统计", HEADER, row=1)
    write_cells(sheet, 0, 0, [f"{year}年度闵行区科技创业载体统计表"])
    for r, row in enumerate(rows, start=2):
        write_cells(sheet, r, 0, row)
    book.close()
    return path


def _science_bases(year: int) -> None:
    _version, items = checklist()
    for name, unmet, result, reasons in SCIENCE_BASES:
        base, _created = Carrier.objects.get_or_create(
            name=name,
            defaults={"kind": Carrier.Kind.SCIENCE_BASE, "level": "district", "source": DEMO_SOURCE},
        )
        record_inspection(
            carrier=base,
            year=year,
            ticks={i.id: i.id not in unmet for i in items},
            result=result,
            reasons=reasons,
            inspected_on=datetime.date(year, 11, 20),
            user=None,
        )


def _operator(password: str) -> tuple[str, str] | None:
    carrier = Carrier.objects.filter(name=OPERATED).first()
    if carrier is None:
        return None
    user, _created = User.objects.get_or_create(username=USERNAME)
    user.role, user.carrier, user.org_unit = Role.CARRIER_OPERATOR, carrier, None
    user.set_password(password)
    user.save()
    return USERNAME, f"载体运营方（carrier_operator，{carrier.name}）：本载体的统计填报、在孵企业与评价"


def load(*, password: str, seed: int, progress) -> list[tuple[str, str]]:
    years = sorted(
        set(AnnualReport.objects.filter(enterprise__source=DEMO_SOURCE).values_list("year", flat=True))
    )
    if _demo_enterprises().exists() and years and not Residency.objects.filter(source=DEMO_SOURCE).exists():
        rnd = random.Random(seed * 41 + 14)
        carriers = _carriers()
        _residents(carriers, rnd, years[-1])
        out = Path(settings.VAR_DIR) / "demo" / "carriers"
        for year in years[-3:]:
            path = _write(out / f"{year}年载体统计.xlsx", _statement_rows(carriers, year, rnd), year)
            _batch, report = import_file(
                path, form_code="carrier_annual", period=Period(year), channel=ImportBatch.Channel.DEMO
            )
            if report.errors:
                raise RuntimeError(f"{path.name}: {report.errors[0].message}")
        _science_bases(years[-1])
        progress("载体：已生成在孵企业并导入三年载体统计，科普教育基地年检")
    account = _operator(password)
    return [account] if account else []


def wipe() -> int:
    """Removes the carriers demo: statements of demo imports, demo residents and financing, the demo
    maker spaces, the operator account."""
    demo_batches = ImportBatch.objects.filter(channel=ImportBatch.Channel.DEMO)
    removed = CarrierStatistics.objects.filter(batch__in=demo_batches).delete()[0]
    removed += Residency.objects.filter(Q(source=DEMO_SOURCE) | Q(enterprise__source=DEMO_SOURCE)).delete()[0]
    removed += Financing.objects.filter(Q(source=DEMO_SOURCE) | Q(enterprise__source=DEMO_SOURCE)).delete()[0]
    removed += User.objects.filter(username=USERNAME).delete()[0]
    demo_carriers = [*DEMO_MAKER_SPACES, *(name for name, *_rest in SCIENCE_BASES)]
    removed += Carrier.objects.filter(name__in=demo_carriers, source=DEMO_SOURCE).delete()[0]
    return removed
