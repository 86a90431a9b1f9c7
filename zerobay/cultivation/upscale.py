"""升规纳统: enterprises not yet above designated size (规上) whose cumulative monthly revenue puts them
on course to cross their sector's threshold this year.

Thresholds are annual revenue by sector, the sector read from the enterprise's GB/T 4754 industry
code (enterprise profile import). NBS standards (国家统计局《统计上大中小微型企业划分办法》 and
the 规模以上 service-industry thresholds): industry (B, C, D) 主营业务收入 ≥ 2,000万; services by
sector as in the reference (≥ 1,000万 / 2,000万 / 500万); wholesale ≥ 2,000万, retail ≥ 500万,
accommodation and catering ≥ 200万. Construction and real-estate development qualify by licence,
not revenue, so no projection decides them.

The projection of the full year from the latest cumulative month m:
- seasonal, when the enterprise reported the same month last year and last year's full revenue is
  known: this year's cumulative × (last year's full year ÷ last year's cumulative at m);
- run rate otherwise: cumulative × 12 ÷ m.
"""

from dataclasses import dataclass
from decimal import Decimal

from zerobay.language import BilingualLabels
from zerobay.registry.models import Enterprise
from zerobay.statistics.completeness import UNASSIGNED, subpark_finder
from zerobay.statistics.models import AnnualReport, EnterpriseProfile, MonthlyReport

WAN = Decimal(10_000)
NEAR_SHARE = Decimal("0.8")  # projected at 80% of the threshold or more: on the watch list
LOWEST_THRESHOLD = 2_000_000  # below any sector's threshold, an enterprise of unknown sector is not listed

# (first division, last division, sector name, annual revenue threshold in yuan or None)
SECTORS = (
    (6, 46, "工业", 20_000_000),
    (47, 50, "建筑业（按资质纳统）", None),
    (51, 51, "批发业", 20_000_000),
    (52, 52, "零售业", 5_000_000),
    (53, 60, "交通运输、仓储和邮政业", 20_000_000),
    (61, 62, "住宿和餐饮业", 2_000_000),
    (63, 65, "信息传输、软件和信息技术服务业", 20_000_000),
    (70, 70, "房地产业（不含开发经营）", 5_000_000),
    (71, 72, "租赁和商务服务业", 10_000_000),
    (73, 75, "科学研究和技术服务业", 10_000_000),
    (76, 79, "水利、环境和公共设施管理业", 20_000_000),
    (80, 82, "居民服务、修理和其他服务业", 5_000_000),
    (83, 83, "教育", 10_000_000),
    (84, 85, "卫生和社会工作", 5_000_000),
    (86, 90, "文化、体育和娱乐业", 5_000_000),
)
REAL_ESTATE_DEVELOPMENT = "7010"

ON_COURSE, CROSSED, NEAR, UNKNOWN_SECTOR = "on_course", "crossed", "near", "unknown_sector"
STATUS_LABELS = BilingualLabels(
    {CROSSED: "累计已达标", ON_COURSE: "预计年内达标", NEAR: "接近门槛", UNKNOWN_SECTOR: "行业待确认"},
    {
        CROSSED: "Threshold reached",
        ON_COURSE: "On course this year",
        NEAR: "Near the threshold",
        UNKNOWN_SECTOR: "Sector to confirm",
    },
)


def sector(industry_code: str | None) -> tuple[str, int | None]:
    """(sector name, annual revenue threshold in yuan or None) of a GB/T 4754 code."""
    code = (industry_code or "").strip()
    if not (len(code) >= 2 and code[:2].isdigit()):
        return "", None
    if code.startswith(REAL_ESTATE_DEVELOPMENT):
        return "房地产开发经营（按资质纳统）", None
    division = int(code[:2])
    for low, high, name, threshold in SECTORS:
        if low <= division <= high:
            return name, threshold
    return "其他行业（不按营收纳统）", None


@dataclass
class Candidate:
    enterprise_id: int
    uscc: str
    name: str
    subpark: str
    subpark_name: str
    industry_code: str
    sector: str
    threshold: Decimal | None
    month: int  # the latest month reported this year
    revenue_ytd: Decimal
    projection: Decimal
    method: str  # seasonal / run_rate
    basis: str  # Chinese: how the projection was made
    status: str
    gap: Decimal | None  # threshold − projection (negative: projected above)
    monthly_needed: Decimal | None  # revenue a month still needed for the rest of the year

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def threshold_wan(self) -> str:
        return wan(self.threshold) if self.threshold else ""

    @property
    def revenue_wan(self) -> str:
        return wan(self.revenue_ytd)

    @property
    def projection_wan(self) -> str:
        return wan(self.projection)

    @property
    def needed_wan(self) -> str:
        return wan(self.monthly_needed) if self.monthly_needed is not None else ""

    def as_dict(self) -> dict:
        money = ("threshold", "revenue_ytd", "projection", "gap", "monthly_needed")
        out = {k: v for k, v in self.__dict__.items() if k != "enterprise_id"}
        for k in money:
            out[k] = None if out[k] is None else float(out[k])
        return out


def wan(value: Decimal) -> str:
    return f"{value / WAN:,.1f}"


def industry_codes(enterprise_ids) -> dict[int, str]:
    """{enterprise id: GB/T 4754 code} from the enterprise profile import."""
    return dict(
        EnterpriseProfile.objects.filter(enterprise_id__in=enterprise_ids, industry_code__gt="").values_list(
            "enterprise_id", "industry_code"
        )
    )


def latest_year() -> int | None:
    return MonthlyReport.objects.order_by("-year").values_list("year", flat=True).first()


def candidates(enterprises=None, *, year: int | None = None, month: int | None = None) -> list[Candidate]:
    """The 升规纳统 candidates of `enterprises` (default: all) for `year` (default: the latest year
    with monthly reports), judged on the reports up to `month` (default: each one's latest)."""
    enterprises = Enterprise.objects.all() if enterprises is None else enterprises
    year = year or latest_year()
    if year is None:
        return []
    below = enterprises.filter(above_scale=False)
    months = MonthlyReport.objects.filter(enterprise__in=below, year=year, revenue_ytd__isnull=False)
    if month:
        months = months.filter(month__lte=month)
    latest: dict[int, tuple[int, Decimal]] = {}
    for eid, m, revenue in months.values_list("enterprise_id", "month", "revenue_ytd"):
        if eid not in latest or m > latest[eid][0]:
            latest[eid] = (m, revenue)
    if not latest:
        return []
    ids = list(latest)
    last_year = {
        (eid, m): revenue
        for eid, m, revenue in MonthlyReport.objects.filter(
            enterprise_id__in=ids, year=year - 1, revenue_ytd__isnull=False
        ).values_list("enterprise_id", "month", "revenue_ytd")
    }
    last_annual = dict(
        AnnualReport.objects.filter(enterprise_id__in=ids, year=year - 1, revenue__isnull=False).values_list(
            "enterprise_id", "revenue"
        )
    )
    codes = industry_codes(ids)
    info = {
        e[0]: e[1:]
        for e in Enterprise.objects.filter(pk__in=ids).values_list("pk", "uscc", "name", "org_path")
    }
    find = subpark_finder()
    out = []
    for eid, (m, ytd) in latest.items():
        full_prev = last_year.get((eid, 12)) or last_annual.get(eid)
        ytd_prev = last_year.get((eid, m))
        if m < 12 and full_prev and ytd_prev and ytd_prev > 0:
            factor = full_prev / ytd_prev
            projection = ytd * factor
            method = "seasonal"
            basis = (
                f"1–{m}月累计 {wan(ytd)} 万元；上年同期累计 {wan(ytd_prev)} 万元、全年 {wan(full_prev)} 万元，"
                f"按上年季节规律（×{factor:.2f}）推算全年 {wan(projection)} 万元"
            )
        else:
            projection = ytd * 12 / m
            method = "run_rate"
            basis = f"1–{m}月累计 {wan(ytd)} 万元，按月均推算全年 {wan(projection)} 万元"
        code = codes.get(eid, "")
        sector_name, threshold = sector(code)
        if threshold is None:
            if code or projection < LOWEST_THRESHOLD:
                continue  # licence-based sectors, or too small for any threshold
            status, gap, needed = UNKNOWN_SECTOR, None, None
            basis += "；缺少国民经济行业代码，无法确定门槛"
        else:
            threshold = Decimal(threshold)
            gap = threshold - projection
            needed = max(threshold - ytd, Decimal(0)) / (12 - m) if m < 12 else None
            if ytd >= threshold:
                status = CROSSED
            elif projection >= threshold:
                status = ON_COURSE
            elif projection >= threshold * NEAR_SHARE:
                status = NEAR
            else:
                continue
            basis += f"；{sector_name}门槛 {wan(threshold)} 万元"
        uscc, name, path = info[eid]
        sub_code, sub_name = find(path) if path else UNASSIGNED
        out.append(
            Candidate(
                enterprise_id=eid,
                uscc=uscc,
                name=name,
                subpark=sub_code,
                subpark_name=sub_name,
                industry_code=code,
                sector=sector_name,
                threshold=threshold,
                month=m,
                revenue_ytd=ytd,
                projection=projection.quantize(Decimal("0.01")),
                method=method,
                basis=basis,
                status=status,
                gap=None if gap is None else gap.quantize(Decimal("0.01")),
                monthly_needed=None if needed is None else needed.quantize(Decimal("0.01")),
            )
        )
    order = {CROSSED: 0, ON_COURSE: 1, NEAR: 2, UNKNOWN_SECTOR: 3}
    out.sort(key=lambda c: (order[c.status], -(c.projection / c.threshold if c.threshold else 0), c.name))
    return out


XLSX_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "子园",
    "国民经济行业代码",
    "行业门类",
    "纳统门槛（万元）",
    "最新月份",
    "本年累计营收（万元）",
    "预计全年营收（万元）",
    "距门槛（万元）",
    "余下各月月均需（万元）",
    "状态",
    "推算依据",
]


def xlsx_rows(items: list[Candidate]) -> list[list]:
    def w(value):
        return "" if value is None else round(float(value / WAN), 1)

    return [
        [
            c.uscc,
            c.name,
            c.subpark_name,
            c.industry_code,
            c.sector,
            w(c.threshold),
            c.month,
            w(c.revenue_ytd),
            w(c.projection),
            w(c.gap),
            w(c.monthly_needed),
            c.status_label,
            c.basis,
        ]
        for c in items
    ]
