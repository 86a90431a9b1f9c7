"""Where a free-text 技术领域 / 所属行业 sits in the industry plan: (field code, track code).

Reads the registry's taxonomy file directly (plain data, no Django), so the engine runs anywhere.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .tokenize import domain_words
from .vocabulary import vocabulary

TAXONOMY = Path(__file__).resolve().parents[2] / "data" / "industries.json"

# TRL implied by the stage words of item 1 (实验室 / 小试 / 中试 / 产业化).
STAGE_TRL = {"实验室": 3, "小试": 5, "中试": 7, "产业化": 9}


@dataclass(frozen=True)
class Place:
    field: str = ""  # AERO, LIFE, INTL, ENER, OCEAN
    track: str = ""  # e.g. ENER-STO-T
    label: str = ""  # the Chinese name of the most precise node found

    def __bool__(self) -> bool:
        return bool(self.field)


@cache
def _nodes() -> tuple[dict, dict, list]:
    nodes = [n for n in json.loads(TAXONOMY.read_text(encoding="utf-8"))["nodes"] if n["scheme"] == "plan"]
    by_code = {n["code"]: n for n in nodes}
    by_name_len = sorted(nodes, key=lambda n: -len(n["name"]))
    return by_code, {n["code"]: _field_of(n, by_code) for n in nodes}, by_name_len


def _field_of(node: dict, by_code: dict) -> str:
    while node["parent"]:
        node = by_code[node["parent"]]
    return node["code"]


def _place(node: dict) -> Place:
    by_code, field_of, _ = _nodes()
    track = node["code"] if node["level"] == "track" else ""
    if node["level"] == "sector":
        tracks = [n for n in by_code.values() if n["parent"] == node["code"]]
        track = tracks[0]["code"] if len(tracks) == 1 else ""
    return Place(field_of[node["code"]], track, node["name"])


@cache
def locate(text: str) -> Place:
    """The plan field (and track when clear) named by a code, a plan name, or failing that the vocabulary."""
    text = (text or "").strip()
    if not text:
        return Place()
    by_code, _, by_name_len = _nodes()
    if text.upper() in by_code:
        return _place(by_code[text.upper()])
    for node in by_name_len:  # longest names first: 商业航天 the track before 航天 anything
        if node["name"] in text or node["name"].split("（")[0] in text:
            return _place(node)
    fields = [c.field for c in vocabulary().concepts_of(domain_words(text)) if c.field]
    if fields:
        field = max(set(fields), key=fields.count)
        return Place(field, "", by_code[field]["name"])
    return Place()


def maturity_of(value) -> int | None:
    """TRL 1-9 from a number or a stage word; None when unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 9 else None
    text = str(value)
    for word, trl in STAGE_TRL.items():
        if word in text:
            return trl
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits and 1 <= int(digits) <= 9 else None
