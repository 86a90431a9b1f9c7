"""Where published figures contradict each other or themselves.

Four rules (their ids are a contract with the views and the API):

- ``sources_disagree``: one indicator, scope, year and kind (actual, plan or target) given by two
  sources with values that differ by more than rounding.
- ``implied_by_growth``: a stated growth rate implies last year's value (value / (1 + growth));
  it differs from an actual recorded for that year.
- ``rate_mismatch``: a stated compound annual growth rate does not follow from the base-year
  figure and the target: ((value / base) ** (1 / years) - 1) differs by more than 0.1 point.
- ``parts_do_not_sum``: the parts of a total (same year, kind, source and scope) do not add up.

"Beyond rounding" means both: the values differ by more than 0.5 % (relative), and they remain
apart after each is widened by half a unit of its last stated digit. "about" (左右、约) widens a
value by 2 %; "at_least" and "more_than" make it a lower bound.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .published import Figure

RULES = ("sources_disagree", "implied_by_growth", "rate_mismatch", "parts_do_not_sum")
RELATIVE = 0.005  # 0.5 %: closer than this is the same figure
ABOUT = 0.02  # 左右、约: ±2 %
RATE_POINTS = 0.1  # percentage points a stated CAGR may be off

_KIND_ZH = {"actual": "实际值", "plan": "计划值", "target": "目标值"}
_KIND_EN = {"actual": "actual", "plan": "plan", "target": "target"}
_BOUND = ("at_least", "more_than")


@dataclass(frozen=True)
class Conflict:
    rule: str
    indicator: str
    scope: str
    year: int
    message: str  # Chinese
    message_en: str
    figures: tuple[Figure, ...]
    values: dict[str, float]


def find_conflicts(
    figures: Iterable[Figure], parts: Mapping[str, Sequence[str]] | None = None
) -> list[Conflict]:
    """Every conflict among the figures, in a stable order (rule, indicator, scope, year)."""
    figures = sorted(figures, key=_figure_order)
    found = [
        *_sources_disagree(figures),
        *_implied_by_growth(figures),
        *_rate_mismatch(figures),
        *_parts_do_not_sum(figures, parts or {}),
    ]
    return sorted(found, key=lambda c: (RULES.index(c.rule), c.indicator, c.scope, c.year, c.message))


# --- ranges ----------------------------------------------------------------------------------------


def _half_unit(value: Decimal) -> float:
    """Half a unit of the last stated digit: 505.3 -> 0.05, 1200 -> 0.5."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return 0.5 * 10.0**-places


def _nominal(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "about":
        return value * (1 - ABOUT), value * (1 + ABOUT)
    if qualifier in _BOUND:
        return value, math.inf
    return value, value


def _widen(low: float, high: float, by: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "more_than":  # "超300" is above 300 however it was rounded
        return low, high
    return low - by, high + by


def _ranges(figure: Figure) -> tuple[tuple[float, float], tuple[float, float]]:
    """(nominal range, range widened by rounding) of a figure's value."""
    value = float(figure.value)
    nominal = _nominal(value, figure.qualifier)
    return nominal, _widen(*nominal, _half_unit(figure.value), figure.qualifier)


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two ranges; 0 when they overlap."""
    return max(0.0, b[0] - a[1], a[0] - b[1])


def _apart(
    nominal_a: tuple[float, float],
    rounded_a: tuple[float, float],
    nominal_b: tuple[float, float],
    rounded_b: tuple[float, float],
) -> bool:
    """Differ beyond rounding: apart after widening by the last digit, and by more than 0.5 %."""
    if _gap(rounded_a, rounded_b) <= 0:
        return False
    scale = max(abs(x) for x in (*nominal_a, *nominal_b) if math.isfinite(x))
    return _gap(nominal_a, nominal_b) > RELATIVE * scale


# --- formatting ------------------------------------------------------------------------------------


def _figure_order(f: Figure) -> tuple:
    return (f.indicator, f.scope, f.year, f.kind, f.published, f.source, f.location)


def _plain(value: Decimal | float) -> str:
    """A stated value as written (12.00 stays 12.00); a computed one with at most two decimals."""
    if isinstance(value, Decimal):
        return format(value, "f")
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".")


def _shown_zh(f: Figure) -> str:
    prefix = {"about": "约", "at_least": "不低于", "more_than": "超"}.get(f.qualifier, "")
    return f"{prefix}{_plain(f.value)}{f.unit}"


def _shown_en(f: Figure) -> str:
    prefix = {"about": "about ", "at_least": "at least ", "more_than": "more than "}.get(f.qualifier, "")
    return f"{prefix}{_plain(f.value)} {f.unit}"


def _cite(f: Figure) -> str:
    return f"{f.source}（{f.published.isoformat()}）"


def _cite_en(f: Figure) -> str:
    return f"{f.source} ({f.published.isoformat()})"


def _values_by_source(figures: Iterable[Figure], values: dict[str, float] | None = None) -> dict[str, float]:
    values = {} if values is None else values
    for f in figures:
        key, n = f.source, 2
        while key in values:
            key, n = f"{f.source}#{n}", n + 1
        values[key] = float(f.value)
    return values


# --- rules -----------------------------------------------------------------------------------------


def _sources_disagree(figures: list[Figure]) -> list[Conflict]:
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.value is not None:
            groups[(f.indicator, f.scope, f.year, f.kind)].append(f)
    conflicts = []
    for (indicator, scope, year, kind), group in groups.items():
        if len({f.source for f in group}) < 2:
            continue
        ranges = [_ranges(f) for f in group]
        odd = False
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                if a.source != group[j].source and _apart(*ranges[i], *ranges[j]):
                    odd = True
        if not odd:
            continue
        group = sorted(group, key=lambda f: (f.published, f.source, f.location))
        zh = "；".join(f"{_cite(f)}为{_shown_zh(f)}" for f in group)
        en = "; ".join(f"{_cite_en(f)}: {_shown_en(f)}" for f in group)
        conflicts.append(
            Conflict(
                rule="sources_disagree",
                indicator=indicator,
                scope=scope,
                year=year,
                message=f"{indicator}（{scope}）{year}年{_KIND_ZH[kind]}各来源不一致：{zh}。",
                message_en=f"{indicator} ({scope}) {year} {_KIND_EN[kind]}: the sources disagree: {en}.",
                figures=tuple(group),
                values=_values_by_source(group),
            )
        )
    return conflicts


def _implied_range(f: Figure) -> tuple[tuple[float, float], tuple[float, float]]:
    """(nominal, rounded) range of last year's value implied by a figure's value and growth."""
    growth, half_growth = float(f.growth), _half_unit(f.growth)
    (low, high), (r_low, r_high) = _ranges(f)
    nominal = (low / (1 + growth / 100), high / (1 + growth / 100))
    rounded = (r_low / (1 + (growth + half_growth) / 100), r_high / (1 + (growth - half_growth) / 100))
    return nominal, rounded


def _implied_by_growth(figures: list[Figure]) -> list[Conflict]:
    actuals: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.kind == "actual" and f.value is not None:
            actuals[(f.indicator, f.scope, f.year)].append(f)
    conflicts = []
    for f in figures:
        if f.growth is None or f.value is None or f.growth <= -100:
            continue
        previous = [a for a in actuals.get((f.indicator, f.scope, f.year - 1), []) if a is not f]
        if not previous:
            continue
        implied_nominal, implied_rounded = _implied_range(f)
        off = [a for a in previous if _apart(implied_nominal, implied_rounded, *_ranges(a))]
        if not off:
            continue
        implied = float(f.value) / (1 + float(f.growth) / 100)
        bound = "不低于" if f.qualifier in _BOUND else ("约" if f.qualifier == "about" else "")
        bound_en = "at least " if f.qualifier in _BOUND else ("about " if f.qualifier == "about" else "")
        previous = sorted(previous, key=lambda a: (a.published, a.source, a.location))
        zh = "；".join(f"{_cite(a)}记为{_shown_zh(a)}（{'不符' if a in off else '相符'}）" for a in previous)
        en = "; ".join(
            f"{_cite_en(a)} records {_shown_en(a)} ({'does not match' if a in off else 'matches'})"
            for a in previous
        )
        change = f"同比增长{_plain(f.growth)}%" if f.growth >= 0 else f"同比下降{_plain(-f.growth)}%"
        change_en = f"up {_plain(f.growth)}%" if f.growth >= 0 else f"down {_plain(-f.growth)}%"
        year = f.year - 1
        conflicts.append(
            Conflict(
                rule="implied_by_growth",
                indicator=f.indicator,
                scope=f.scope,
                year=year,
                message=(
                    f"{f.indicator}（{f.scope}）{year}年实际值：按{_cite(f)}{f.year}年{_KIND_ZH[f.kind]}"
                    f"{_shown_zh(f)}、{change}推算为{bound}{implied:.2f}{f.unit}；{zh}。"
                ),
                message_en=(
                    f"{f.indicator} ({f.scope}) {year} actual: {_cite_en(f)} gives {f.year} "
                    f"{_KIND_EN[f.kind]} {_shown_en(f)} {change_en}, which implies {bound_en}"
                    f"{implied:.2f} {f.unit}; {en}."
                ),
                figures=(f, *previous),
                values=_values_by_source(
                    previous,
                    {"implied": round(implied, 2), "growth": float(f.growth), "value": float(f.value)},
                ),
            )
        )
    return conflicts


def _rate_mismatch(figures: list[Figure]) -> list[Conflict]:
    by_year: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.value is not None and f.qualifier not in _BOUND:
            by_year[(f.indicator, f.scope, f.year)].append(f)
    conflicts = []
    for f in figures:
        if f.cagr is None or f.cagr_from is None or f.value is None or f.qualifier in _BOUND:
            continue
        bases = by_year.get((f.indicator, f.scope, f.cagr_from), [])
        # the base the document itself gives, else an actual of the base year from another source
        base = next((b for b in bases if b.source == f.source), None) or next(
            (b for b in bases if b.kind == "actual"), None
        )
        years = f.year - f.cagr_from
        if base is None or years <= 0 or base.value <= 0 or f.value <= 0:
            continue
        recomputed = ((float(f.value) / float(base.value)) ** (1 / years) - 1) * 100
        stated = float(f.cagr)
        if abs(recomputed - stated) <= RATE_POINTS:
            continue
        base_zh = "" if base.source == f.source else _cite(base)
        base_en = "" if base.source == f.source else f" ({_cite_en(base)})"
        conflicts.append(
            Conflict(
                rule="rate_mismatch",
                indicator=f.indicator,
                scope=f.scope,
                year=f.year,
                message=(
                    f"{f.indicator}（{f.scope}）{f.year}年{_KIND_ZH[f.kind]}：{_cite(f)}所列复合增长率"
                    f"{_plain(f.cagr)}%，与{base_zh}{base.year}年{_shown_zh(base)}至{f.year}年"
                    f"{_shown_zh(f)}推算的{recomputed:.2f}%不符。"
                ),
                message_en=(
                    f"{f.indicator} ({f.scope}) {f.year} {_KIND_EN[f.kind]}: {_cite_en(f)} states a CAGR of"
                    f" {_plain(f.cagr)}%, but {_shown_en(base)} in {base.year}{base_en} to"
                    f" {_shown_en(f)} in {f.year} is {recomputed:.2f}% a year."
                ),
                figures=(base, f),
                values={
                    "stated": stated,
                    "recomputed": round(recomputed, 2),
                    "base": float(base.value),
                    "value": float(f.value),
                },
            )
        )
    return conflicts


def _parts_do_not_sum(figures: list[Figure], parts: Mapping[str, Sequence[str]]) -> list[Conflict]:
    index: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.value is not None:
            index[(f.indicator, f.scope, f.year, f.kind, f.source)].append(f)
    conflicts = []
    for total_id in sorted(parts):
        part_ids = list(dict.fromkeys(parts[total_id]))
        for f in figures:
            if f.indicator != total_id or f.value is None or f.qualifier in _BOUND:
                continue
            key = (f.scope, f.year, f.kind, f.source)
            found = {p: index[(p, *key)][0] for p in part_ids if index.get((p, *key))}
            if not found:
                continue
            involved = [f, *found.values()]
            complete = len(found) == len(part_ids) and all(p.qualifier not in _BOUND for p in found.values())
            total = float(f.value)
            summed = sum(float(p.value) for p in found.values())
            relative = ABOUT if any(x.qualifier == "about" for x in involved) else RELATIVE
            rounding = sum(_half_unit(x.value) for x in involved)
            allowed = max(relative * abs(total), rounding)
            # with parts missing or given as lower bounds, the parts may only fall short of the total
            excess = abs(summed - total) if complete else summed - total
            if excess <= allowed:
                continue
            listed = "、".join(f"{p}={_shown_zh(found[p])}" for p in found)
            listed_en = ", ".join(f"{p} = {_shown_en(found[p])}" for p in found)
            missing = [p for p in part_ids if p not in found]
            missing_zh = f"（缺 {'、'.join(missing)}）" if missing else ""
            missing_en = f" (missing {', '.join(missing)})" if missing else ""
            values = {p: float(x.value) for p, x in found.items()}
            values.update({"sum": round(summed, 4), "total": total})
            conflicts.append(
                Conflict(
                    rule="parts_do_not_sum",
                    indicator=total_id,
                    scope=f.scope,
                    year=f.year,
                    message=(
                        f"{total_id}（{f.scope}）{f.year}年{_KIND_ZH[f.kind]}：{_cite(f)}合计为"
                        f"{_shown_zh(f)}，各分项{listed}{missing_zh}之和为{_plain(summed)}{f.unit}。"
                    ),
                    message_en=(
                        f"{total_id} ({f.scope}) {f.year} {_KIND_EN[f.kind]}: {_cite_en(f)} gives a total of"
                        f" {_shown_en(f)}, but its parts {listed_en}{missing_en} add up to"
                        f" {_plain(summed)} {f.unit}."
                    ),
                    figures=tuple(involved),
                    values=values,
                )
            )
    return conflicts
