"""Reasons a person can check: the terms both texts use, concepts they share in other words, and the
structured facts (track, field, maturity) behind the score."""

from .taxonomy import STAGE_TRL, locate, maturity_of
from .tokenize import domain_words
from .vocabulary import vocabulary

STAGE_OF = {trl: stage for stage, trl in STAGE_TRL.items()}


def words_of(doc) -> list[str]:
    return domain_words(" ".join((doc.title, " ".join(doc.keywords), doc.text, doc.extra)))


def _stage(trl: int) -> str:
    stage = next((STAGE_OF[t] for t in sorted(STAGE_OF) if trl <= t), "产业化")
    return f"TRL {trl}（{stage}阶段）"


def explain(query, doc, idf=lambda term: 1.0, limit: int = 6, q_words=None, d_words=None) -> tuple[str, ...]:
    """`q_words` and `d_words`, when the caller has them (the query's once per search, a document's from
    the index it was built into), spare tokenising the texts again for every hit."""
    reasons = []
    q_words = words_of(query) if q_words is None else q_words
    d_words = words_of(doc) if d_words is None else d_words
    shared = set(q_words) & set(d_words)
    # Drop a shared word that is part of a longer shared word (检测 inside 视觉检测).
    shared = {w for w in shared if not any(w != v and w in v for v in shared)}
    if shared:
        ranked = sorted(shared, key=lambda w: (-idf(w), q_words.index(w)))[:limit]
        reasons.append("共同术语：" + "、".join(ranked))
    vocab = vocabulary()
    q_concepts = {c.name: c for c in vocab.concepts_of(q_words)}
    d_concepts = {c.name for c in vocab.concepts_of(d_words)}
    bridged = []
    for name in q_concepts:
        if name not in d_concepts:
            continue
        q_terms = [w for w in dict.fromkeys(q_words) if w in q_concepts[name].terms and w not in shared]
        d_terms = [w for w in dict.fromkeys(d_words) if w in q_concepts[name].terms and w not in shared]
        if q_terms and d_terms:
            bridged.append(f"{q_terms[0]}≈{d_terms[0]}（{name}）")
    if bridged:
        reasons.append("相关概念：" + "；".join(bridged[:limit]))
    q_place, d_place = locate(query.track) or locate(query.field), locate(doc.track) or locate(doc.field)
    if q_place.track and q_place.track == d_place.track:
        reasons.append(f"赛道一致：{d_place.label}")
    elif q_place.field and q_place.field == d_place.field:
        reasons.append(f"领域一致：{locate(q_place.field).label}")
    wanted, have = maturity_of(query.maturity), maturity_of(doc.maturity)
    if have and wanted:
        verdict = "满足" if have >= wanted else "低于"
        reasons.append(f"成熟度：{_stage(have)}，{verdict}需求的 TRL {wanted}")
    elif have:
        reasons.append(f"成熟度：{_stage(have)}")
    return tuple(reasons)
