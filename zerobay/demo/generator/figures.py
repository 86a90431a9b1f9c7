"""Annual and monthly figures: growth, productivity, R&D and seasonality, drawn from fixed tables."""

import datetime
import itertools
import math
from statistics import NormalDist

from .assumptions import SEASON
from .records import AnnualFigures

# Draws from fixed tables: a normal deviate is one table lookup, several times faster than
# random.gauss, which matters at 250,000 enterprises. 4,096 quantiles are plenty for a demo.
_TABLE_BITS = 12
NORMAL = tuple(NormalDist().inv_cdf((i + 0.5) / (1 << _TABLE_BITS)) for i in range(1 << _TABLE_BITS))


def _lognormal(sigma: float) -> tuple[float, ...]:
    return tuple(math.exp(sigma * z) for z in NORMAL)


_NOISE_05, _NOISE_10, _NOISE_15, _NOISE_30 = (_lognormal(s) for s in (0.05, 0.10, 0.15, 0.30))


def _clip(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def annual_figures(rnd, e_hte: bool, maker: bool, founded: datetime.date, base_revenue: float, years, latest):
    """Annual figures per year the enterprise exists, growing towards `base_revenue` in `latest`."""
    r, bits, normal = rnd.random, rnd.getrandbits, NORMAL
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


def monthly_figures(rnd, annual: dict[int, AnnualFigures], founded: datetime.date, latest: int):
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
