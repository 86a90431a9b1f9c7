"""Scoring functions: an indicator's value → the share (0..1) of its weight it earns.

- thresholds: `steps = [[threshold, share], ...]`; the highest threshold the value reaches gives its
  share (with `direction = "lower"`, the lowest threshold the value stays at or under). Steps read as
  the increments of the national system: ≥1 → 0.4, ≥2 → 0.7, ≥3 → 1.
- linear: `from` → 0, `to` → 1, in between proportionally, clamped (a fixed-range normalisation;
  `from` > `to` when lower is better).
- minmax: normalised across the carriers evaluated together: (x − min) / (max − min); all equal → 1.
- benchmark: the ratio to a benchmark, capped at 1: a number, or "median" of the carriers of the
  same type evaluated together.
A missing value (no statement, or a division by zero) earns nothing.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

METHODS = ("thresholds", "linear", "minmax", "benchmark")


@dataclass(frozen=True)
class Scoring:
    method: str
    steps: tuple[tuple[float, float], ...] = ()
    low: float = 0.0  # linear: the value worth 0
    high: float = 1.0  # linear: the value worth 1
    benchmark: float | str = "median"
    lower_is_better: bool = False

    def describe(self) -> str:
        if self.method == "thresholds":
            sign = "≤" if self.lower_is_better else "≥"
            return "; ".join(f"{sign}{t:g} → {s:.0%}" for t, s in self.steps)
        if self.method == "linear":
            return f"{self.low:g} → 0%, {self.high:g} → 100%"
        if self.method == "benchmark":
            return f"÷ {self.benchmark}"
        return "min-max"


def scoring_from(data: dict, where: str) -> Scoring:
    method = data.get("method")
    if method not in METHODS:
        raise ValueError(f"{where}: scoring method {method!r}, use one of {', '.join(METHODS)}")
    lower = data.get("direction", "higher") == "lower"
    if method == "thresholds":
        steps = tuple((float(t), float(s)) for t, s in data["steps"])
        if not steps or any(not 0 <= s <= 1 for _, s in steps):
            raise ValueError(f"{where}: thresholds need steps with shares between 0 and 1")
        return Scoring(method, steps=tuple(sorted(steps, reverse=lower)), lower_is_better=lower)
    if method == "linear":
        return Scoring(method, low=float(data["from"]), high=float(data["to"]))
    if method == "benchmark":
        benchmark = data.get("benchmark", "median")
        if benchmark != "median" and not isinstance(benchmark, int | float):
            raise ValueError(f'{where}: a benchmark is a number or "median"')
        return Scoring(method, benchmark=benchmark)
    return Scoring(method, lower_is_better=lower)


def share(scoring: Scoring, value: float | None, peers: Sequence[float]) -> float:
    """The share of the weight `value` earns; `peers` are the values of the carriers evaluated with
    it (same scheme and type), for minmax and a median benchmark."""
    if value is None:
        return 0.0
    if scoring.method == "thresholds":
        earned = 0.0
        for threshold, part in scoring.steps:
            reached = value <= threshold if scoring.lower_is_better else value >= threshold
            if reached:
                earned = max(earned, part)
        return earned
    if scoring.method == "linear":
        if scoring.high == scoring.low:
            return 1.0 if value >= scoring.high else 0.0
        return min(1.0, max(0.0, (value - scoring.low) / (scoring.high - scoring.low)))
    if scoring.method == "minmax":
        low, high = (min(peers), max(peers)) if peers else (value, value)
        if high == low:
            return 1.0
        part = (value - low) / (high - low)
        return 1.0 - part if scoring.lower_is_better else part
    benchmark = statistics.median(peers) if scoring.benchmark == "median" and peers else scoring.benchmark
    if not isinstance(benchmark, int | float) or benchmark <= 0:
        return 1.0 if value > 0 else 0.0
    return min(1.0, max(0.0, value / benchmark))
