"""科技型中小企业 (tech-based SME): 《科技型中小企业评价办法》国科发政〔2017〕115号 (limits, the
100-point score and the direct route for an HTE)."""

import numpy as np

from ..facts import Facts, Known
from .base import (
    MET,
    NO_PROFILE,
    NO_REPORT,
    UNKNOWN,
    UNMET,
    Criterion,
    Outcome,
    Rule,
    holding,
    pct,
    points,
    pp,
    share,
    tri,
    wan,
)

STAFF_LIMIT = 500
REVENUE_LIMIT = 200_000_000 * 100  # 2亿元 in cents
ASSETS_LIMIT = 200_000_000 * 100
ST_STAFF_BANDS = ((30, 20), (25, 16), (20, 12), (15, 8), (10, 4))  # (share %, points)
RD_BANDS = ((6, 50), (5, 40), (4, 30), (3, 20), (2, 10))
IP_CLASS1_POINTS = 30
IP_CLASS2_POINTS = ((4, 24), (3, 18), (2, 12), (1, 6))  # (count at least, points)
PASS_SCORE = 60
MAX_POINTS = {"st_staff_points": 20, "rd_points": 50, "ip_points": 30}


def _limit(facts: Facts, column: Known, limit: int, label: str, money: bool, from_profile: bool = False):
    known = column.known[:, 0] if column.values.ndim == 2 else column.known
    values = column.values[:, 0] if column.values.ndim == 2 else column.values
    met = known & (values <= limit)
    scale = 100 if money else 1

    def show(v):
        return wan(v) if money else f"{v} 人"

    def explain(i):
        if not known[i]:
            return (
                NO_PROFILE.format(what=label)
                if from_profile
                else (NO_REPORT if not facts.has_report[i] else f"年报缺少{label}")
            )
        head = f"{label} {show(values[i])}"
        return f"{head}，不超过 {show(limit)}" if met[i] else f"{head}，超过上限 {show(limit)}"

    return Outcome(tri(met, known), np.where(known, values / scale, np.nan), limit / scale, explain)


def staff_limit(facts: Facts) -> Outcome:
    return _limit(facts, facts.employees, STAFF_LIMIT, "从业人员", money=False)


def revenue_limit(facts: Facts) -> Outcome:
    return _limit(facts, facts.revenue, REVENUE_LIMIT, "营业收入", money=True)


def assets_limit(facts: Facts) -> Outcome:
    return _limit(facts, facts.assets, ASSETS_LIMIT, "资产总计", money=True, from_profile=True)


def _st_staff(facts: Facts):
    ratio, known = share(facts.st_staff[:, 0], facts.employees[:, 0])
    pts = points(
        ratio, ST_STAFF_BANDS, facts.st_staff.values[:, 0], np.maximum(facts.employees.values[:, 0], 1)
    )
    return ratio, np.where(known, pts, 0), known


def _rd(facts: Facts):
    ratio, known = share(facts.rd[:, 0], facts.revenue[:, 0])
    pts = points(ratio, RD_BANDS, facts.rd.values[:, 0], np.maximum(facts.revenue.values[:, 0], 1))
    return ratio, np.where(known, pts, 0), known


def _ip(facts: Facts):
    """(points, known, lower bound): any I类 → 30; else by II类 count; unknown without the counts."""
    ip1, ip2 = facts.ip1, facts.ip2
    has1 = ip1.known & (ip1.values >= 1)
    by_class2 = np.select([ip2.values >= n for n, _ in IP_CLASS2_POINTS], [p for _, p in IP_CLASS2_POINTS], 0)
    known = has1 | (ip1.known & ip2.known)
    pts = np.where(has1, IP_CLASS1_POINTS, np.where(known, by_class2, 0))
    lower = np.where(known, pts, np.where(ip2.known, by_class2, 0))
    return pts, known, lower


def st_staff_points(facts: Facts) -> Outcome:
    ratio, pts, known = _st_staff(facts)

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "年报缺少科技活动人员或从业人员数"
        head = f"科技人员占比 {pct(ratio[i])}，得 {pts[i]} 分"
        return (
            head if pts[i] > 0 else f"{head}（须大于 0 分：占比还差 {pp(0.10 - ratio[i])} 个百分点达到 10%）"
        )

    return Outcome(tri(pts > 0, known), np.where(known, pts, np.nan), 0.0, explain)


def rd_points(facts: Facts) -> Outcome:
    ratio, pts, known = _rd(facts)

    def explain(i):
        if not known[i]:
            return NO_REPORT if not facts.has_report[i] else "年报缺少研发费用或营业收入"
        return f"{facts.year[i, 0]}年研发费用占营业收入 {pct(ratio[i])}，得 {pts[i]} 分（满分 50 分）"

    return Outcome(tri(pts > 0, known), np.where(known, pts, np.nan), None, explain)


def ip_points(facts: Facts) -> Outcome:
    pts, known, _ = _ip(facts)

    def explain(i):
        if not known[i]:
            return NO_PROFILE.format(what="知识产权数量")
        return f"I类知识产权 {facts.ip1.values[i]} 件、II类 {facts.ip2.values[i]} 件，得 {pts[i]} 分（满分 30 分）"

    return Outcome(tri(pts > 0, known), np.where(known, pts, np.nan), None, explain)


def score(facts: Facts) -> Outcome:
    _, st, st_known = _st_staff(facts)
    _, rd, rd_known = _rd(facts)
    ip, ip_known, ip_lower = _ip(facts)
    complete = st_known & rd_known & ip_known
    total = st + rd + ip
    lower = st + rd + ip_lower
    upper = (
        np.where(st_known, st, MAX_POINTS["st_staff_points"])
        + np.where(rd_known, rd, MAX_POINTS["rd_points"])
        + np.where(ip_known, ip, MAX_POINTS["ip_points"])
    )
    met = np.where(lower >= PASS_SCORE, MET, np.where(upper < PASS_SCORE, UNMET, UNKNOWN)).astype(np.int8)

    def explain(i):
        if complete[i]:
            head = f"评分 {total[i]} 分（科技人员 {st[i]} + 研发投入 {rd[i]} + 科技成果 {ip[i]}）"
            return head if total[i] >= PASS_SCORE else f"{head}，还差 {PASS_SCORE - total[i]} 分"
        if met[i] == MET:
            return f"已知部分至少 {lower[i]} 分，已达到 {PASS_SCORE} 分"
        if met[i] == UNMET:
            return f"即使缺失项取满分也只有 {upper[i]} 分，达不到 {PASS_SCORE} 分"
        return f"评分数据不全：已知部分 {lower[i]} 分，最高可能 {upper[i]} 分，待补充数据确认"

    return Outcome(met, np.where(complete, total, np.nan), float(PASS_SCORE), explain)


def hte_certificate(facts: Facts) -> Outcome:
    held = facts.holds("hte")

    def explain(i):
        return "持有有效的高新技术企业证书，可直接认定" if held[i] else "未持有有效的高新技术企业证书"

    return Outcome(tri(held, np.ones(facts.size, dtype=bool)), held.astype(np.float64), None, explain)


RULE = Rule(
    id="tsme",
    name="科技型中小企业",
    source="《科技型中小企业评价办法》（国科发政〔2017〕115号）第六条、第七条及附件《科技型中小企业评价指标》",
    kind="tech_sme",
    holds=holding("tech_sme"),
    direct=lambda facts: facts.holds("hte"),
    criteria=(
        Criterion("staff_limit", "职工总数不超过 500 人", staff_limit),
        Criterion("revenue_limit", "年销售收入不超过 2 亿元", revenue_limit),
        Criterion("assets_limit", "资产总额不超过 2 亿元", assets_limit),
        Criterion("st_staff_points", "科技人员指标得分（须大于 0）", st_staff_points),
        Criterion("rd_points", "研发投入指标得分", rd_points, decisive=False),
        Criterion("ip_points", "科技成果指标得分", ip_points, decisive=False),
        Criterion("score", "综合评价得分不低于 60 分", score),
        Criterion("hte_certificate", "有效期内的高新技术企业（直接认定）", hte_certificate, decisive=False),
    ),
)
