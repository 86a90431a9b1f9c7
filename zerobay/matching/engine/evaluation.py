"""The evaluation set (evalset/*.txt) and the ranking metrics reported by benchmarks/matching_eval.py.

Metrics, averaged over demands: nDCG@10 with graded gains 2^g - 1; Recall@20 and MRR counting an
achievement as relevant when graded 2 or 3 (solves the demand or its main part).
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import Doc

EVALSET = Path(__file__).parent / "evalset"
PARTS = ("tuned", "heldout")
RELEVANT = 2

_TOPIC = re.compile(r"^##\s+(?P<id>\S+)\s+(?P<name>[^|]+?)\s*\|\s*(?P<track>\S+)\s*$")
_ITEM = re.compile(r"^(?P<kind>D|A[0-3])\s+(?P<body>.+)$")
_LINK = re.compile(r"^R\s+(?P<topic>\S+)\s+(?P<grade>[0-3])\s*$")


@dataclass
class EvalSet:
    achievements: list[Doc] = field(default_factory=list)
    demands: dict[str, list[Doc]] = field(default_factory=dict)  # part -> demands
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)  # demand key -> achievement key -> grade


def _cells(body: str, n: int, where: str) -> list[str]:
    cells = [c.strip() for c in body.split("|")]
    if len(cells) != n or not cells[0]:
        raise ValueError(f"{where}：应有 {n} 栏（用 | 分隔），实际 {len(cells)} 栏")
    return cells


def load(parts: Sequence[str] = PARTS, directory: Path = EVALSET) -> EvalSet:
    data = EvalSet()
    topics: dict[str, dict] = {}
    links: list[tuple[str, str, int]] = []
    for part in parts:
        data.demands[part] = []
        path = directory / f"{part}.txt"
        topic = None
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            where = f"{path.name} 第 {number} 行"
            if not line or (line.startswith("#") and not line.startswith("##")):
                continue
            if m := _TOPIC.match(line):
                topic = topics.setdefault(m["id"], {"track": m["track"], "demands": [], "graded": {}})
                continue
            if topic is None:
                raise ValueError(f"{where}：条目之前缺少 ## 主题行")
            topic_id = next(k for k, v in topics.items() if v is topic)
            if m := _LINK.match(line):
                links.append((topic_id, m["topic"], int(m["grade"])))
            elif m := _ITEM.match(line):
                if m["kind"] == "D":
                    title, text, industry = _cells(m["body"], 3, where)
                    doc = Doc(f"{topic_id}-d{len(topic['demands']) + 1}", title, text, field=industry)
                    topic["demands"].append(doc)
                    data.demands[part].append(doc)
                else:
                    title, text, tech_field, trl = _cells(m["body"], 4, where)
                    key = f"{topic_id}-a{len(topic['graded']) + 1}"
                    data.achievements.append(Doc(key, title, text, field=tech_field, maturity=int(trl)))
                    topic["graded"][key] = int(m["kind"][1])
            else:
                raise ValueError(f"{where}：无法识别的行 {raw!r}")
    for topic in topics.values():
        for demand in topic["demands"]:
            data.qrels[demand.key] = {k: g for k, g in topic["graded"].items() if g > 0}
    for source, target, grade in links:
        for demand in topics[source]["demands"]:
            for key, g in topics[target]["graded"].items():
                if g >= RELEVANT:
                    data.qrels[demand.key][key] = max(data.qrels[demand.key].get(key, 0), grade)
    return data


def ndcg(ranked: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: Sequence[str], grades: dict[str, int], k: int = 20) -> float:
    relevant = {key for key, g in grades.items() if g >= RELEVANT}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr(ranked: Sequence[str], grades: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, key in enumerate(ranked) if grades.get(key, 0) >= RELEVANT), 0.0)


@dataclass(frozen=True)
class Scores:
    ndcg10: float
    recall20: float
    mrr: float
    queries: int


def evaluate(
    rank: Callable[[Doc], list[str]], demands: Sequence[Doc], qrels: dict[str, dict[str, int]]
) -> Scores:
    """Mean metrics of a ranking function (demand -> achievement keys, best first, at least 20 deep)."""
    rows = [(ranked, qrels[d.key]) for d in demands for ranked in [rank(d)]]
    n = len(rows) or 1
    return Scores(
        sum(ndcg(r, g) for r, g in rows) / n,
        sum(recall(r, g) for r, g in rows) / n,
        sum(mrr(r, g) for r, g in rows) / n,
        len(rows),
    )


def ranker(matcher, depth: int = 50) -> Callable[[Doc], list[str]]:
    """A Matcher as the ranking function `evaluate` takes."""
    return lambda query: [matcher.docs[i].key for i, _ in matcher.ranking(query, depth)]
