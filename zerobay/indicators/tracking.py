"""Track an indicator's actual values against its targets: completion, change, required growth, status.

Plain data in, plain data out: no Django, no database. ``assess`` judges one indicator at a date
(``as_of``, a year) by the rule below, which the UI shows verbatim (``STATUS_RULE`` in Chinese,
``STATUS_RULE_EN`` in English):

1. Only actual values of years up to ``as_of`` count, and only of years that have ended
   (``complete_through``): a year in progress has a value so far, not its value, so it is neither
   judged against its target nor compared with the year before. The latest of them is "the latest actual".
2. If there is a target for the latest actual's year, that year is over: the value reaches the target
   (completion >= 100 %) -> achieved, else off track.
3. Otherwise the nearest target year after it is judged by a forecast (``forecasting.forecast``):
   * three or more actual values (a trend with an 80 % prediction interval): the forecast reaches the
     target -> on track; only the favourable bound of the interval (the upper one for higher-is-better,
     the lower one for lower-is-better) reaches it -> at risk; neither -> off track;
   * two actual values (no interval): the constant yearly growth required to reach the target is
     compared with the yearly growth between the two values: required no more than observed -> on
     track, at most 5 percentage points more -> at risk, else off track (for lower-is-better the
     comparison is mirrored: the required decline no steeper than the observed one, ...). If a value is
     zero or negative, growth is undefined: the constant-change extrapolation reaches the target -> on
     track, else off track;
   * one actual value: it already reaches the target -> on track; completion >= 90 % -> at risk; else
     off track.
4. If every target year is before the latest actual's year, the latest actual is held against the
   latest target: reaches it -> achieved, else off track.
5. No target at all -> no target; no actual value up to ``as_of`` -> no data.

"Reaches" means >= the target for higher-is-better and <= for lower-is-better.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .forecasting import Forecast, actuals, forecast

__all__ = [
    "AT_RISK_MARGIN",
    "DIRECTIONS",
    "LEVEL",
    "STATUS_LABELS",
    "STATUS_RULE",
    "STATUS_RULE_EN",
    "Assessment",
    "assess",
    "change",
    "completion",
    "reaches",
    "required_growth",
]

DIRECTIONS = ("higher", "lower")
LEVEL = 0.8  # prediction interval used to judge a future target
AT_RISK_MARGIN = 0.05  # two values only: required growth up to 5 percentage points above observed is at risk
ONE_POINT_AT_RISK = 0.9  # one value only: completion so far at or above 90 % is at risk
_EPS = 1e-9  # relative tolerance of comparisons, so that 100 → 121 at 10 % a year counts as reached

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("已达成", "Achieved"),
    "on_track": ("正常", "On track"),
    "at_risk": ("有风险", "At risk"),
    "off_track": ("滞后", "Off track"),
    "no_target": ("无目标", "No target"),
    "no_data": ("无数据", "No data"),
}

STATUS_RULE = (
    "以截至评估年份、且该年已结束的最新实际值为准（尚未结束的年份只有年内累计值，不据此判定，也不计算同比）。"
    "（1）最新实际年份设有目标：该年已结束，实际值达到目标（完成率≥100%）为“已达成”，否则为“滞后”。"
    "（2）否则看其后最近的目标年份，用历年实际值预测该年数值："
    "有三个及以上实际值时按趋势拟合并给出80%预测区间，预测值达到目标为“正常”，"
    "仅区间有利一端（越高越好取上限、越低越好取下限）达到为“有风险”，都达不到为“滞后”；"
    "只有两个实际值时不给区间，比较实现目标所需的年均增速与两值之间的实际年均增速，"
    "所需不高于实际为“正常”，高出不超过5个百分点为“有风险”，否则为“滞后”"
    "（越低越好的指标方向相反；含零或负值时按年均增量外推，达到目标为“正常”，否则为“滞后”）；"
    "只有一个实际值时，已达到目标为“正常”，完成率≥90%为“有风险”，否则为“滞后”。"
    "（3）目标年份均早于最新实际年份时，以最新实际值对照最近一个目标，达到为“已达成”，否则为“滞后”。"
    "未设目标为“无目标”；截至评估年份没有实际值为“无数据”。"
    "“达到”指越高越好的指标不低于目标、越低越好的指标不高于目标。"
)

STATUS_RULE_EN = (
    "Judged on the latest actual value up to the assessment year of a year that has ended (a year in "
    "progress has only a value so far: it is neither judged nor compared with the year before). "
    "(1) If the latest actual year has a target, that year is over: reaching the target "
    "(completion ≥ 100%) is “achieved”, otherwise “off track”. "
    "(2) Otherwise the nearest later target year is judged by a forecast from the actual values: "
    "with three or more values a trend is fitted with an 80% prediction interval; the forecast reaching "
    "the target is “on track”, only the favourable bound of the interval (upper if higher is better, "
    "lower if lower is better) reaching it is “at risk”, neither is “off track”. "
    "With two values there is no interval: the yearly growth required to reach the target is compared with "
    "the yearly growth between the two values; required no more than observed is “on track”, at most "
    "5 percentage points more is “at risk”, otherwise “off track” (mirrored if lower is better; with a zero "
    "or negative value the constant-change extrapolation reaching the target is “on track”, otherwise "
    "“off track”). With one value: already reaching the target is “on track”, completion ≥ 90% is "
    "“at risk”, otherwise “off track”. "
    "(3) If every target year is before the latest actual year, the latest value is held against the latest "
    "target: reaching it is “achieved”, otherwise “off track”. "
    "No target at all is “no target”; no actual value up to the assessment year is “no data”. "
    "“Reaching” means at or above the target if higher is better, at or below it if lower is better."
)


def _check(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")


def completion(value: float | None, target: float | None, direction: str) -> float | None:
    """Share of the target achieved: value/target if higher is better, target/value if lower is better."""
    _check(direction)
    if value is None or target is None:
        return None
    numerator, divisor = (value, target) if direction == "higher" else (target, value)
    if divisor == 0:
        return None
    return numerator / divisor


def change(series: Mapping[int, float | None], year: int) -> float | None:
    """Relative change of ``year``'s value on the year before; None if either is missing or the base is 0.

    The base is taken in absolute value, so that a rise from -10 to -5 is +50 %.
    """
    value, base = series.get(year), series.get(year - 1)
    if value is None or base is None or base == 0:
        return None
    return (value - base) / abs(base)


def required_growth(value: float | None, year: int, target: float | None, target_year: int) -> float | None:
    """Constant yearly growth rate taking ``value`` in ``year`` to ``target`` in ``target_year``."""
    if value is None or target is None or target_year <= year or value <= 0 or target <= 0:
        return None
    return (target / value) ** (1 / (target_year - year)) - 1


def reaches(value: float, target: float, direction: str) -> bool:
    """Whether ``value`` meets ``target``: >= if higher is better, <= if lower is better (with tolerance)."""
    _check(direction)
    slack = _EPS * max(1.0, abs(target))
    return value >= target - slack if direction == "higher" else value <= target + slack


@dataclass(frozen=True)
class Assessment:
    status: str  # a key of STATUS_LABELS
    year: int | None  # latest actual year up to as_of
    value: float | None  # its value
    target_year: int | None  # the target the status was judged against
    target: float | None
    completion: float | None  # value against that target (see ``completion``)
    change: float | None  # year-on-year change of the latest actual
    required: tuple[tuple[int, float, float | None], ...]  # (target year, target, required growth) ahead
    forecast: Forecast  # forecast of the actuals for the target years ahead
    rule: str  # Chinese: the rule applied, with its figures

    @property
    def labels(self) -> tuple[str, str]:
        """(Chinese, English) label of the status."""
        return STATUS_LABELS[self.status]


def _num(value: float) -> str:
    return f"{value:.6g}"


def _pct(rate: float) -> str:
    return f"{rate * 100:+.1f}%"


def assess(
    series: Mapping[int, float | None],
    targets: Mapping[int, float | None],
    direction: str,
    as_of: int,
    level: float = LEVEL,
    complete_through: int | None = None,
) -> Assessment:
    """Judge ``series`` ({year: actual}) against ``targets`` ({year: target}) as of year ``as_of``;
    years after ``complete_through`` (default ``as_of``) have not ended and are left out."""
    _check(direction)
    last = as_of if complete_through is None else min(as_of, complete_through)
    data = {year: value for year, value in actuals(series).items() if year <= last}
    goals = actuals(targets)
    if not goals:
        year = max(data) if data else None
        return Assessment(
            "no_target",
            year,
            data[year] if data else None,
            None,
            None,
            None,
            change(data, year) if data else None,
            (),
            forecast(data, ()),
            "未设目标，不判定状态。",
        )
    if not data:
        ahead = [y for y in goals if y >= last]
        target_year = ahead[0] if ahead else max(goals)
        return Assessment(
            "no_data",
            None,
            None,
            target_year,
            goals[target_year],
            None,
            None,
            (),
            forecast(data, ()),
            f"截至{last}年没有实际值，无法判定。",
        )

    year = max(data)
    value = data[year]
    ahead = [y for y in goals if y > year]
    required = tuple((y, goals[y], required_growth(value, year, goals[y], y)) for y in ahead)
    predicted = forecast(data, ahead, level)
    yoy = change(data, year)

    def result(status: str, target_year: int, rule: str) -> Assessment:
        target = goals[target_year]
        done = completion(value, target, direction)
        return Assessment(status, year, value, target_year, target, done, yoy, required, predicted, rule)

    if year in goals:
        target = goals[year]
        ok = reaches(value, target, direction)
        return result(
            "achieved" if ok else "off_track",
            year,
            f"{year}年设有目标且该年已结束：实际值{_num(value)}{'达到' if ok else '未达到'}目标{_num(target)}，"
            f"判定为“{'已达成' if ok else '滞后'}”。",
        )
    if not ahead:
        last = max(goals)
        target = goals[last]
        ok = reaches(value, target, direction)
        return result(
            "achieved" if ok else "off_track",
            last,
            f"目标年份均早于最新实际年份{year}年：最新实际值{_num(value)}"
            f"{'达到' if ok else '未达到'}{last}年目标{_num(target)}，判定为“{'已达成' if ok else '滞后'}”。",
        )

    target_year = ahead[0]
    target = goals[target_year]
    status, rule = _judge_ahead(data, year, value, target_year, target, direction, predicted, level)
    return result(status, target_year, rule)


def _judge_ahead(
    data: dict[int, float],
    year: int,
    value: float,
    target_year: int,
    target: float,
    direction: str,
    predicted: Forecast,
    level: float,
) -> tuple[str, str]:
    """Status and rule for the nearest target year after the latest actual (rule 2)."""
    head = f"最近目标为{target_year}年{_num(target)}："
    label = {status: zh for status, (zh, _) in STATUS_LABELS.items()}
    point = predicted.point(target_year)
    if predicted.method in ("log_linear", "linear") and point is not None:
        favourable = point.high if direction == "higher" else point.low
        bound = "上限" if direction == "higher" else "下限"
        interval = f"{level * 100:g}%预测区间{_num(point.low)}～{_num(point.high)}"
        if reaches(point.value, target, direction):
            status, how = "on_track", "预测值达到目标"
        elif favourable is not None and reaches(favourable, target, direction):
            status, how = "at_risk", f"预测值未达到目标，仅区间{bound}达到"
        else:
            status, how = "off_track", f"预测值和区间{bound}均未达到目标"
        rule = f"{head}趋势预测值{_num(point.value)}（{interval}），{how}，判定为“{label[status]}”。"
        return status, rule

    if predicted.method == "two_point" and point is not None:
        (y1, v1), (y2, v2) = data.items()
        need = required_growth(value, year, target, target_year)
        if need is None or v1 <= 0 or v2 <= 0:
            ok = reaches(point.value, target, direction)
            status = "on_track" if ok else "off_track"
            rule = (
                f"{head}只有两个实际值且含零或负值，按年均增量外推为{_num(point.value)}，"
                f"{'达到' if ok else '未达到'}目标，判定为“{label[status]}”。"
            )
            return status, rule
        seen = (v2 / v1) ** (1 / (y2 - y1)) - 1
        sign = 1 if direction == "higher" else -1
        gap = sign * (need - seen)  # > 0: the target asks for more than the observed pace
        if gap <= _EPS:
            status, how = "on_track", "所需不超过实际"
        elif gap <= AT_RISK_MARGIN + _EPS:
            status, how = "at_risk", f"差距在{AT_RISK_MARGIN * 100:g}个百分点以内"
        else:
            status, how = "off_track", f"差距超过{AT_RISK_MARGIN * 100:g}个百分点"
        rule = (
            f"{head}只有两个实际值，实现目标需年均增长{_pct(need)}，{y1}—{y2}年实际年均增长{_pct(seen)}，"
            f"{how}，判定为“{label[status]}”。"
        )
        return status, rule

    done = completion(value, target, direction)
    if reaches(value, target, direction):
        status, how = "on_track", "已达到目标"
    elif done is not None and done >= ONE_POINT_AT_RISK:
        status, how = "at_risk", f"完成率{done * 100:.1f}%，不低于{ONE_POINT_AT_RISK * 100:g}%"
    else:
        rate = "" if done is None else f"完成率{done * 100:.1f}%，"
        status, how = "off_track", f"{rate}低于{ONE_POINT_AT_RISK * 100:g}%"
    rule = f"{head}只有{year}年一个实际值{_num(value)}，无法预测；{how}，判定为“{label[status]}”。"
    return status, rule
