"""Character n-gram leg: BM25 over Chinese character bigrams and trigrams.

It needs no dictionary, so it survives jieba cutting the same term differently on both sides
(锂电极片 vs 电池极片 share 极片) and new words no vocabulary knows yet.
"""

import numpy as np

from .bm25 import WeightedBm25, counts
from .tokenize import char_ngrams


def _bag(doc) -> dict[str, float]:
    return counts(
        (char_ngrams(doc.title), 2.0),
        (char_ngrams(" ".join(doc.keywords)), 2.0),
        (char_ngrams(doc.text), 1.0),
        (char_ngrams(doc.extra), 0.5),
    )


class NgramLeg:
    def __init__(self, docs):
        self.index = WeightedBm25([_bag(d) for d in docs])

    def scores(self, query) -> np.ndarray:
        return self.index.scores(_bag(query))
