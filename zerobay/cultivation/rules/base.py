"""What a qualification rule is: a declared list of named criteria, each evaluated over the facts
of every enterprise at once (zerobay.cultivation.facts), giving per enterprise met / not met /
cannot decide, the value, the threshold and a Chinese explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..facts import Facts, Known

MET, UNMET, UNKNOWN = 1, 0, -1


@dataclass
class Outcome:
    met: np.ndarray  # int8: MET, UNMET or UNKNOWN (the data cannot decide: "to be confirmed")
    value: np.ndarray  # float64 (NaN: unknown) or object
    threshold: float | np.ndarray | None
    explain: Callable[[int], str]  # the Chinese message for the enterprise at a position

    def threshold_at(self, pos: int):
        if isinstance(self.threshold, np.ndarray):
            return self.threshold[pos]
        return self.threshold


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str  # Chinese
    evaluate: Callable[[Facts], Outcome]
    decisive: bool = True  # counts towards the status; a points component or a shortcut does not


@dataclass(frozen=True)
class Rule:
    id: str  # the contract of --qualification
    name: str  # Chinese
    source: str  # the official document the criteria follow
    criteria: tuple[Criterion, ...]
    holds: Callable[[Facts], np.ndarray]  # holds the qualification at the as-of date
    direct: Callable[[Facts], np.ndarray] | None = None  # qualifies outright (e.g. a valid HTE)
    kind: str = ""  # registry QualificationType of its certificate ("" for 规上)


def tri(met: np.ndarray, known: np.ndarray) -> np.ndarray:
    return np.where(known, np.where(met, MET, UNMET), UNKNOWN).astype(np.int8)


def holding(kind: str) -> Callable[[Facts], np.ndarray]:
    return lambda facts: facts.holds(kind)


def at_least(num: np.ndarray, den: np.ndarray, percent: int | np.ndarray) -> np.ndarray:
    """num / den ≥ percent %, exactly, in integers (den > 0)."""
    return num * 100 >= den * percent


def share(num: Known, den: Known) -> tuple[np.ndarray, np.ndarray]:
    """(num / den as floats, known): known where both are and den > 0."""
    known = num.known & den.known & (den.values > 0)
    value = np.full(len(known), np.nan)
    value[known] = num.values[known] / den.values[known]
    return value, known


def points(value_pct: np.ndarray, bands: tuple[tuple[int, int], ...], num, den) -> np.ndarray:
    """Points of the first band (percent, points) whose percent num/den reaches, exactly; 0 if none."""
    result = np.zeros(len(num), dtype=np.int64)
    done = np.zeros(len(num), dtype=bool)
    for percent, score in bands:
        hit = ~done & at_least(num, den, percent)
        result[hit] = score
        done |= hit
    return result


# -- how numbers read in the messages ---------------------------------------------------------


def pct(x: float) -> str:
    """0.042 → "4.2%"; 0.05 → "5%"."""
    return f"{x * 100:.2f}".rstrip("0").rstrip(".") + "%"


def pp(x: float) -> str:
    """A gap in percentage points: 0.008 → "0.8"."""
    return f"{x * 100:.2f}".rstrip("0").rstrip(".")


def wan(cents: int | float) -> str:
    """Cents as 万元: 123456789 → "123.46万元"."""
    return f"{cents / 1_000_000:,.2f}".rstrip("0").rstrip(".") + "万元"


def years_text(years) -> str:
    years = sorted(int(y) for y in years if y)
    if not years:
        return ""
    return f"{years[0]}年" if len(years) == 1 else f"{years[0]}–{years[-1]}年"


NO_REPORT = "评价日前没有火炬统计年报，无法判断"
NO_PROFILE = "企业画像中没有{what}（请导入企业画像），无法判断"


def to_be_confirmed(message: str) -> Callable[[Facts], Outcome]:
    """A criterion no data of the platform can decide: always listed, always "to be confirmed"."""

    def evaluate(facts: Facts) -> Outcome:
        unknown = np.full(facts.size, UNKNOWN, dtype=np.int8)
        return Outcome(unknown, np.full(facts.size, np.nan), None, lambda i: message)

    return evaluate


def bounded(lower: np.ndarray, upper: np.ndarray, passing: int, strictly: bool = False) -> np.ndarray:
    """MET when even the lower bound passes, UNMET when even the upper bound fails, else UNKNOWN."""
    if strictly:
        passes_low, fails_high = lower > passing, upper <= passing
    else:
        passes_low, fails_high = lower >= passing, upper < passing
    return np.where(passes_low, MET, np.where(fails_high, UNMET, UNKNOWN)).astype(np.int8)


def registered_years(years: int, label: str) -> Callable[[Facts], Outcome]:
    """Registered at least `years` years before the as-of date: the platform's measure of the years
    an enterprise has worked in its niche (the rules ask for the latter; the message says so)."""

    def evaluate(facts: Facts) -> Outcome:
        known = facts.registered > 0
        days = np.where(known, facts.as_of.toordinal() - facts.registered, 0)
        need = round(365.25 * years)
        met = days >= need

        def explain(i):
            if not known[i]:
                return NO_PROFILE.format(what="注册时间")
            head = f"注册已 {days[i] / 365.25:.1f} 年（以注册时间计{label}）"
            return head if met[i] else f"{head}，还差 {need - days[i]} 天满 {years} 年"

        return Outcome(tri(met, known), np.where(known, days / 365.25, np.nan), float(years), explain)

    return evaluate
