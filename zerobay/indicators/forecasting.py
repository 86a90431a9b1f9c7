"""Forecast an indicator's yearly series to its target years.

Plain data in, plain data out: no Django, no database. The method depends on how much data there is:

* three or more actual values, all positive: a log-linear trend (constant yearly growth), fitted by
  ordinary least squares (statsmodels ``OLS``) on ``log(value) ~ year``; the prediction interval is
  the OLS prediction interval for a new observation (``obs_ci``) at ``level``, exponentiated. The
  point is therefore the trend's median, and the interval is asymmetric around it.
* three or more actual values, some zero or negative: a linear trend (constant yearly change), OLS on
  ``value ~ year``, with the same kind of interval.
* exactly two values: the growth between them is carried forward (constant growth when both are
  positive, else constant change), annualised if the two years are not adjacent; no interval.
* fewer than two values: no forecast.

Years need not be consecutive: the trend is fitted on the actual years as given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm

__all__ = ["METHOD_LABELS", "Forecast", "ForecastPoint", "actuals", "forecast"]

#: Chinese label of each method, for the UI.
METHOD_LABELS: dict[str, str] = {
    "log_linear": "对数线性趋势（年均增速恒定）",
    "linear": "线性趋势（年均增量恒定）",
    "two_point": "两点外推",
    "none": "数据不足，未预测",
}


@dataclass(frozen=True)
class ForecastPoint:
    year: int
    value: float
    low: float | None  # lower bound of the prediction interval; None when no interval can be given
    high: float | None


@dataclass(frozen=True)
class Forecast:
    method: str  # "log_linear" | "linear" | "two_point" | "none"
    points: tuple[ForecastPoint, ...]
    note: str  # Chinese: the method and the data it used, for the UI

    def point(self, year: int) -> ForecastPoint | None:
        """The forecast for ``year``, or None if it was not forecast."""
        return next((p for p in self.points if p.year == year), None)


def actuals(series: Mapping[int, float | None]) -> dict[int, float]:
    """The usable actual values of ``series`` in year order: None and NaN dropped."""
    return {
        int(year): float(value)
        for year, value in sorted(series.items())
        if value is not None and math.isfinite(float(value))
    }


def _span(years: Sequence[int]) -> str:
    return f"{years[0]}–{years[-1]}年共{len(years)}个实际值"


def _pct(rate: float) -> str:
    return f"{rate * 100:+.1f}%"


def forecast(series: Mapping[int, float | None], years: Sequence[int], level: float = 0.8) -> Forecast:
    """Forecast ``series`` ({year: actual value}) for each of ``years``, with a ``level`` interval."""
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    data = actuals(series)
    targets = sorted({int(y) for y in years})
    known = list(data)
    if len(known) < 2:
        return Forecast(
            "none",
            (),
            f"实际值不足两个（现有{len(known)}个），无法预测。",
        )
    if len(known) == 2:
        return _two_point(data, targets)
    return _trend(data, targets, level)


def _two_point(data: dict[int, float], targets: list[int]) -> Forecast:
    (y1, v1), (y2, v2) = data.items()
    gap = y2 - y1
    if v1 > 0 and v2 > 0:
        rate = (math.log(v2) - math.log(v1)) / gap  # in logs: extreme growth must not overflow
        growth = math.expm1(min(rate, 700.0))
        points = tuple(
            ForecastPoint(y, math.exp(min(math.log(v2) + rate * (y - y2), 700.0)), None, None)
            for y in targets
        )
        note = f"仅有{y1}年、{y2}年两个实际值：按两者之间的年均增速（{_pct(growth)}）外推，不给出预测区间。"
    else:
        step = (v2 - v1) / gap
        points = tuple(ForecastPoint(y, v2 + step * (y - y2), None, None) for y in targets)
        note = (
            f"仅有{y1}年、{y2}年两个实际值且含零或负值：按两者之间的年均增量（{step:+.4g}）外推，"
            "不给出预测区间。"
        )
    return Forecast("two_point", points, note)


def _trend(data: dict[int, float], targets: list[int], level: float) -> Forecast:
    years = list(data)
    values = np.array(list(data.values()))
    log = bool((values > 0).all())
    origin = years[0]  # fit on years since the first actual: better conditioned than raw years
    x = sm.add_constant(np.array(years, dtype=float) - origin, has_constant="add")
    y = np.log(values) if log else values
    result = sm.OLS(y, x).fit()
    slope = float(result.params[1])
    points: tuple[ForecastPoint, ...] = ()
    if targets:
        new_x = sm.add_constant(np.array(targets, dtype=float) - origin, has_constant="add")
        # get_prediction/summary_frame do not warn for small samples (summary() would: kurtosistest).
        frame = result.get_prediction(new_x).summary_frame(alpha=1 - level)
        mean = frame["mean"].to_numpy()
        low = frame["obs_ci_lower"].to_numpy()
        high = frame["obs_ci_upper"].to_numpy()
        if log:
            # Clip in logs: a runaway trend must not overflow into a warning.
            mean, low, high = (np.exp(np.minimum(a, 700.0)) for a in (mean, low, high))
        points = tuple(
            ForecastPoint(year, float(m), float(lo), float(hi))
            for year, m, lo, hi in zip(targets, mean, low, high, strict=True)
        )
    interval = f"区间为{level * 100:g}%预测区间。"
    if log:
        note = (
            f"按对数线性趋势（年均增速恒定）以最小二乘法拟合{_span(years)}，"
            f"趋势年均增速{_pct(math.expm1(min(slope, 700.0)))}；{interval}"
        )
        return Forecast("log_linear", points, note)
    note = (
        f"实际值含零或负值，按线性趋势（年均增量恒定）以最小二乘法拟合{_span(years)}，"
        f"趋势年均增量{slope:+.4g}；{interval}"
    )
    return Forecast("linear", points, note)
