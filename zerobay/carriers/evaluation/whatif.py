"""What-if: the same carriers re-scored under another weight set, side by side with the declared
ranking. Each indicator's share (what the carrier earned of its weight) stays as evaluated; only
the weights change, so re-scoring is arithmetic in memory, not a second evaluation.

Weight sets: a staff-edited one ({indicator: points at stake}, the same in every carrier type), or
entropy weights (the indicators' shares across the carriers through the indicator engine's
entropy-weight method, zerobay.indicators.evaluation: an indicator on which carriers differ more
weighs more), scaled to the 100 points of the declared set. Bonus points stay as they are."""

from dataclasses import dataclass

from zerobay.indicators.evaluation import Criterion
from zerobay.indicators.evaluation import evaluate as entropy_evaluate

from .run import DIGITS, CarrierResult, Evaluation, competition_ranks
from .schemes import Grade


@dataclass
class Rerank:
    result: CarrierResult  # as declared
    score: float  # under the other weights
    grade: Grade
    rank: int

    @property
    def change(self) -> int:
        """Places gained (positive) or lost (negative)."""
        return self.result.rank - self.rank


def entropy_weights(evaluation: Evaluation) -> dict[str, float]:
    ids = [i.id for i in evaluation.scheme.indicators]
    values = {
        str(r.carrier_id): {ln.id: ln.share for ln in r.lines if ln.dimension != "bonus"}
        for r in evaluation.results
    }
    if not values:
        return {}
    found = entropy_evaluate(values, [Criterion(i, "higher") for i in ids], method="entropy")
    return {i: round(100 * w, DIGITS) for i, w in found.weights.items()}


def rescore(evaluation: Evaluation, weights: dict[str, float]) -> list[Rerank]:
    """Every carrier's score, grade and rank when the indicators of `weights` weigh that much."""
    out = []
    for r in evaluation.results:
        score = 0.0
        for ln in r.lines:
            weight = weights.get(ln.id, ln.weight) if ln.dimension != "bonus" else ln.weight
            score += round(weight * ln.share, DIGITS) if ln.dimension != "bonus" else ln.points
        score = round(score, DIGITS)
        out.append(Rerank(r, score, evaluation.scheme.grade_of(score), 0))
    out.sort(key=lambda x: (-x.score, x.result.name))
    for x, rank in zip(out, competition_ranks([x.score for x in out]), strict=True):
        x.rank = rank
    return out
