"""Evaluating the carriers of a scheme for a year: every indicator's value, share, points and where
the value came from; bonus items; score, grade, rank; statements that disagree with the residents'
own data flagged; the consecutive-fails rule. Computed on request from the stored data, not stored.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zerobay.registry.models import Carrier

from ..models import CarrierStatistics
from ..residents import Facts, Panel, computed_figures, load_panel
from . import formulas
from .schemes import STATEMENT_FIELDS, Grade, Scheme
from .scoring import share

DIGITS = 2


@dataclass
class Line:
    """One indicator (or bonus item) of one carrier."""

    id: str
    label: str
    dimension: str  # "bonus" for a bonus item
    value: float | None
    points: float
    weight: float  # the points at stake
    source: str
    stated: float | None = None  # the carrier's statement of the same figure, where there is one
    flagged: bool = False  # statement and computed value differ beyond the tolerance
    share: float = 0.0


@dataclass
class CarrierResult:
    carrier_id: int
    name: str
    kind: str
    kind_label: str
    weight_set: str
    score: float
    grade: Grade
    rank: int = 0
    lines: list[Line] = field(default_factory=list)
    has_statement: bool = False
    fails_in_a_row: int = 0
    cancelled: bool = False  # the consecutive-fails rule applies
    residents: int = 0
    previous_score: float | None = None  # the year before, under the same scheme (year-on-year)
    previous_rank: int | None = None

    @property
    def rank_change(self) -> int | None:
        """Places gained since the year before (negative: lost)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    @property
    def flags(self) -> list[Line]:
        return [line for line in self.lines if line.flagged]

    def dimension_shares(self, scheme: Scheme) -> dict[str, float]:
        """Per dimension, the points earned as a percentage of the points at stake (the radar)."""
        out = {}
        for d in scheme.dimensions:
            lines = [ln for ln in self.lines if ln.dimension == d.id]
            stake = sum(ln.weight for ln in lines)
            out[d.id] = round(100 * sum(ln.points for ln in lines) / stake, 1) if stake else 0.0
        return out


@dataclass
class Evaluation:
    scheme: Scheme
    year: int
    results: list[CarrierResult]  # in rank order

    def as_json(self) -> dict:
        """The contract of `zerobay carriers evaluate --format json`."""
        return {
            "scheme": self.scheme.id,
            "year": self.year,
            "carriers": [
                {
                    "carrier": r.name,
                    "type": r.kind,
                    "score": r.score,
                    "grade": r.grade.grade,
                    "rank": r.rank,
                    "indicators": [
                        {
                            "id": ln.id,
                            "label": ln.label,
                            "value": ln.value,
                            "points": ln.points,
                            "weight": ln.weight,
                            "source": ln.source,
                        }
                        for ln in r.lines
                    ],
                }
                for r in self.results
            ],
        }

    def medians(self, kind_of: str) -> dict[str, float]:
        """The median dimension shares of the carriers of one weight set (the radar's reference)."""
        peers = [r.dimension_shares(self.scheme) for r in self.results if r.weight_set == kind_of]
        return {
            d.id: statistics.median(p[d.id] for p in peers) if peers else 0.0 for d in self.scheme.dimensions
        }


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of scores sorted from the highest: equal scores share a rank ("1224")."""
    ranks: list[int] = []
    for position, score in enumerate(scores, start=1):
        ranks.append(position if position == 1 or score != scores[position - 2] else ranks[-1])
    return ranks


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _round(v: float | None, digits: int = 4) -> float | None:
    return None if v is None else round(v, digits)


def _statement_row(carrier: dict, stats: CarrierStatistics | None) -> dict:
    row = {k: None for k in STATEMENT_FIELDS}
    if stats is not None:
        for k in STATEMENT_FIELDS:
            v = getattr(stats, k, None)
            row[k] = None if v is None else float(v)
    row["high_quality"] = 1.0 if carrier["quality"] == Carrier.Quality.HIGH_QUALITY else 0.0
    row["national"] = 1.0 if carrier["level"] == Carrier.Level.NATIONAL else 0.0
    row["municipal"] = 1.0 if carrier["level"] == Carrier.Level.MUNICIPAL else 0.0
    return row


def _differs(scheme: Scheme, stated: float | None, computed: float | None) -> bool:
    if stated is None or computed is None:
        return False
    allowed = max(scheme.tolerance_relative * abs(computed), scheme.tolerance_absolute)
    return abs(stated - computed) > allowed


def _source(indicator, year: int, stats: CarrierStatistics | None, residents: int) -> str:
    used = indicator.formula.sources
    parts = []
    if "carrier" in used:
        parts.append(
            _("statement: import #%(batch)s row %(row)s") % {"batch": stats.batch_id, "row": stats.source_row}
            if stats is not None
            else _("statement: not filed for %(year)s") % {"year": year}
        )
    if used & {"verified", "residents"}:
        parts.append(
            _("residents: %(n)s firms' Torch annual reports %(year)s, qualifications and financing")
            % {"n": residents, "year": year}
        )
    return "; ".join(parts)


def evaluate(
    year: int,
    scheme: Scheme,
    *,
    carrier_ids: list[int] | None = None,
    previous: bool = True,
    facts: Facts | None = None,
) -> Evaluation:
    """Evaluates the carriers of the scheme's kinds (or `carrier_ids` among them) for `year`. Peers
    (minmax, median benchmarks) and ranks are always over every carrier of the scheme, so that a
    carrier's score does not depend on who asks."""
    carriers = list(
        Carrier.objects.filter(kind__in=scheme.kinds)
        .order_by("name", "id")
        .values("id", "name", "kind", "focus", "quality", "level")
    )
    ids = [c["id"] for c in carriers]
    statements = {s.carrier_id: s for s in CarrierStatistics.objects.filter(year=year, carrier_id__in=ids)}
    panel: Panel = load_panel(year, ids, facts)
    english = _english()
    kind_labels = dict(Carrier.Kind.choices)

    # 1. Values of every indicator for every carrier.
    values: dict[int, dict[str, tuple[float | None, float | None]]] = {}
    sources: dict[int, formulas.Rows] = {}
    for c in carriers:
        residents = panel.residents.get(c["id"], [])
        rows: formulas.Rows = {
            "carrier": [_statement_row(c, statements.get(c["id"]))],
            "verified": [computed_figures(panel, c["id"])],
            "residents": [{**r.values, "above_scale": r.above_scale} for r in residents],
        }
        sources[c["id"]] = rows
        values[c["id"]] = {
            i.id: (
                formulas.value(i.formula, rows),
                formulas.value(i.statement, rows) if i.statement is not None else None,
            )
            for i in scheme.indicators
        }

    # 2. Peers per weight set, for minmax and median benchmarks.
    sets = {c["id"]: scheme.weight_set(c["focus"]) for c in carriers}
    peers: dict[tuple[str, str], list[float]] = defaultdict(list)
    for c in carriers:
        for i in scheme.indicators:
            v = values[c["id"]][i.id][0]
            if v is not None:
                peers[sets[c["id"]], i.id].append(v)

    # 3. Points, bonus, score, grade.
    results = []
    for c in carriers:
        cid, weight_set = c["id"], sets[c["id"]]
        stats = statements.get(cid)
        n = len(panel.residents.get(cid, ()))
        lines = []
        for i in scheme.indicators:
            computed, stated = values[cid][i.id]
            weight = i.weights[weight_set]
            part = share(i.scoring, computed, peers[weight_set, i.id])
            flagged = _differs(scheme, stated, computed)
            source = _source(i, year, stats, n)
            if i.statement is not None:
                source += "; " + (
                    _("stated %(value)s") % {"value": "—" if stated is None else f"{stated:g}"}
                    + (" " + _("(differs beyond the tolerance: flagged)") if flagged else "")
                )
            lines.append(
                Line(
                    i.id,
                    i.label_en if english else i.label,
                    i.dimension,
                    _round(computed),
                    round(weight * part, DIGITS),
                    weight,
                    source,
                    _round(stated),
                    flagged,
                    part,
                )
            )
        for b in scheme.bonuses:
            v = formulas.value(b.formula, sources[cid])
            earned = v is not None and v >= b.at_least
            lines.append(
                Line(
                    b.id,
                    b.label_en if english else b.label,
                    "bonus",
                    _round(v),
                    b.points if earned else 0.0,
                    b.points,
                    _source_bonus(b, stats, year),
                    share=1.0 if earned else 0.0,
                )
            )
        score = round(sum(ln.points for ln in lines), DIGITS)
        results.append(
            CarrierResult(
                cid,
                c["name"],
                c["kind"],
                str(kind_labels.get(c["kind"], c["kind"])),
                weight_set,
                score,
                scheme.grade_of(score),
                lines=lines,
                has_statement=stats is not None,
                residents=n,
            )
        )

    # 4. Rank: score descending, equal scores share a rank (1, 2, 2, 4); then name for the order.
    results.sort(key=lambda r: (-r.score, r.name))
    for r, rank in zip(results, competition_ranks([r.score for r in results]), strict=True):
        r.rank = rank

    # 5. Consecutive fails: this year's fail and the years before.
    if previous and scheme.consecutive_fails > 1:
        earlier = [
            {r.carrier_id: r for r in evaluate(year - k, scheme, previous=False, facts=panel.facts).results}
            for k in range(1, scheme.consecutive_fails)
        ]
        for r in results:
            last = earlier[0].get(r.carrier_id)
            if last is not None and last.has_statement:
                r.previous_score, r.previous_rank = last.score, last.rank
            run = 0
            if r.grade.fail:
                run = 1
                for past in earlier:
                    p = past.get(r.carrier_id)
                    if p is None or not p.has_statement or not p.grade.fail:
                        break
                    run += 1
            r.fails_in_a_row = run
            r.cancelled = run >= scheme.consecutive_fails and r.has_statement
    if carrier_ids is not None:
        wanted = set(carrier_ids)
        results = [r for r in results if r.carrier_id in wanted]
    return Evaluation(scheme, year, results)


def _source_bonus(bonus, stats, year: int) -> str:
    if "carrier" in bonus.formula.sources and bonus.formula.report_fields().get("carrier", set()) <= {
        "high_quality",
        "national",
        "municipal",
    }:
        return _("carrier registry")
    if stats is None:
        return _("statement: not filed for %(year)s") % {"year": year}
    return _("statement: import #%(batch)s row %(row)s") % {"batch": stats.batch_id, "row": stats.source_row}
