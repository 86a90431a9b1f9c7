"""高新技术企业 (HTE): 《高新技术企业认定管理办法》国科发火〔2016〕32号 art. 11, with the guidance
《高新技术企业认定管理工作指引》国科发火〔2016〕195号 (innovation-capability scoring)."""

import numpy as np

from zerobay.statistics.reportforms import HTE_TECH_FIELDS

from ..facts import Facts
from .base import (
    MET,
    NO_PROFILE,
    NO_REPORT,
    UNKNOWN,
    UNMET,
    Criterion,
    Outcome,
    Rule,
    at_least,
    holding,
    pct,
    pp,
    share,
    to_be_confirmed,
    tri,
    wan,
    years_text,
)

ONE_YEAR_DAYS = 365
# R&D share of sales by the latest year's sales (cents): ≤ 5,000万 → 5%, ≤ 2亿 → 4%, above → 3%.
RD_BANDS = ((5_000 * 1_000_000, 5), (20_000 * 1_000_000, 4))
RD_ABOVE = 3
HITECH_SHARE = 60  # percent of revenue, latest year
ST_STAFF_SHARE = 10  # percent of employees, latest year
INNOVATION_PASS = 70  # the score must be strictly above


def founded_one_year(facts: Facts) -> Outcome:
    day = facts.as_of.toordinal()
    known = facts.registered > 0
    days = np.where(known, day - facts.registered, 0)
    met = days >= ONE_YEAR_DAYS

    def explain(i):
        if not known[i]:
            return NO_PROFILE.format(what="注册时间")
        since = f"注册已 {days[i]} 天"
        if met[i]:
            return f"{since}，满一年"
        return f"{since}，还差 {ONE_YEAR_DAYS - days[i]} 天满一年"

    return Outcome(tri(met, known), np.where(known, days, np.nan), float(ONE_YEAR_DAYS), explain)


def rd_percent(latest_revenue: np.ndarray) -> np.ndarray:
    percent = np.full(len(latest_revenue), RD_ABOVE)
    for limit, p in reversed(RD_BANDS):
        percent[latest_revenue <= limit] = p
    return percent


def rd_ratio(facts: Facts) -> Outcome:
    present = facts.year > 0
    complete = (facts.rd.known & facts.revenue.known) | ~present
    rd_sum = np.where(present, facts.rd.values, 0).sum(axis=1)
    revenue_sum = np.where(present, facts.revenue.values, 0).sum(axis=1)
    has = facts.has_report
    known = has & complete.all(axis=1) & (revenue_sum > 0)
    percent = rd_percent(facts.revenue.values[:, 0])
    met = known & at_least(rd_sum, np.maximum(revenue_sum, 1), percent)
    value = np.full(facts.size, np.nan)
    value[known] = rd_sum[known] / revenue_sum[known]
    threshold = percent / 100

    def explain(i):
        years = years_text(facts.year[i])
        if not has[i]:
            return NO_REPORT
        if not complete[i].all():
            return f"{years}年报中研发费用或营业收入未填报，无法计算研发费用占比"
        if revenue_sum[i] <= 0:
            return f"{years}营业收入合计为零，无法计算研发费用占比"
        text = (
            f"{years}研发费用合计 {wan(rd_sum[i])}，占营业收入 {wan(revenue_sum[i])} 的 {pct(value[i])}"
            f"（要求不低于 {pct(threshold[i])}）"
        )
        if met[i]:
            return f"研发费用占比 {pct(value[i])}，达到要求；{text}"
        return f"研发费用占比 {pct(value[i])}，还差 {pp(threshold[i] - value[i])} 个百分点；{text}"

    return Outcome(tri(met, known), value, threshold, explain)


def _latest_share(facts: Facts, num, den, percent: int, label: str, what: str):
    value, known = share(num[:, 0], den[:, 0])
    met = known & at_least(num.values[:, 0], np.maximum(den.values[:, 0], 1), percent)

    def explain(i):
        if not facts.has_report[i]:
            return NO_REPORT
        if not known[i]:
            return f"{facts.year[i, 0]}年报缺少{what}，无法计算{label}"
        head = f"{facts.year[i, 0]}年{label} {pct(value[i])}"
        if met[i]:
            return f"{head}，达到 {percent}% 的要求"
        return f"{head}，还差 {pp(percent / 100 - value[i])} 个百分点（要求不低于 {percent}%）"

    return Outcome(tri(met, known), value, percent / 100, explain)


def hitech_income_share(facts: Facts) -> Outcome:
    return _latest_share(
        facts,
        facts.hightech,
        facts.revenue,
        HITECH_SHARE,
        "高新技术产品（服务）收入占比",
        "高新技术产品（服务）收入或营业收入",
    )


def st_staff_share(facts: Facts) -> Outcome:
    return _latest_share(
        facts, facts.st_staff, facts.employees, ST_STAFF_SHARE, "科技人员占比", "科技活动人员或从业人员数"
    )


def ip_owned(facts: Facts) -> Outcome:
    ip1, ip2 = facts.ip1, facts.ip2
    owns = (ip1.known & (ip1.values >= 1)) | (ip2.known & (ip2.values >= 1))
    known = owns | (ip1.known & ip2.known)
    value = np.where(known, ip1.values + ip2.values, np.nan)

    def explain(i):
        if not known[i]:
            return NO_PROFILE.format(what="知识产权数量")
        if owns[i]:
            return f"拥有 I类知识产权 {ip1.values[i]} 件、II类知识产权 {ip2.values[i]} 件"
        return "没有 I类或 II类知识产权，还差 1 件"

    return Outcome(tri(owns, known), value, 1.0, explain)


def tech_field(facts: Facts) -> Outcome:
    fields = facts.tech_field
    known = np.array([f in HTE_TECH_FIELDS for f in fields], dtype=bool)
    value = np.array(fields, dtype=object)

    def explain(i):
        if known[i]:
            return f"核心技术属于“{fields[i]}”领域"
        return NO_PROFILE.format(what="核心技术领域")

    return Outcome(tri(known, known), value, None, explain)


# Innovation capability (195号 guidance): what the data can score, and the bounds of the rest.
def _ip_quantity_points(facts: Facts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, high, known) points of the IP-quantity item (≤ 8): I类 ≥ 1 → 7-8; II类 ≥ 5 → 5-6,
    3-4 → 3-4, 1-2 → 1-2; none → 0."""
    ip1, ip2 = facts.ip1, facts.ip2
    has1 = ip1.known & (ip1.values >= 1)
    known = has1 | (ip1.known & ip2.known)
    n2 = ip2.values
    low = np.select([has1, n2 >= 5, n2 >= 3, n2 >= 1], [7, 5, 3, 1], 0)
    high = np.select([has1, n2 >= 5, n2 >= 3, n2 >= 1], [8, 6, 4, 2], 0)
    return low, high, known


def _sales_growth(facts: Facts) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(rate, low, high, known) of the sales-growth item (≤ 10): rate = ½(Y2/Y1 + Y3/Y2) − 1 over
    three consecutive years; ≥ 0.35 → 9-10, ≥ 0.25 → 7-8, ≥ 0.15 → 5-6, ≥ 0.05 → 3-4, below → 1-2,
    none or negative → 0."""
    rev = facts.revenue
    y3, y2, y1 = rev.values[:, 0], rev.values[:, 1], rev.values[:, 2]
    consecutive = facts.consecutive(3)
    known = consecutive & rev.known.all(axis=1) & (y1 > 0) & (y2 > 0)
    rate = np.full(facts.size, np.nan)
    rate[known] = 0.5 * (y2[known] / y1[known] + y3[known] / y2[known]) - 1
    r = np.nan_to_num(rate, nan=-1)
    bands = [r >= 0.35, r >= 0.25, r >= 0.15, r >= 0.05, r > 0]
    return rate, np.select(bands, [9, 7, 5, 3, 1], 0), np.select(bands, [10, 8, 6, 4, 2], 0), known


def innovation_score(facts: Facts) -> Outcome:
    ip_low, ip_high, ip_known = _ip_quantity_points(facts)
    rate, growth_low, growth_high, growth_known = _sales_growth(facts)
    no_ip = facts.ip1.known & facts.ip2.known & (facts.ip1.values + facts.ip2.values == 0)
    # Unknown items at their extremes: the IP group (≤ 30) is 0 without IP; conversion of results
    # (≤ 30) and R&D organisation (≤ 20) need the experts; net-asset growth (≤ 10) needs two balance sheets.
    ip_group_high = np.where(no_ip, 0, np.where(ip_known, 30 - 8 + ip_high, 30))
    upper = ip_group_high + 30 + 20 + np.where(growth_known, growth_high, 10) + 10
    lower = np.where(ip_known, ip_low, 0) + np.where(growth_known, growth_low, 0)
    estimable = ip_known | growth_known
    met = np.where(lower > INNOVATION_PASS, MET, np.where(upper <= INNOVATION_PASS, UNMET, UNKNOWN))
    met = np.where(estimable, met, UNKNOWN).astype(np.int8)
    value = np.where(estimable, lower, np.nan).astype(np.float64)

    def explain(i):
        if not estimable[i]:
            return "缺少知识产权和连续三年营业收入数据，无法估算创新能力评分（需专家评审）"
        parts = []
        if ip_known[i]:
            parts.append(f"知识产权数量约 {ip_low[i]}–{ip_high[i]} 分")
        if growth_known[i]:
            parts.append(f"销售收入增长率 {pct(rate[i])}，约 {growth_low[i]}–{growth_high[i]} 分")
        head = f"数据可估算部分：{'，'.join(parts)}；总分上限 {upper[i]} 分"
        if met[i] == UNMET:
            return f"{head}，达不到 {INNOVATION_PASS} 分以上的要求（没有知识产权）"
        return f"{head}；成果转化、研发组织管理等需专家评审，待确认是否高于 {INNOVATION_PASS} 分"

    return Outcome(met, value, float(INNOVATION_PASS), explain)


RULE = Rule(
    id="hte",
    name="高新技术企业",
    source="《高新技术企业认定管理办法》（国科发火〔2016〕32号）第十一条；《高新技术企业认定管理工作指引》（国科发火〔2016〕195号）",
    kind="hte",
    holds=holding("hte"),
    criteria=(
        Criterion("founded_one_year", "注册成立满一年", founded_one_year),
        Criterion("rd_ratio", "近三年研发费用占销售收入比例", rd_ratio),
        Criterion("hitech_income_share", "高新技术产品（服务）收入占比 ≥ 60%", hitech_income_share),
        Criterion("st_staff_share", "科技人员占职工总数比例 ≥ 10%", st_staff_share),
        Criterion("ip_owned", "拥有核心技术的知识产权", ip_owned),
        # An estimate (the experts score most of it): shown, but the status does not rest on it;
        # without IP it fails, and ip_owned already names that gap.
        Criterion("innovation_score", "创新能力评价高于 70 分", innovation_score, decisive=False),
        Criterion("tech_field", "核心技术属于国家重点支持的八大领域", tech_field),
        Criterion(
            "rd_in_china",
            "境内研发费用占全部研发费用 ≥ 60%",
            to_be_confirmed("火炬统计不区分境内外研发费用，待企业提供专项审计报告确认"),
        ),
        Criterion(
            "no_major_incident",
            "申请前一年内未发生重大安全、重大质量事故或严重环境违法行为",
            to_be_confirmed("平台无相关记录来源，待核实"),
        ),
    ),
)
