"""专精特新“小巨人” (national): 《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号, annex 3
《专精特新“小巨人”企业认定标准》. The wording of the innovation fast track and of the 链/品
criteria is unconfirmed in the reference; they are listed "to be confirmed"."""

import numpy as np

from ..facts import Facts
from .base import (
    NO_PROFILE,
    NO_REPORT,
    UNKNOWN,
    Criterion,
    Outcome,
    Rule,
    at_least,
    holding,
    pct,
    registered_years,
    to_be_confirmed,
    tri,
)

GROWTH = 0.05  # two-year average revenue growth
BIG = 100_000_000 * 100  # 1亿元 in cents: R&D ≥ 3% in both years
MIDDLE = 50_000_000 * 100  # 5,000万元: R&D ≥ 6% in both years; below, the financing route
IP_CLASS1 = 2


def revenue_growth(facts: Facts) -> Outcome:
    rev = facts.revenue
    consecutive = facts.consecutive(3)
    known = consecutive & rev.known.all(axis=1) & (rev.values[:, 1] > 0) & (rev.values[:, 2] > 0)
    rate = np.full(facts.size, np.nan)
    y3, y2, y1 = (rev.values[known, k].astype(np.float64) for k in range(3))
    rate[known] = ((y3 / y2 - 1) + (y2 / y1 - 1)) / 2
    met = known & (np.nan_to_num(rate, nan=-1) >= GROWTH - 1e-12)

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "缺少连续三年的营业收入，无法计算两年平均增长率"
        head = f"近两年营业收入平均增长率 {pct(rate[i])}"
        return head if met[i] else f"{head}，低于 5%"

    return Outcome(tri(met, known), rate, GROWTH, explain)


def rd_intensity(facts: Facts) -> Outcome:
    rev, rd = facts.revenue, facts.rd
    both = (facts.year[:, 1] > 0) & rev.known[:, :2].all(axis=1) & rd.known[:, :2].all(axis=1)
    latest = rev.values[:, 0]
    percent = np.where(latest >= BIG, 3, 6)
    ok = both & at_least(rd.values[:, 0], np.maximum(rev.values[:, 0], 1), percent)
    ok &= at_least(rd.values[:, 1], np.maximum(rev.values[:, 1], 1), percent)
    decidable = both & (latest >= MIDDLE) & (rev.values[:, 1] > 0)
    met = np.where(decidable, np.where(ok, 1, 0), UNKNOWN).astype(np.int8)
    ratio = np.full(facts.size, np.nan)
    ratio[decidable] = rd.values[decidable, 0] / rev.values[decidable, 0]

    def explain(i):
        if not both[i]:
            return NO_REPORT if not facts.has_report[i] else "缺少近两年的研发费用或营业收入"
        if not decidable[i]:
            return "营业收入低于 5,000万元：须近两年新增股权融资 ≥ 8,000万元等条件，待确认"
        head = f"近两年研发费用占比 {pct(rd.values[i, 1] / rev.values[i, 1])}、{pct(ratio[i])}，要求均不低于 {percent[i]}%"
        return head if ok[i] else f"{head}，未达到"

    return Outcome(met, ratio, np.where(decidable, percent / 100, np.nan), explain)


def ip_class1(facts: Facts) -> Outcome:
    ip1 = facts.ip1
    met = ip1.known & (ip1.values >= IP_CLASS1)

    def explain(i):
        if not ip1.known[i]:
            return NO_PROFILE.format(what="I类知识产权数量")
        head = f"I类知识产权 {ip1.values[i]} 件"
        return head if met[i] else f"{head}，还差 {IP_CLASS1 - ip1.values[i]} 件"

    return Outcome(tri(met, ip1.known), np.where(ip1.known, ip1.values, np.nan), float(IP_CLASS1), explain)


RULE = Rule(
    id="little_giant",
    name="专精特新“小巨人”企业",
    source="《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件3《专精特新“小巨人”企业认定标准》",
    kind="little_giant",
    holds=holding("little_giant"),
    criteria=(
        Criterion(
            "niche_years", "从事特定细分市场 3 年以上", registered_years(3, "，细分市场年限待企业申报确认")
        ),
        Criterion("revenue_growth", "近两年主营业务收入平均增长率不低于 5%", revenue_growth),
        Criterion("rd_intensity", "研发强度达到标准", rd_intensity),
        Criterion("ip_class1", "主导产品拥有 2 项以上 I类知识产权", ip_class1),
        Criterion(
            "main_business_share",
            "主营业务收入占营业收入 70% 以上",
            to_be_confirmed("主营业务收入需企业申报，待确认"),
        ),
        Criterion("debt_ratio", "资产负债率不高于 70%", to_be_confirmed("平台数据没有负债总额，待确认")),
        Criterion(
            "market_share", "细分市场全国占有率 10% 以上", to_be_confirmed("市场占有率需企业申报，待确认")
        ),
        Criterion(
            "rd_institution",
            "自建或与高校、科研院所联合建立研发机构",
            to_be_confirmed("研发机构情况需企业申报，待确认"),
        ),
    ),
)
