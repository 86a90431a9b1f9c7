"""创新型中小企业 (innovative SME): 《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号,
annex 1 《创新型中小企业评价标准》: a score of 60 or more with innovation ≥ 20, growth ≥ 15 and
specialisation ≥ 15, or a direct condition (among them a valid HTE certificate). The intermediate
bands of the R&D-intensity and growth items follow the annex; the reference confirms the ends."""

import numpy as np

from ..facts import Facts
from .base import (
    NO_REPORT,
    Criterion,
    Outcome,
    Rule,
    bounded,
    holding,
    pct,
    points,
    share,
    to_be_confirmed,
)
from .tsme import hte_certificate

RD_BANDS = ((5, 20), (3, 15), (2, 10), (1, 5))  # R&D / revenue, latest year: ≥5% full, <1% none
GROWTH_BANDS = ((0.20, 20), (0.10, 15), (0.0, 10))  # main-business growth, latest year; <0 → 0
DEBT_POINTS = 10  # debt ratio: no liabilities in the platform's data
SPECIALISATION_POINTS = 30  # strategic emerging field 10 + main-business share 20


def _ip_bounds(facts: Facts):
    """IP (≤ 20): I类 → 10-20 (20 if high-value, 15 if own R&D); II类 only → 5; none → 0."""
    ip1, ip2 = facts.ip1, facts.ip2
    has1 = ip1.known & (ip1.values >= 1)
    has2 = ip2.known & (ip2.values >= 1)
    known = has1 | (ip1.known & ip2.known)
    low = np.where(has1, 10, np.where(has2, 5, 0))
    high = np.where(has1, 20, np.where(known, np.where(has2, 5, 0), 20))
    return low, high, known


def _rd(facts: Facts):
    ratio, known = share(facts.rd[:, 0], facts.revenue[:, 0])
    pts = points(ratio, RD_BANDS, facts.rd.values[:, 0], np.maximum(facts.revenue.values[:, 0], 1))
    return ratio, np.where(known, pts, 0), known


def _growth(facts: Facts):
    rev = facts.revenue
    consecutive = facts.consecutive(2)
    known = consecutive & rev.known[:, 0] & rev.known[:, 1] & (rev.values[:, 1] > 0)
    rate = np.full(facts.size, np.nan)
    rate[known] = rev.values[known, 0] / rev.values[known, 1] - 1
    r = np.nan_to_num(rate, nan=-1)
    pts = np.select([r >= b for b, _ in GROWTH_BANDS], [p for _, p in GROWTH_BANDS], 0)
    return rate, np.where(known, pts, 0), known


def _innovation(facts: Facts):
    ip_low, ip_high, _ = _ip_bounds(facts)
    _, rd, rd_known = _rd(facts)
    return ip_low + rd, ip_high + np.where(rd_known, rd, 20)


def _growth_group(facts: Facts):
    _, growth, known = _growth(facts)
    return growth, np.where(known, growth, 20) + DEBT_POINTS


def innovation_points(facts: Facts) -> Outcome:
    low, high = _innovation(facts)
    ratio, rd, rd_known = _rd(facts)
    met = bounded(low, high, 20)

    def explain(i):
        rd_text = f"研发强度 {pct(ratio[i])} 得 {rd[i]} 分" if rd_known[i] else "研发强度未知"
        return f"创新能力（知识产权 + 研发强度）估计 {low[i]}–{high[i]} 分，须不低于 20 分；{rd_text}"

    return Outcome(met, low.astype(np.float64), 20.0, explain)


def growth_points(facts: Facts) -> Outcome:
    low, high = _growth_group(facts)
    rate, _, known = _growth(facts)
    met = bounded(low, high, 15)

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "缺少连续两年的营业收入，无法计算增长率"
        return f"营业收入增长率 {pct(rate[i])}，成长性估计 {low[i]}–{high[i]} 分（资产负债率另计），须不低于 15 分"

    return Outcome(met, np.where(known, low, np.nan), 15.0, explain)


def score(facts: Facts) -> Outcome:
    i_low, i_high = _innovation(facts)
    g_low, g_high = _growth_group(facts)
    low, high = i_low + g_low, i_high + g_high + SPECIALISATION_POINTS
    met = bounded(low, high, 60)

    def explain(i):
        return f"总分估计 {low[i]}–{high[i]} 分（专业化指标需企业申报），须不低于 60 分"

    return Outcome(met, low.astype(np.float64), 60.0, explain)


RULE = Rule(
    id="innovative_sme",
    name="创新型中小企业",
    source="《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件1《创新型中小企业评价标准》",
    kind="innovative_sme",
    holds=holding("innovative_sme"),
    direct=lambda facts: facts.holds("hte"),
    criteria=(
        Criterion("innovation_points", "创新能力指标不低于 20 分", innovation_points),
        Criterion("growth_points", "成长性指标不低于 15 分", growth_points),
        Criterion(
            "specialisation_points",
            "专业化指标不低于 15 分",
            to_be_confirmed("主营业务收入占比、主导产品所属领域需企业申报，待确认"),
        ),
        Criterion("score", "评价总分不低于 60 分", score),
        Criterion("hte_certificate", "有效期内的高新技术企业（直接认定）", hte_certificate, decisive=False),
    ),
)
