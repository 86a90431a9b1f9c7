"""Composite evaluation of sub-parks (园区综合评价): normalise, weight, score, rank.

Plain data in, plain data out: no Django, no database; deterministic (same input, same output).
Every step is kept in the result so that the UI can show how a score came about:

1. Normalisation, per criterion, across the units: min-max to 0..100, direction-aware
   (higher-is-better: (x - min) / (max - min) x 100; lower-is-better: (max - x) / (max - min) x 100).
   If every unit with a value has the same value, each of them gets 100. A missing value gets 0 and
   is listed in ``Evaluation.missing``.
2. Weights, summing to 1:
   * ``expert``: the criteria's own weights (any positive scale), divided by their sum;
   * ``entropy`` (entropy-weight method): with the normalised values shifted by ``SHIFT`` points to avoid
     log 0, p_ij = x_ij / sum_i x_ij, e_j = -sum_i p_ij ln p_ij / ln n, d_j = 1 - e_j and
     w_j = d_j / sum_j d_j: a criterion on which the units differ more weighs more. If no criterion
     discriminates (every d_j is 0, e.g. a single unit), the weights are equal and a note says so.
3. Score: sum_j w_j x_ij, from 0 to 100.
4. Rank: by score descending, then unit code; equal scores share a rank ("1224" competition ranking).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["DIRECTIONS", "METHODS", "METHOD_NOTES", "SHIFT", "Criterion", "Evaluation", "evaluate"]

DIRECTIONS = ("higher", "lower")
METHODS = ("expert", "entropy")
SHIFT = 0.01  # points added to every normalised value (0..100) before the entropy logarithm
_ZERO = 1e-12  # a divergence below this is no discrimination (float noise of equal columns)
_DIGITS = 9  # scores equal to this many decimals tie

_NORMALISATION = (
    "各指标先在参评单位间做极差标准化，折算为0～100分：越高越好的指标为（值－最小值）÷（最大值－最小值）×100，"
    "越低越好的指标为（最大值－值）÷（最大值－最小值）×100；各单位数值相同时均记100分；缺失值记0分并标注。"
)
_SCORING = "综合得分为各指标得分的加权和（0～100分），按得分从高到低排名，得分相同名次相同（如1、2、2、4）。"

METHOD_NOTES: dict[str, str] = {
    "expert": _NORMALISATION + "权重采用专家赋权：各指标的专家权重按其总和归一，使权重之和为1。" + _SCORING,
    "entropy": _NORMALISATION
    + f"权重采用熵权法：标准化得分加{SHIFT:g}分以免取对数为零，计算各单位在该指标上的占比p，"
    "信息熵e＝－Σp·ln p÷ln n（n为单位数），差异系数d＝1－e，权重为d除以各指标d之和；"
    "单位间差异越大的指标权重越高；各指标均无差异时取等权重。" + _SCORING,
}


@dataclass(frozen=True)
class Criterion:
    indicator: str  # indicator id
    direction: str  # "higher" | "lower": which way is better
    weight: float | None = None  # expert weight, any positive scale (needed by the "expert" method)


@dataclass(frozen=True)
class Evaluation:
    method: str
    weights: dict[str, float]  # {indicator: weight}, summing to 1, in criteria order
    normalised: dict[str, dict[str, float]]  # {unit: {indicator: 0..100}}
    scores: dict[str, float]  # {unit: 0..100}, in rank order
    ranks: dict[str, int]  # {unit: 1..n}, in rank order; ties share a rank
    missing: dict[str, list[str]]  # {unit: [indicator, ...]} for units with missing values only
    notes: list[str]  # Chinese: how the figures were obtained, and any fallback taken


def _usable(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def _normalise(
    values: Mapping[str, Mapping[str, float | None]], units: list[str], criterion: Criterion
) -> dict[str, float | None]:
    """{unit: 0..100, or None if missing} for one criterion."""
    column = {unit: values[unit].get(criterion.indicator) for unit in units}
    present = {unit: float(v) for unit, v in column.items() if _usable(v)}
    if not present:
        return dict.fromkeys(units)
    low, high = min(present.values()), max(present.values())
    span = high - low
    result: dict[str, float | None] = {}
    for unit in units:
        if unit not in present:
            result[unit] = None
        elif span == 0:
            result[unit] = 100.0
        elif criterion.direction == "higher":
            result[unit] = (present[unit] - low) / span * 100
        else:
            result[unit] = (high - present[unit]) / span * 100
    return result


def _expert_weights(criteria: Sequence[Criterion]) -> dict[str, float]:
    raw = {}
    for criterion in criteria:
        weight = criterion.weight
        if weight is None or not math.isfinite(weight) or weight < 0:
            raise ValueError(f"expert weight of {criterion.indicator!r} must be a non-negative number")
        raw[criterion.indicator] = float(weight)
    total = sum(raw.values())
    if criteria and total <= 0:
        raise ValueError("expert weights must not all be zero")
    return {indicator: weight / total for indicator, weight in raw.items()}


def _entropy_weights(
    normalised: dict[str, dict[str, float]], units: list[str], indicators: list[str], notes: list[str]
) -> dict[str, float]:
    n = len(units)
    divergence: dict[str, float] = {}
    for indicator in indicators:
        if n < 2:
            divergence[indicator] = 0.0
            continue
        shifted = [normalised[unit][indicator] + SHIFT for unit in units]
        total = sum(shifted)
        entropy = -sum(x / total * math.log(x / total) for x in shifted) / math.log(n)
        d = 1 - entropy
        divergence[indicator] = d if d > _ZERO else 0.0
    total = sum(divergence.values())
    if indicators and total == 0:
        notes.append("各指标在参评单位间均无差异（或参评单位不足两个），熵权法无法区分，采用等权重。")
        return dict.fromkeys(indicators, 1 / len(indicators))
    return {indicator: d / total for indicator, d in divergence.items()}


def _rank(scores: dict[str, float]) -> tuple[dict[str, float], dict[str, int]]:
    order = sorted(scores, key=lambda unit: (-round(scores[unit], _DIGITS), unit))
    ranks: dict[str, int] = {}
    previous: float | None = None
    for position, unit in enumerate(order, start=1):
        key = round(scores[unit], _DIGITS)
        ranks[unit] = ranks[order[position - 2]] if key == previous else position
        previous = key
    return {unit: scores[unit] for unit in order}, ranks


def evaluate(
    values: Mapping[str, Mapping[str, float | None]],
    criteria: Sequence[Criterion],
    method: str = "expert",
) -> Evaluation:
    """Score and rank the units of ``values`` ({unit code: {indicator id: value}}) on ``criteria``."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    indicators = [c.indicator for c in criteria]
    if len(set(indicators)) != len(indicators):
        raise ValueError("each indicator may be a criterion only once")
    for criterion in criteria:
        if criterion.direction not in DIRECTIONS:
            raise ValueError(f"direction of {criterion.indicator!r} must be one of {DIRECTIONS}")

    units = sorted(values)
    normalised: dict[str, dict[str, float]] = {unit: {} for unit in units}
    missing: dict[str, list[str]] = {}
    for criterion in criteria:
        for unit, x in _normalise(values, units, criterion).items():
            if x is None:
                missing.setdefault(unit, []).append(criterion.indicator)
                x = 0.0
            normalised[unit][criterion.indicator] = x

    notes = [METHOD_NOTES[method]]
    if method == "expert":
        weights = _expert_weights(criteria)
    else:
        weights = _entropy_weights(normalised, units, indicators, notes)
    if missing:
        notes.append(f"有{len(missing)}个单位存在缺失值，缺失项记0分。")

    raw = {unit: sum(weights[i] * normalised[unit][i] for i in indicators) for unit in units}
    scores, ranks = _rank({unit: min(100.0, max(0.0, score)) for unit, score in raw.items()})
    return Evaluation(
        method=method,
        weights=weights,
        normalised=normalised,
        scores=scores,
        ranks=ranks,
        missing={unit: missing[unit] for unit in units if unit in missing},
        notes=notes,
    )
