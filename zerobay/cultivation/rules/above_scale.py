"""规上 (above designated size), for 升规纳统: the National Bureau of Statistics thresholds of annual
revenue by sector (《统计上划分企业规模的标准》 and the NBS rules for 规模以上服务业): industry
≥ 2,000万; 科学研究和技术服务业, 租赁和商务服务业, 教育 ≥ 1,000万; 信息传输软件和信息技术服务业,
交通运输仓储邮政业, 水利环境公共设施管理业 ≥ 2,000万; 房地产 (excluding development), 居民服务,
文化体育娱乐, 卫生社会工作 ≥ 500万. The sector comes from the GB/T 4754-2017 industry code."""

import numpy as np

from ..facts import Facts
from .base import NO_PROFILE, NO_REPORT, Criterion, Outcome, Rule, tri, wan

WAN = 10_000 * 100  # cents
# (first division, last division, sector name, threshold in 万元); divisions of GB/T 4754-2017.
SECTORS = (
    (6, 46, "工业", 2000),
    (53, 60, "交通运输、仓储和邮政业", 2000),
    (63, 65, "信息传输、软件和信息技术服务业", 2000),
    (70, 70, "房地产业（不含房地产开发经营）", 500),
    (71, 72, "租赁和商务服务业", 1000),
    (73, 75, "科学研究和技术服务业", 1000),
    (76, 79, "水利、环境和公共设施管理业", 2000),
    (80, 82, "居民服务、修理和其他服务业", 500),
    (83, 83, "教育", 1000),
    (84, 85, "卫生和社会工作", 500),
    (86, 90, "文化、体育和娱乐业", 500),
)
REAL_ESTATE_DEVELOPMENT = "7010"  # qualified by its licence, not by revenue


def sector_of(code: str | None) -> tuple[str, int] | None:
    """(sector name, threshold in 万元) for an industry code, or None where the rule does not apply."""
    if not code or len(code) != 4 or not code.isdigit() or code == REAL_ESTATE_DEVELOPMENT:
        return None
    division = int(code[:2])
    for first, last, name, threshold in SECTORS:
        if first <= division <= last:
            return name, threshold
    return None


def revenue_threshold(facts: Facts) -> Outcome:
    sectors = [sector_of(c) for c in facts.industry_code]
    threshold = np.array([s[1] * WAN if s else 0 for s in sectors], dtype=np.int64)
    rev = facts.revenue
    known = rev.known[:, 0] & (threshold > 0)
    met = known & (rev.values[:, 0] >= threshold)

    def explain(i):
        if sectors[i] is None:
            if not facts.industry_code[i]:
                return NO_PROFILE.format(what="国民经济行业代码")
            return f"行业代码 {facts.industry_code[i]} 所属行业不按营业收入划定规上标准，待确认"
        name, limit = sectors[i]
        if not rev.known[i, 0]:
            return NO_REPORT if not facts.has_report[i] else "年报缺少营业收入"
        head = f"{name}规上标准为营业收入 {limit}万元；{facts.year[i, 0]}年营业收入 {wan(rev.values[i, 0])}"
        return head if met[i] else f"{head}，还差 {wan(threshold[i] - rev.values[i, 0])}"

    return Outcome(
        tri(met, known),
        np.where(rev.known[:, 0], rev.values[:, 0] / 100, np.nan),
        np.where(threshold > 0, threshold / 100, np.nan),
        explain,
    )


RULE = Rule(
    id="above_scale",
    name="规模以上企业（升规纳统）",
    source="国家统计局《统计上大中小微型企业划分办法》及规模以上服务业统计标准",
    holds=lambda facts: facts.above_scale,
    criteria=(Criterion("revenue_threshold", "年营业收入达到所属行业的规上标准", revenue_threshold),),
)
