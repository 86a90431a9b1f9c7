"""BM25 legs.

`Bm25s` is the baseline exactly as the project started it: bm25s over jieba words. `WeightedBm25`
is the same Okapi BM25 over a scipy sparse matrix, so a query can weigh its terms (expansions count
less than the words the user wrote) and a document can weigh its fields (title counts twice).
"""

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain

import bm25s
import numpy as np
from scipy import sparse

# bm25s logs "Building index from tokens" at debug level; the demo and the pages do not need to hear it.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class Bm25s:
    def __init__(self, corpus: Sequence[Sequence[str]]):
        self.size = len(corpus)
        self.retriever = bm25s.BM25()
        if self.size:
            # bm25s needs at least one token per document to keep the document numbering.
            self.retriever.index([list(doc) or ["\x00"] for doc in corpus], show_progress=False)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        if not self.size or not query:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(list(query)), dtype=np.float32)


class WeightedBm25:
    def __init__(self, corpus: Sequence[Mapping[str, float]], k1: float = 1.2, b: float = 0.75):
        """corpus: per document, term -> (possibly fractional) count."""
        # Flat arrays built in C (itertools, map, numpy) rather than a Python loop appending to three
        # lists: the index of 100,000 documents holds some ten million (document, term) cells.
        n = len(corpus)
        terms = list(chain.from_iterable(corpus))
        self.vocab: dict[str, int] = {term: j for j, term in enumerate(dict.fromkeys(terms))}
        vocab = self.vocab
        cells = len(terms)
        cols = np.fromiter(map(vocab.__getitem__, terms), np.int64, cells)
        vals = np.fromiter(chain.from_iterable(counts.values() for counts in corpus), np.float64, cells)
        rows = np.repeat(np.arange(n), np.fromiter(map(len, corpus), np.int64, n))
        lengths = np.bincount(rows, weights=vals, minlength=n).astype(np.float64)
        df = np.bincount(cols, minlength=len(vocab)) if cells else np.zeros(0)
        self.idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        avg = lengths.mean() if n else 1.0
        norm = k1 * (1 - b + b * lengths / (avg or 1.0))
        weight = vals * (k1 + 1) / (vals + norm[rows])
        self.matrix = sparse.csc_matrix((weight, (rows, cols)), shape=(n, len(vocab)), dtype=np.float32)
        self.size = n
        self._rows = self._terms = None  # built on first use by pseudo-relevance feedback

    def scores(self, query: Mapping[str, float]) -> np.ndarray:
        cols, weights = [], []
        for term, w in query.items():
            j = self.vocab.get(term)
            if j is not None:
                cols.append(j)
                weights.append(w * self.idf[j])
        if not cols:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.matrix[:, cols] @ np.asarray(weights, dtype=np.float32)).ravel()

    def rows(self) -> sparse.csr_matrix:
        if self._rows is None:
            self._rows = self.matrix.tocsr()
        return self._rows

    def terms(self) -> list[str]:
        if self._terms is None:
            self._terms = list(self.vocab)
        return self._terms

    def idf_of(self, term: str) -> float:
        j = self.vocab.get(term)
        return float(self.idf[j]) if j is not None else 0.0


def counts(*parts: tuple[Sequence[str], float]) -> dict[str, float]:
    """Weighted bag of words from (tokens, weight) parts, e.g. ((title, 2.0), (text, 1.0)).
    Each part is counted by Counter (in C), then weighted once per distinct token."""
    bag: dict[str, float] = {}
    for tokens, weight in parts:
        for token, n in Counter(tokens).items():
            bag[token] = bag.get(token, 0.0) + n * weight
    return bag


def doc_text(doc) -> str:
    return f"{doc.title}\n{doc.text}"


class BaselineLeg:
    """jieba + bm25s over title and text: the baseline every other method is measured against."""

    def __init__(self, docs):
        from .tokenize import plain_words

        self.index = Bm25s([plain_words(doc_text(d)) for d in docs])

    def scores(self, query) -> np.ndarray:
        from .tokenize import plain_words

        return self.index.scores(plain_words(doc_text(query)))


class WordLeg:
    """BM25 over domain words with field weights; with `concepts`, documents and queries also carry the
    concept tokens of the vocabulary (the synonym leg)."""

    # The field label is left to structured re-scoring: as words it would outweigh the content.
    TITLE, KEYWORDS, TEXT, EXTRA = 2.0, 2.0, 1.0, 0.5

    def __init__(self, docs, *, concepts: bool, concept_weight: float = 1.0, synonym_weight: float = 0.8):
        self.concepts = concepts
        self.concept_weight = concept_weight
        self.synonym_weight = synonym_weight
        self.index = WeightedBm25([self.bag(d, concept_weight=1.0) for d in docs])

    def bag(self, doc, *, concept_weight: float, synonym_weight: float = 0.0) -> dict[str, float]:
        from .tokenize import domain_words
        from .vocabulary import vocabulary

        parts = [
            (domain_words(doc.title), self.TITLE),
            (domain_words(" ".join(doc.keywords)), self.KEYWORDS),
            (domain_words(doc.text), self.TEXT),
            (domain_words(doc.extra), self.EXTRA),
        ]
        if self.concepts:
            words = [w for tokens, _ in parts for w in tokens]
            parts.append(([c.token for c in vocabulary().concepts_of(words)], concept_weight))
            if synonym_weight:
                synonyms = vocabulary().synonyms
                parts.append(
                    ([s for w in set(words) for s in synonyms.get(w, ()) if s not in words], synonym_weight)
                )
        return counts(*parts)

    def doc_words(self, i: int) -> list[str]:
        """The domain words of document `i` as indexed (concept tokens left out), for the reasons: read
        from its row of the index rather than by tokenising the document again."""
        rows, terms = self.index.rows(), self.index.terms()
        return [
            w for w in (terms[j] for j in rows.indices[rows.indptr[i] : rows.indptr[i + 1]]) if w[0] != "§"
        ]

    def query_bag(self, query) -> dict[str, float]:
        return self.bag(query, concept_weight=self.concept_weight, synonym_weight=self.synonym_weight)

    def scores(self, query) -> np.ndarray:
        return self.index.scores(self.query_bag(query))
