"""A deterministic synthetic panel of park enterprises: registry facts, qualifications, Torch
annual figures for several years and monthly figures for the latest one.

Plain Python over plain dataclasses (no Django), so that benchmarks can build 250,000 enterprises
in seconds. The shape is calibrated to the published counts in `zerobay/data/demo_calibration.json`
(大零号湾's high-tech enterprises, 专精特新, 科技小巨人, listed companies), scaled from the park's
1,970 Torch annual reports to the size asked for. Everything else (sub-park shares, industry mix,
financial ratios) is a plausible assumption, declared below, not a published figure.

Money is in yuan as int, rounded to whole 千元 as the Torch forms report it, so that every unit
the workbook writer offers represents it exactly.
"""

import bisect
import datetime
import itertools
import math
import random
from dataclasses import dataclass, field
from statistics import NormalDist

from stdnum.cn import uscc as stdnum_uscc

from zerobay.data import read

REGION = "310112"  # 上海市闵行区
DEFAULT_SEED = 2025
CALIBRATION = {f["key"]: f for f in read("demo_calibration")["figures"]}
REFERENCE_SIZE = CALIBRATION["park_torch_annual_reports"]["value"]
DEFAULT_ENTERPRISES = REFERENCE_SIZE

# Share of the park's enterprises per sub-park (assumed): 大零号湾 is the core and holds the
# most, enough for its published ~700 high-tech enterprises at the default size.
SUBPARK_SHARES = {
    "DLHW": 0.45,
    "ZZ": 0.07,
    "XZGY": 0.07,
    "MHKF": 0.06,
    "PJKJC": 0.06,
    "CHJPJ": 0.05,
    "MQAI": 0.04,
    "HQQW": 0.03,
    "XZSW": 0.025,
    "PJCX": 0.02,
    "YLKJ": 0.015,
    "NJJK": 0.01,
    "YLJQR": 0.01,
    "QB": 0.015,
    "ML": 0.015,
    "HQ": 0.015,
    "ZQ": 0.015,
    "WJ": 0.015,
    "HC": 0.015,
}
# Share of 大零号湾's enterprises sitting in each of its blocks (the rest: the sub-park itself).
BLOCK_SHARES = {"DLHW": {"DLHW-XYY": 0.12, "DLHW-YJL": 0.08, "DLHW-JCL": 0.05}}

# Industry mix per sub-park (assumed from the documents' descriptions): weights over taxonomy
# nodes of any level; a track is drawn under the node picked.
_BALANCED = {"AERO": 0.12, "LIFE": 0.28, "INTL": 0.44, "ENER": 0.10, "OCEAN": 0.06}
INDUSTRY_MIX = {
    "DLHW": {"AERO": 0.10, "LIFE": 0.28, "INTL": 0.44, "ENER": 0.10, "OCEAN": 0.08},
    "ZZ": {"INTL": 0.55, "LIFE": 0.25, "AERO": 0.08, "ENER": 0.08, "OCEAN": 0.04},
    "XZGY": {"AERO": 0.40, "INTL-EQP": 0.30, "INTL": 0.10, "ENER": 0.15, "LIFE": 0.05},
    "MHKF": {"INTL-EQP": 0.30, "LIFE-BIO-MFG": 0.25, "LIFE": 0.10, "ENER": 0.20, "AERO": 0.10, "OCEAN": 0.05},
    "PJKJC": {"LIFE-BIO": 0.60, "INTL": 0.25, "ENER": 0.10, "OCEAN": 0.05},
    "CHJPJ": {"INTL": 0.50, "LIFE": 0.20, "AERO": 0.10, "ENER": 0.15, "OCEAN": 0.05},
    "MQAI": {"INTL-AI": 0.50, "INTL-EQP-IRB": 0.35, "INTL": 0.10, "LIFE": 0.05},
    "HQQW": {"LIFE-BIO": 0.85, "INTL-DIG": 0.15},
    "XZSW": {"INTL-DIG": 0.45, "INTL-AI": 0.35, "LIFE": 0.10, "AERO": 0.10},
    "PJCX": {"INTL-DIG": 0.70, "INTL": 0.30},
    "YLKJ": {"LIFE-AGE": 0.80, "INTL-AI": 0.20},
    "NJJK": {"INTL-AI-BRN": 0.50, "LIFE-BIO": 0.40, "INTL-AI-EMB": 0.10},
    "YLJQR": {"LIFE-BIO-MRB": 0.80, "INTL-EQP-IRB": 0.20},
}
# The park's own classes (003): 高端装备 leading, 数字经济 and 生物医药 featured, 脑机接口 future.
PARK_CLASS_OF = {
    "AERO": "PC-EQUIP",
    "INTL-EQP": "PC-EQUIP",
    "ENER": "PC-EQUIP",
    "OCEAN": "PC-EQUIP",
    "INTL-AI": "PC-DIGITAL",
    "INTL-DIG": "PC-DIGITAL",
    "LIFE": "PC-BIOMED",
    "INTL-AI-BRN": "PC-BCI",
}
BCI_SUBPARK = "NJJK"
# Tracks whose enterprises mostly make things (they report gross industrial output).
MAKERS = ("AERO", "INTL-EQP", "INTL-DIG-PIN", "ENER", "OCEAN", "LIFE-BIO-MFG", "LIFE-BIO-MRB", "LIFE-AGE-AID")

# Qualification shares outside 大零号湾 (assumed), per enterprise of the sub-park.
OTHER_SHARES = {"hte": 0.55, "srdi": 0.12, "sh_tech_giant": 0.03, "little_giant": 0.005, "listed": 0.004}
HTE_RENEWAL_SHARE = 0.6  # of the certificates issued in the latest year, renewals (the rest: first)
TECH_SME_SHARE = 0.35
LISTING_BOARDS = (
    "SSE-STAR",
    "SSE-MAIN",
    "SZSE-GEM",
    "SZSE-MAIN",
    "HKEX",
)  # 科创板, 沪主板, 创业板, 深主板, 港交所  # of the enterprises without HTE, evaluated tech-based SMEs in the latest year

NAME_CHARS = (
    "星辰宇芯智联睿创博源微元纳量航远锐卓恒泰华汇迈瑞景澜湾启明晟弘嘉鼎诺峰岚越图灵思擎衡磐弈拓翼"
    "羽极光磁晶熠澄川青松禾隽峻朗曜昕骏麟凌旭昊晨曦捷达朔望舟帆屹巍珩璟钧铂铖锦坤乾禹尧舜韬略"
)
SUFFIXES = {
    "AERO": ("航空科技", "航天科技", "空天技术", "飞行器技术"),
    "LIFE-BIO": ("生物科技", "医疗科技", "医药科技", "生物医药科技", "医疗器械"),
    "LIFE-AGE": ("健康科技", "康复科技", "智慧养老科技", "医疗器械"),
    "INTL-EQP": ("智能装备", "机器人科技", "精密机械", "智能制造科技"),
    "INTL-AI": ("智能科技", "人工智能科技", "机器人科技", "信息技术"),
    "INTL-DIG": ("精密仪器", "量子科技", "信息科技", "半导体科技", "电子科技"),
    "ENER": ("新能源科技", "储能技术", "能源科技", "核能技术"),
    "OCEAN": ("海洋科技", "海洋装备", "海洋工程技术"),
}
# Monthly share of annual revenue (assumed seasonality: slow February, strong December).
SEASON = (0.075, 0.06, 0.08, 0.08, 0.082, 0.085, 0.08, 0.08, 0.085, 0.085, 0.09, 0.118)


@dataclass(slots=True)
class Qualification:
    kind: str  # zerobay.registry.models.QualificationType value
    certificate_no: str
    valid_from: datetime.date
    valid_to: datetime.date | None  # None: does not expire

    def valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(slots=True)
class AnnualFigures:
    """One Torch annual report: every value field of TORCH_ANNUAL (money in yuan)."""

    employees: int
    revenue: int
    industrial_output: int
    net_profit: int
    taxes_paid: int
    exports: int
    rd_staff: int
    st_staff: int
    rd_expenditure: int
    patent_applications: int
    invention_applications: int
    pct_applications: int
    valid_invention_patents: int
    value_added: int
    hightech_revenue: int


@dataclass(slots=True)
class Enterprise:
    uscc: str
    name: str
    org_unit: str  # code of the sub-park or block
    subpark: str  # code of the sub-park
    tracks: tuple[str, ...]  # plan tracks
    park_classes: tuple[str, ...]
    founded: datetime.date
    above_scale: bool  # 规上
    qualifications: list[Qualification] = field(default_factory=list)
    annual: dict[int, AnnualFigures] = field(default_factory=dict)  # year -> figures
    # Latest year, index 0 = January: cumulative revenue (yuan) and employees; None = not reported.
    # Drawn on first use (Panel.fill_monthly) from `monthly_seed`: most callers never need them.
    monthly_seed: int = 0
    monthly_revenue_ytd: tuple[int | None, ...] = ()
    monthly_employees: tuple[int | None, ...] = ()

    def qualified(self, kind: str, day: datetime.date) -> bool:
        return any(q.kind == kind and q.valid_on(day) for q in self.qualifications)


@dataclass
class Panel:
    seed: int
    years: tuple[int, ...]
    enterprises: list[Enterprise]
    _monthly_filled: bool = field(default=False, repr=False, compare=False)

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def count(self, kind: str, day: datetime.date, subpark: str | None = None) -> int:
        """Enterprises holding a valid qualification of `kind` on `day` (in `subpark`, if given)."""
        return sum(
            1
            for e in self.enterprises
            if (subpark is None or e.subpark == subpark) and e.qualified(kind, day)
        )

    def fill_monthly(self) -> None:
        """Draws the monthly figures of the latest year (once; the same every time)."""
        if self.enterprises and not self.enterprises[0].monthly_revenue_ytd and not self._monthly_filled:
            latest = self.latest_year
            for e in self.enterprises:
                rnd = random.Random(e.monthly_seed)
                e.monthly_revenue_ytd, e.monthly_employees = _monthly(rnd, e.annual, e.founded, latest)
        self._monthly_filled = True

    def monthly_rows(self, month: int):
        """(enterprise, revenue_ytd, employees) of the enterprises that report `month`."""
        self.fill_monthly()
        i = month - 1
        for e in self.enterprises:
            if e.monthly_revenue_ytd and e.monthly_revenue_ytd[i] is not None:
                yield e, e.monthly_revenue_ytd[i], e.monthly_employees[i]


def _taxonomy() -> tuple[dict[str, list[str]], dict[str, str]]:
    """(node code -> the plan tracks below it or itself, track -> its field code)."""
    nodes = [n for n in read("industries")["nodes"] if n["scheme"] == "plan"]
    parent = {n["code"]: n["parent"] for n in nodes}
    below: dict[str, list[str]] = {n["code"]: [] for n in nodes}
    field_of = {}
    for n in nodes:
        if n["level"] != "track":
            continue
        code = n["code"]
        while code:
            below[code].append(n["code"])
            top, code = code, parent[code]
        field_of[n["code"]] = top
    return below, field_of


def _subparks() -> list[str]:
    units = read("org_units")["units"]
    codes = [u["code"] for u in units if u["kind"] == "subpark"]
    if set(codes) != set(SUBPARK_SHARES):
        raise ValueError("SUBPARK_SHARES must cover exactly the sub-parks of org_units.json")
    return codes


def _apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Whole numbers proportional to `shares` summing to `total` (largest remainder)."""
    weight = sum(shares.values())
    exact = {k: total * v / weight for k, v in shares.items()}
    counts = {k: int(v) for k, v in exact.items()}
    rest = total - sum(counts.values())
    for k in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[:rest]:
        counts[k] += 1
    return counts


_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_VALUES = {c: int(c) if c.isdigit() else ord(c) - 55 for c in _ORG_ALPHABET}


def _org_code_check(body: str) -> str:
    """Check character of a 9-character organisation code (GB 11714), the USCC's digits 9-17."""
    v = [_ORG_VALUES[ch] for ch in body]
    c = 11 - (3 * v[0] + 7 * v[1] + 9 * v[2] + 10 * v[3] + 5 * v[4] + 8 * v[5] + 4 * v[6] + 2 * v[7]) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def _uscc(rnd: random.Random, founded_year: int, seen: set[str]) -> str:
    r = rnd.random
    while True:
        if founded_year >= 2016:  # registered under the unified code: organisation code MA…
            body = "MA1" + "".join([_ORG_ALPHABET[int(31 * r())] for _ in range(5)])
        else:
            body = f"{rnd.randrange(55_000_000, 99_999_999):08d}"
        code = f"91{REGION}{body}{_org_code_check(body)}"
        code += stdnum_uscc.calc_check_digit(code)
        if code not in seen:
            seen.add(code)
            return code


def _name(rnd: random.Random, track: str, listed: bool, seen: set[str]) -> str:
    prefix = next((p for p in SUFFIXES if track.startswith(p)), "INTL-AI")
    suffixes = SUFFIXES[prefix]
    form = "股份有限公司" if listed else "有限公司"
    # Three-character brand words: two-character ones too often spell a real company's name.
    r, chars, n = rnd.random, NAME_CHARS, len(NAME_CHARS)
    for attempt in range(50):
        word = chars[int(n * r())] + chars[int(n * r())] + chars[int(n * r())]
        if attempt >= 4:
            word += chars[int(n * r())]
        name = f"上海{word}{suffixes[int(len(suffixes) * r())]}{form}"
        if name not in seen:
            seen.add(name)
            return name
    raise RuntimeError("could not find a free enterprise name")  # pragma: no cover


def _scaled(key: str, scale: float, cap: int) -> int:
    value = CALIBRATION[key]["value"]
    return min(cap, max(1, round(value * scale)))


def _day(rnd: random.Random, year: int, months: tuple[int, int]) -> datetime.date:
    """A day of `year` in the months given (inclusive); never past the 28th, for every month."""
    r = rnd.random
    return datetime.date(year, months[0] + int((months[1] - months[0] + 1) * r()), 1 + int(28 * r()))


def _plus_years(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years) - datetime.timedelta(days=1)


class _Certificates:
    """Certificate numbers, unique per kind and year, in the style of each register."""

    def __init__(self):
        self.serial: dict[tuple[str, int], int] = {}

    def number(self, kind: str, year: int) -> str:
        n = self.serial[(kind, year)] = self.serial.get((kind, year), 0) + 1
        if kind == "hte":
            return f"GR{year}31{n:06d}"
        if kind == "srdi":
            return f"ZJTX-SH-{year}-{n:05d}"
        if kind == "little_giant":
            return f"XJR-{year}-{n:04d}"
        if kind == "sh_tech_giant":
            return f"KJXJR-{year}-{n:04d}"
        if kind == "tech_sme":
            return f"{year}310112{n:05d}"
        if kind == "listed":  # board, year and serial: a made-up stock code could be a real company's
            return f"{LISTING_BOARDS[n % len(LISTING_BOARDS)]}-{year}-{n:04d}"
        return f"{kind}-{year}-{n:05d}"


@dataclass(slots=True)
class _Draft:
    """What is decided about an enterprise before its names and figures are drawn."""

    subpark: str
    org_unit: str
    strength: float  # latent quality: larger firms, more qualifications
    kinds: set = field(default_factory=set)
    hte_last: int | None = None  # year of the latest HTE certificate
    hte_renewed: bool = False  # the latest certificate renews an earlier one


def _hte_plan(drafts: list[_Draft], latest: int, valid_now: int, valid_before: int | None, rnd) -> None:
    """Assigns HTE certificate years within one sub-park so that `valid_now` certificates are valid
    at the end of `latest` and (when given) `valid_before` at the end of the year before.
    A certificate runs three years from its issue in November/December, so one issued in year c
    is valid at the end of c, c+1 and c+2. `drafts` is ordered by strength, strongest first."""
    share = (
        CALIBRATION["district_hte_recognised"]["value"] / CALIBRATION["district_hte_torch_reports"]["value"]
    )
    valid = drafts[:valid_now]
    rnd.shuffle(valid)
    issued_now = round(valid_now * share)
    for i, d in enumerate(valid):
        d.kinds.add("hte")
        d.hte_last = latest if i < issued_now else latest - 1 - (i - issued_now) % 2
        d.hte_renewed = d.hte_last != latest and rnd.random() < HTE_RENEWAL_SHARE
    if valid_before is None:
        renewed = round(issued_now * HTE_RENEWAL_SHARE)
        lapsed = round(0.1 * len(drafts))
    else:
        # Valid a year earlier: the two older cohorts, the renewed part of this year's, the lapsed.
        needed = max(0, valid_before - (valid_now - issued_now))
        renewed = min(issued_now, round(needed * HTE_RENEWAL_SHARE))
        lapsed = needed - renewed
    for d in valid[:renewed]:
        d.hte_renewed = True
    # Lapsed: certified three years ago and not renewed, from the next strongest.
    for d in drafts[valid_now : valid_now + lapsed]:
        d.hte_last, d.hte_renewed = latest - 3, rnd.random() < 0.4
    # A few more let their certificate lapse longer ago (history for the certificate watch).
    for d in drafts[valid_now + lapsed :]:
        if rnd.random() < 0.04:
            d.hte_last, d.hte_renewed = latest - rnd.randint(4, 6), False


def _draft_qualifications(drafts: list[_Draft], subpark: str, latest: int, years, scale, rnd) -> None:
    n = len(drafts)

    def pick(k: int, noise: float) -> list[_Draft]:
        ranked = sorted(drafts, key=lambda d: -(d.strength + rnd.gauss(0, noise)))
        return ranked[:k]

    if subpark == "DLHW":
        hte_now = _scaled("dlhw_hte", scale, n)
        hte_before = _scaled("dlhw_hte_2024", scale, n) if latest - 1 in years else None
        targets = {
            "srdi": _scaled("dlhw_srdi", scale, n),
            "sh_tech_giant": _scaled("dlhw_sh_tech_giant", scale, n),
            "little_giant": _scaled("dlhw_little_giant_2024", scale, n),
            "listed": _scaled("dlhw_listed", scale, n),
        }
    else:
        hte_now, hte_before = round(OTHER_SHARES["hte"] * n), None
        targets = {k: round(OTHER_SHARES[k] * n) for k in ("srdi", "sh_tech_giant", "little_giant", "listed")}
    ranked = sorted(drafts, key=lambda d: -(d.strength + rnd.gauss(0, 0.5)))
    _hte_plan(ranked, latest, hte_now, hte_before, rnd)
    for kind, noise in (("srdi", 0.8), ("sh_tech_giant", 0.4), ("little_giant", 0.2), ("listed", 0.1)):
        for d in pick(targets[kind], noise):
            d.kinds.add(kind)


def _qualifications(d: _Draft, latest: int, founded: datetime.date, certs: _Certificates, rnd):
    out: list[Qualification] = []
    if d.hte_last is not None:
        years = [d.hte_last]
        if d.hte_renewed:
            years.append(d.hte_last - 3)
            while years[-1] - 3 > max(2008, founded.year) and rnd.random() < 0.5:
                years.append(years[-1] - 3)
        for y in sorted(years):
            start = _day(rnd, y, (11, 12))
            out.append(Qualification("hte", certs.number("hte", y), start, _plus_years(start, 3)))
    if "srdi" in d.kinds:
        y = latest - rnd.randint(0, 2)
        start = _day(rnd, y, (6, 12))
        out.append(Qualification("srdi", certs.number("srdi", y), start, _plus_years(start, 3)))
    if "little_giant" in d.kinds:
        y = latest - rnd.randint(1, 2)  # valid through the latest year and the one before
        start = _day(rnd, y, (7, 10))
        out.append(
            Qualification("little_giant", certs.number("little_giant", y), start, _plus_years(start, 3))
        )
    if "sh_tech_giant" in d.kinds:
        y = latest - rnd.randint(0, 8)
        start = _day(rnd, y, (9, 12))
        out.append(Qualification("sh_tech_giant", certs.number("sh_tech_giant", y), start, None))
    if "listed" in d.kinds:
        y = rnd.randint(max(2010, founded.year + 3), latest - 1)
        out.append(Qualification("listed", certs.number("listed", y), _day(rnd, y, (1, 12)), None))
    if "hte" not in d.kinds and founded.year < latest and rnd.random() < TECH_SME_SHARE:
        start = _day(rnd, latest, (4, 9))
        out.append(
            Qualification("tech_sme", certs.number("tech_sme", latest), start, datetime.date(latest, 12, 31))
        )
    return out


def _earliest_certificate_year(d: _Draft, latest: int) -> int:
    """Lower bound of the year an enterprise must exist before (HTE: one year registered)."""
    bound = latest
    if d.hte_last is not None:
        bound = min(bound, d.hte_last - (3 if d.hte_renewed else 0))
    if "listed" in d.kinds:
        bound = min(bound, latest - 4)
    if "little_giant" in d.kinds:
        bound = min(bound, latest - 4)
    return bound


# Draws from fixed tables: a normal deviate is one table lookup, several times faster than
# random.gauss, which matters at 250,000 enterprises. 4,096 quantiles are plenty for a demo.
_TABLE_BITS = 12
_NORMAL = tuple(NormalDist().inv_cdf((i + 0.5) / (1 << _TABLE_BITS)) for i in range(1 << _TABLE_BITS))


def _lognormal(sigma: float) -> tuple[float, ...]:
    return tuple(math.exp(sigma * z) for z in _NORMAL)


_NOISE_05, _NOISE_10, _NOISE_15, _NOISE_30 = (_lognormal(s) for s in (0.05, 0.10, 0.15, 0.30))


def _clip(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _figures(rnd, e_hte: bool, maker: bool, founded: datetime.date, base_revenue: float, years, latest):
    """Annual figures per year the enterprise exists, growing towards `base_revenue` in `latest`."""
    r, bits, normal = rnd.random, rnd.getrandbits, _NORMAL
    young = latest - founded.year < 3
    growth = _clip(0.10 + (0.30 if young else 0.0) + 0.15 * normal[bits(12)], -0.3, 1.0)
    productivity = math.exp(13.8 + 0.45 * normal[bits(12)])  # yuan per person, median ~1 million
    if e_hte:
        intensity = _clip(0.062 + 0.015 * normal[bits(12)], 0.031, 0.25)
        rd_share = _clip(0.22 + 0.07 * normal[bits(12)], 0.1, 0.6)
        hightech = 0.62 + 0.33 * r()
    else:
        intensity = min(0.4, math.exp(-3.9 + 0.7 * normal[bits(12)]))
        rd_share = _clip(0.08 + 0.05 * normal[bits(12)], 0.0, 0.4)
        hightech = 0.5 * r() if r() < 0.5 else 0.0
    margin = _clip(0.05 - (0.15 if young else 0.0) + 0.10 * normal[bits(12)], -0.6, 0.35)
    tax_rate = 0.02 + 0.05 * r()
    export_share = 0.4 * r() if r() < 0.3 else 0.0
    output_ratio = 0.8 + 0.3 * r() if maker and r() < 0.8 else 0.0
    va_ratio = 0.22 + 0.16 * r()
    invention_share = 0.3 + 0.4 * r()
    pct_share = 0.15 * r() if r() < 0.3 else 0.0
    base_staff = 3 + int(10 * r())
    # Valid invention patents held before the panel's first year, from the years of R&D behind it.
    age = max(0, years[0] - founded.year)
    stock = base_revenue * intensity / 2_000_000 * invention_share * min(age, 8) * r()
    out = {}
    for year in years:
        if year < founded.year:
            continue
        revenue = base_revenue / (1 + growth) ** (latest - year) * _NOISE_05[bits(12)]
        if year == founded.year:
            revenue *= (13 - founded.month) / 12
        if revenue < 50_000.0:
            revenue = 50_000.0
        rev = round(revenue * 0.001) * 1000
        employees = max(base_staff, round(revenue / productivity))
        rd_staff = min(employees, round(employees * rd_share))
        st_staff = min(employees, round(rd_staff * (1.05 + 0.35 * r())))
        share = intensity * _NOISE_10[bits(12)]
        if e_hte:  # HTEs meet the recognition threshold for their size (5 / 4 / 3 %)
            share = max(share, 0.052 if revenue <= 5e7 else 0.042 if revenue <= 2e8 else 0.032)
        rd = round(revenue * min(0.9, share) * 0.001) * 1000
        patents = max(0, round(rd / 800_000 * _NOISE_30[bits(12)] - 0.4))
        inventions = round(patents * invention_share)
        stock = stock * 0.97 + inventions * 0.6 + (2 * r() if e_hte else 0.0)
        out[year] = AnnualFigures(
            employees,
            rev,
            round(revenue * output_ratio * 0.001) * 1000,
            min(rev, round(revenue * margin * 0.001) * 1000),
            round(revenue * tax_rate * 0.001) * 1000,
            round(revenue * export_share * 0.001) * 1000,
            rd_staff,
            st_staff,
            rd,
            patents,
            inventions,
            round(inventions * pct_share),
            round(stock),
            round(revenue * va_ratio * 0.001) * 1000,
            min(rev, round(revenue * hightech * 0.001) * 1000),
        )
    return out


def _monthly(rnd, annual: dict[int, AnnualFigures], founded: datetime.date, latest: int):
    """Cumulative revenue and employees per month of the latest year (None before founding and in
    a month the enterprise failed to report). December's cumulative revenue is the annual one."""
    this = annual.get(latest)
    if this is None:
        return (), ()
    bits, noise = rnd.getrandbits, _NOISE_15
    first = founded.month - 1 if founded.year == latest else 0  # index of the first month reported
    weights = [0.0] * first + [w * noise[bits(12)] for w in SEASON[first:]]
    cumulative = list(itertools.accumulate(weights))
    factor = this.revenue / cumulative[-1] * 0.001
    revenue: list = [round(c * factor) * 1000 for c in cumulative]
    revenue[11] = this.revenue
    before = annual.get(latest - 1)
    start = before.employees if before else max(1, this.employees // 2)
    step = (this.employees - start) / 12
    staff: list = [max(1, round(start + step * (i + 1))) for i in range(12)]
    for i in range(first):
        revenue[i] = staff[i] = None
    if rnd.random() < 0.03:  # a month the enterprise did not report
        gap = rnd.randrange(12)
        revenue[gap] = staff[gap] = None
    return tuple(revenue), tuple(staff)


def generate_panel(enterprises: int, years: list[int], seed: int = DEFAULT_SEED) -> Panel:
    """A panel of `enterprises` synthetic enterprises with figures for `years` (the last is the
    latest: calibration targets and monthly figures refer to it). Same arguments, same panel."""
    if enterprises < 1:
        raise ValueError("enterprises must be at least 1")
    years = tuple(sorted(set(years)))
    if not years:
        raise ValueError("at least one year is needed")
    latest = years[-1]
    rnd = random.Random(seed)
    scale = enterprises / REFERENCE_SIZE
    below, field_of = _taxonomy()
    tracks_all = sorted(field_of)

    drafts: list[_Draft] = []
    for subpark, count in _apportion(enterprises, {k: SUBPARK_SHARES[k] for k in _subparks()}).items():
        blocks = BLOCK_SHARES.get(subpark, {})
        in_blocks = (
            _apportion(count, {**blocks, subpark: 1 - sum(blocks.values())}) if blocks else {subpark: count}
        )
        group = [_Draft(subpark, unit, rnd.gauss(0, 1)) for unit, k in in_blocks.items() for _ in range(k)]
        _draft_qualifications(group, subpark, latest, years, scale, rnd)
        drafts.extend(group)
    rnd.shuffle(drafts)

    certs = _Certificates()
    usccs, names = set(), set()
    out: list[Enterprise] = []
    mixes = {
        code: (list(mix), list(itertools.accumulate(mix.values())))
        for code, mix in {**{s: _BALANCED for s in SUBPARK_SHARES}, **INDUSTRY_MIX}.items()
    }
    classes_of = {t: {c for prefix, c in PARK_CLASS_OF.items() if t.startswith(prefix)} for t in tracks_all}
    r, bits, normal = rnd.random, rnd.getrandbits, _NORMAL
    for d in drafts:
        nodes, cum_weights = mixes[d.subpark]
        node = nodes[bisect.bisect(cum_weights, r() * cum_weights[-1])]
        pool = below[node]
        first = pool[int(len(pool) * r())]
        tracks = (first,)
        if r() < 0.35:
            pool = below[field_of[first]] if r() < 0.6 else tracks_all
            second = pool[int(len(pool) * r())]
            if second != first:
                tracks = (first, second)
        classes = classes_of[first] | classes_of[tracks[-1]]
        if d.subpark == BCI_SUBPARK:
            classes = classes | {"PC-BCI"}
        # Age: mostly young firms; old enough for the certificates they hold.
        age = min(int(rnd.expovariate(1 / 7)), latest - 1992)
        founded_year = latest - age
        if d.kinds or d.hte_last is not None:
            founded_year = min(
                founded_year, _earliest_certificate_year(d, latest) - 1 - int(rnd.expovariate(1 / 3))
            )
        founded = datetime.date(founded_year, 1 + int(12 * r()), 1 + int(28 * r()))
        listed = "listed" in d.kinds
        base = math.exp(16.5 + 1.5 * (0.75 * d.strength + 0.66 * normal[bits(12)]))
        if listed:
            base = max(base, math.exp(20.7 + 0.8 * normal[bits(12)]))  # listed: around 10 亿元
        base = min(base, 5e10)
        annual = _figures(rnd, "hte" in d.kinds, first.startswith(MAKERS), founded, base, years, latest)
        latest_figures = annual.get(latest)
        out.append(
            Enterprise(
                uscc=_uscc(rnd, founded_year, usccs),
                name=_name(rnd, first, listed, names),
                org_unit=d.org_unit,
                subpark=d.subpark,
                tracks=tracks,
                park_classes=tuple(sorted(classes)),
                founded=founded,
                above_scale=latest_figures is not None and latest_figures.revenue >= 20_000_000,
                qualifications=_qualifications(d, latest, founded, certs, rnd),
                annual=annual,
                monthly_seed=bits(32),
            )
        )
    return Panel(seed=seed, years=years, enterprises=out)
