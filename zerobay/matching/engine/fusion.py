"""Fusion of the legs' scores into one ranking."""

from collections.abc import Sequence

import numpy as np


def weighted(scores: Sequence[np.ndarray], weights: Sequence[float]) -> np.ndarray:
    """Each leg's scores divided by that leg's best score for this query, then a weighted sum.
    Max-normalising keeps the scale of one leg (BM25 grows with query length) from drowning another."""
    total = np.zeros_like(scores[0], dtype=np.float32)
    for s, w in zip(scores, weights, strict=True):
        top = float(s.max()) if s.size else 0.0
        if top > 0:
            total += w * (s / top)
    return total


def rrf(scores: Sequence[np.ndarray], k: int = 60, depth: int = 200) -> np.ndarray:
    """Reciprocal rank fusion over each leg's top `depth` documents."""
    total = np.zeros_like(scores[0], dtype=np.float32)
    for s in scores:
        n = min(depth, int((s > 0).sum()))
        if n == 0:
            continue
        best = np.argpartition(-s, n - 1)[:n] if n < s.size else np.arange(s.size)
        best = best[np.argsort(-s[best], kind="stable")]
        total[best] += 1.0 / (k + np.arange(1, n + 1))
    return total
