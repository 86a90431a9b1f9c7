"""专精特新中小企业 (SRDI SME): 《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号, annex 2
《专精特新中小企业认定标准》: two years or more in the niche; prior-year R&D ≥ 100万 and ≥ 3% of
revenue; revenue ≥ 1,000万 or ≥ 2,000万 new equity financing in two years; a score of 60 or more
(13 indicators) or a fast-track condition."""

import numpy as np

from ..facts import Facts
from .base import (
    NO_REPORT,
    UNKNOWN,
    Criterion,
    Outcome,
    Rule,
    at_least,
    holding,
    pct,
    pp,
    registered_years,
    share,
    to_be_confirmed,
    tri,
    wan,
)

RD_AMOUNT = 1_000_000 * 100  # 100万元 in cents
RD_PERCENT = 3
REVENUE_FLOOR = 10_000_000 * 100  # 1,000万元


def rd_amount(facts: Facts) -> Outcome:
    rd = facts.rd
    known = rd.known[:, 0]
    met = known & (rd.values[:, 0] >= RD_AMOUNT)

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "年报缺少研发费用"
        head = f"{facts.year[i, 0]}年研发费用 {wan(rd.values[i, 0])}"
        return head if met[i] else f"{head}，还差 {wan(RD_AMOUNT - rd.values[i, 0])} 达到 100万元"

    return Outcome(tri(met, known), np.where(known, rd.values[:, 0] / 100, np.nan), RD_AMOUNT / 100, explain)


def rd_ratio(facts: Facts) -> Outcome:
    ratio, known = share(facts.rd[:, 0], facts.revenue[:, 0])
    met = known & at_least(facts.rd.values[:, 0], np.maximum(facts.revenue.values[:, 0], 1), RD_PERCENT)

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "年报缺少研发费用或营业收入"
        head = f"{facts.year[i, 0]}年研发费用占比 {pct(ratio[i])}"
        return head if met[i] else f"{head}，还差 {pp(RD_PERCENT / 100 - ratio[i])} 个百分点"

    return Outcome(tri(met, known), ratio, RD_PERCENT / 100, explain)


def revenue_or_financing(facts: Facts) -> Outcome:
    rev = facts.revenue
    known = rev.known[:, 0]
    met = known & (rev.values[:, 0] >= REVENUE_FLOOR)
    result = np.where(met, 1, UNKNOWN).astype(np.int8)  # below the floor, financing may still qualify

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "年报缺少营业收入"
        if met[i]:
            return f"{facts.year[i, 0]}年营业收入 {wan(rev.values[i, 0])}，不低于 1,000万元"
        return f"营业收入 {wan(rev.values[i, 0])}，低于 1,000万元；近两年新增股权融资是否达 2,000万元待确认"

    return Outcome(result, np.where(known, rev.values[:, 0] / 100, np.nan), REVENUE_FLOOR / 100, explain)


RULE = Rule(
    id="srdi_sme",
    name="专精特新中小企业",
    source="《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件2《专精特新中小企业认定标准》",
    kind="srdi",
    holds=holding("srdi"),
    criteria=(
        Criterion(
            "niche_years", "从事特定细分市场 2 年以上", registered_years(2, "，细分市场年限待企业申报确认")
        ),
        Criterion("rd_amount", "上年度研发费用不低于 100 万元", rd_amount),
        Criterion("rd_ratio", "上年度研发费用占营业收入比重不低于 3%", rd_ratio),
        Criterion(
            "revenue_or_financing",
            "营业收入不低于 1,000 万元或近两年股权融资不低于 2,000 万元",
            revenue_or_financing,
        ),
        Criterion(
            "score",
            "专精特新评分不低于 60 分或满足创新直通条件",
            to_be_confirmed("13 项评分指标需企业申报材料，待确认"),
        ),
    ),
)
