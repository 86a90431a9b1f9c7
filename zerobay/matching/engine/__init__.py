"""Matching engine: ranks achievements for a demand (or demands for an achievement) by meaning.

Plain Python, no Django. Build a `Matcher` over documents once, then `search` it with any number of
queries. Methods, each measured by benchmarks/matching_eval.py on the evaluation set in evalset/:

- "bm25": jieba + bm25s over title and text, the baseline;
- "bm25+vocab": BM25 over jieba words that know the domain vocabulary, title and keywords weighted;
- "bm25+synonyms": the same, documents and queries also carrying the vocabulary's concepts, and
  queries its synonyms;
- "ngram": BM25 over characters, character bigrams and trigrams;
- "dense": cosine of BM25-weighted average word vectors (general Chinese word2vec shipped in a package);
- "fusion": bm25+synonyms, ngram, dense and the baseline fused (max-normalised weighted sum);
- "fusion+feedback": fusion, then pseudo-relevance feedback on the word leg and fusion again;
- "best": fusion+feedback, then structured re-scoring (track, field, maturity). The default.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import feedback, fusion
from .bm25 import BaselineLeg, WordLeg
from .embedding import DenseLeg
from .ngram import NgramLeg
from .reasons import explain, words_of
from .rescoring import Structure


@dataclass(frozen=True)
class Doc:
    key: str  # 成果编号 / 需求编号 / any id
    title: str
    text: str = ""  # abstract / description
    field: str = ""  # one of the 5 plan fields or free text (技术领域 / 所属行业)
    track: str = ""  # registry track code or name, optional
    maturity: int | None = None  # TRL 1-9 when known
    keywords: tuple[str, ...] = ()
    extra: str = ""  # other text worth matching (holder, cooperation mode...)


@dataclass(frozen=True)
class Hit:
    key: str
    score: float
    reasons: tuple[str, ...]  # Chinese, checkable by a person


METHODS: tuple[str, ...] = (
    "bm25",
    "bm25+vocab",
    "bm25+synonyms",
    "ngram",
    "dense",
    "fusion",
    "fusion+feedback",
    "best",
)
FUSED = ("fusion", "fusion+feedback", "best")

# Fusion weights of the legs, tuned on the tuned part of the evaluation set only.
WORD_WEIGHT, NGRAM_WEIGHT, BASELINE_WEIGHT, DENSE_WEIGHT = 1.0, 0.6, 0.5, 1.0
DENSE_EVIDENCE = 0.65  # cosine from which the dense leg alone makes a document a match


class Matcher:
    def __init__(self, docs: Sequence[Doc], method: str = "best"):
        if method not in METHODS:
            raise ValueError(f"未知的匹配方法 {method!r}，可选：{', '.join(METHODS)}")
        self.docs = list(docs)
        self.method = method
        self.baseline = self.words = self.ngrams = self.dense = self.structure = None
        if method in ("bm25", *FUSED):
            self.baseline = BaselineLeg(self.docs)
        if method in ("bm25+vocab", "bm25+synonyms", "dense", *FUSED):
            self.words = WordLeg(self.docs, concepts=method != "bm25+vocab")
        if method in ("ngram", *FUSED):
            self.ngrams = NgramLeg(self.docs)
        if method in ("dense", *FUSED):
            self.dense = DenseLeg(self.words.index)
        if method == "best":
            self.structure = Structure(self.docs)

    def scores(self, query: Doc) -> np.ndarray:
        """One relevance score per document (0 = nothing in common)."""
        if not self.docs:
            return np.zeros(0, dtype=np.float32)
        if self.method == "dense":
            return self.dense.scores(self.words.query_bag(query))
        if self.method not in FUSED:
            leg = self.baseline or self.words or self.ngrams
            return leg.scores(query)
        bag = self.words.query_bag(query)
        grams, chars = self.ngrams.parts(query)
        legs = [
            self.words.index.scores(bag),
            grams + self.ngrams.unigrams * chars,
            self.baseline.scores(query),
            self.dense.scores(bag),
        ]
        # A document matches when it shares a word or a character sequence, or is close in meaning;
        # single characters and weak vector similarity, which relate almost everything, only reorder.
        evidence = (legs[0] > 0) | (grams > 0) | (legs[2] > 0) | (legs[3] >= DENSE_EVIDENCE)
        weights = (WORD_WEIGHT, NGRAM_WEIGHT, BASELINE_WEIGHT, DENSE_WEIGHT)
        scores = fusion.weighted(legs, weights)
        if self.method != "fusion":
            legs[0] = self.words.index.scores(feedback.expand(self.words.index, bag, scores))
            scores = fusion.weighted(legs, weights)
        scores = scores * evidence
        if self.structure is not None:
            scores = scores * self.structure.factor(query)
        return scores

    def ranking(self, query: Doc, top: int = 10) -> list[tuple[int, float]]:
        """(document index, score) of the best `top` documents with a positive score, best first."""
        scores = self.scores(query)
        n = min(top, int((scores > 0).sum()))
        if n <= 0:
            return []
        best = np.argpartition(-scores, n - 1)[:n] if n < scores.size else np.flatnonzero(scores > 0)
        best = sorted(best, key=lambda i: (-scores[i], i))[:n]
        return [(int(i), float(scores[i])) for i in best]

    def search(self, query: Doc, top: int = 10) -> list[Hit]:
        """The best `top` documents for the query, best first, each with a score and its reasons."""
        idf = self.words.index.idf_of if self.words is not None else (lambda term: 1.0)
        q_words = words_of(query)
        return [
            Hit(
                self.docs[i].key,
                round(score, 4),
                explain(
                    query,
                    self.docs[i],
                    idf,
                    q_words=q_words,
                    d_words=self.words.doc_words(i) if self.words is not None else None,
                ),
            )
            for i, score in self.ranking(query, top)
        ]


def search_text(docs: Sequence[Doc], text: str, top: int = 20, method: str = "best") -> list[Hit]:
    """Free-text search (the hall's search box) over documents: a one-off Matcher."""
    return Matcher(docs, method).search(Doc(key="q", title=text), top)
