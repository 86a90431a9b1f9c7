"""The domain vocabulary: concept groups that tie industrial wording to academic wording.

data/vocabulary.txt holds one concept per line, `概念名 [FIELD]: 词、词=同义词、词`. Every term is taught
to the domain tokenizer; a document that mentions any term of a concept also carries the concept's
token (a loose, topical link: "毛刺" and "缺陷检测" meet on 缺陷检测), and terms joined by `=` are
synonyms (a tight link: a query for "摔倒" also asks for "跌倒").
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "vocabulary.txt"
_LINE = re.compile(r"^(?P<name>[^\[:：]+?)\s*(?:\[(?P<field>[A-Z]+)\])?\s*[:：]\s*(?P<terms>.+)$")


@dataclass(frozen=True)
class Concept:
    name: str
    field: str  # plan field code (AERO, LIFE, INTL, ENER, OCEAN) or "" when the concept is generic
    terms: tuple[str, ...]

    @property
    def token(self) -> str:
        return "§" + self.name


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[Concept, ...]
    by_term: dict[str, tuple[Concept, ...]]
    synonyms: dict[str, tuple[str, ...]]  # term -> its other synonyms

    @property
    def terms(self) -> list[str]:
        return list(self.by_term)

    def concepts_of(self, words) -> list[Concept]:
        """The concepts mentioned by these words, in order of first mention, each once."""
        seen, out = set(), []
        for word in words:
            for concept in self.by_term.get(word, ()):
                if concept.name not in seen:
                    seen.add(concept.name)
                    out.append(concept)
        return out


def parse(text: str) -> Vocabulary:
    concepts, by_term, synonyms = [], {}, {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(f"vocabulary.txt 第 {number} 行格式不对：{raw!r}（应为 概念名 [领域]: 词、词）")
        items = [i.strip().lower() for i in re.split(r"[、,，\s]+", match["terms"]) if i.strip()]
        terms = tuple(dict.fromkeys(t for item in items for t in item.split("=") if t))
        for item in items:
            group = [t for t in item.split("=") if t]
            for term in group:
                synonyms[term] = tuple(
                    dict.fromkeys((*synonyms.get(term, ()), *(t for t in group if t != term)))
                )
        concept = Concept(
            match["name"].strip(), match["field"] or "", (match["name"].strip().lower(), *terms)
        )
        concepts.append(concept)
        for term in concept.terms:
            by_term.setdefault(term, ())
            by_term[term] = (*by_term[term], concept)
    return Vocabulary(tuple(concepts), by_term, synonyms)


@cache
def vocabulary() -> Vocabulary:
    return parse(DATA.read_text(encoding="utf-8"))
