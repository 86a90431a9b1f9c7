"""The qualification ladder: 科技型中小企业 → 高新技术企业 → 创新型中小企业 → 专精特新 → 小巨人 →
上市 ("小升规、规做强、强转股、股上市"). An enterprise stands on the highest rung whose qualification
it holds at a date; the next rung is the one above, and what it lacks is that rung's screening."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
from django.db import connection

from zerobay.registry.models import Enterprise, Industry, OrgUnit, Qualification

from .facts import _fetch, _scope, member_mask
from .screening import Screening, screen


@dataclass(frozen=True)
class Rung:
    code: str
    name: str
    kind: str | None  # registry qualification held on this rung
    rule: str | None  # screening rule of this rung (to climb onto it)
    name_en: str = ""


RUNGS = (
    Rung("none", "未入梯", None, None, "Not on the ladder"),
    Rung("tsme", "科技型中小企业", "tech_sme", "tsme", "Tech-based SME"),
    Rung("hte", "高新技术企业", "hte", "hte", "High-tech enterprise"),
    Rung("innovative_sme", "创新型中小企业", "innovative_sme", "innovative_sme", "Innovative SME"),
    Rung("srdi_sme", "专精特新中小企业", "srdi", "srdi_sme", "Specialised, refined, distinctive SME"),
    Rung("little_giant", "专精特新“小巨人”", "little_giant", "little_giant", "“Little giant”"),
    Rung("listed", "上市企业", "listed", None, "Listed company"),
)
CODES = [r.code for r in RUNGS]


def rung_of(valid: dict[str, np.ndarray], size: int) -> np.ndarray:
    """The index of the highest rung held, per enterprise (0: none)."""
    rung = np.zeros(size, dtype=np.int64)
    for k, r in enumerate(RUNGS[1:], start=1):
        if r.kind in valid:
            rung[valid[r.kind]] = k
    return rung


def _valid_kinds(ids: np.ndarray, day: datetime.date, where: str, params: list) -> dict[str, np.ndarray]:
    q_table, e_table = Qualification._meta.db_table, Enterprise._meta.db_table
    qn = connection.ops.quote_name
    join = f" JOIN {e_table} e ON e.id = q.enterprise_id{where}" if where else ""
    cond = " AND " if where else " WHERE "
    d = connection.ops.adapt_datefield_value(day)
    rows = _fetch(
        f"SELECT q.enterprise_id, q.kind FROM {q_table} q{join}{cond}"  # noqa: S608
        f"(q.{qn('valid_from')} IS NULL OR q.{qn('valid_from')} <= %s) AND (q.{qn('valid_to')} IS NULL OR q.{qn('valid_to')} >= %s)",
        [*params, d, d],
    )
    by_kind: dict[str, list[int]] = {}
    for enterprise_id, kind in rows:
        by_kind.setdefault(kind, []).append(enterprise_id)
    return {kind: member_mask(ids, members) for kind, members in by_kind.items()}


@dataclass
class Ladder:
    ids: np.ndarray
    org_paths: list[str]
    rung: np.ndarray


def ladder_at(day: datetime.date, org_path: str = "") -> Ladder:
    where, params = _scope("e", org_path, None)
    rows = _fetch(f"SELECT e.id, e.org_path FROM {Enterprise._meta.db_table} e{where} ORDER BY e.id", params)  # noqa: S608
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    valid = _valid_kinds(ids, day, where, params)
    return Ladder(ids, [r[1] for r in rows], rung_of(valid, len(ids)))


def _subparks(org_path: str) -> list[OrgUnit]:
    units = OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK).order_by("sort", "path")
    return [u for u in units if u.path.startswith(org_path) or org_path.startswith(u.path)]


def counts_by_subpark(ladder: Ladder, org_path: str = "") -> list[dict]:
    """Rows (org unit, counts per rung), one per sub-park in scope, and one for the unassigned."""
    rows = []
    paths = np.array(ladder.org_paths, dtype=object) if ladder.org_paths else np.array([], dtype=object)
    assigned = np.zeros(len(ladder.ids), dtype=bool)
    for unit in _subparks(org_path):
        mask = np.array([p.startswith(unit.path) for p in paths], dtype=bool) if len(paths) else assigned
        assigned |= mask
        rows.append(
            {
                "code": unit.code,
                "name": unit.name,
                "name_en": unit.name_en,
                "counts": _count(ladder.rung[mask]),
            }
        )
    rest = ~assigned
    if rest.any():
        rows.append(
            {
                "code": "",
                "name": "其他/未分配",
                "name_en": "Other / unassigned",
                "counts": _count(ladder.rung[rest]),
            }
        )
    return rows


def counts_by_track(ladder: Ladder) -> list[dict]:
    m2m = Enterprise.industries.through._meta.db_table
    tracks = list(Industry.objects.filter(level=Industry.Level.TRACK).order_by("sort", "code"))
    links = _fetch(f"SELECT enterprise_id, industry_id FROM {m2m}")  # noqa: S608
    by_track: dict[int, list[int]] = {}
    for enterprise_id, industry_id in links:
        by_track.setdefault(industry_id, []).append(enterprise_id)
    rows = []
    for t in tracks:
        mask = member_mask(ladder.ids, by_track.get(t.id, []))
        if mask.any():
            rows.append(
                {"code": t.code, "name": t.name, "name_en": t.name_en, "counts": _count(ladder.rung[mask])}
            )
    return rows


def _count(rungs: np.ndarray) -> list[int]:
    return [int(n) for n in np.bincount(rungs, minlength=len(RUNGS))]


def flows(year: int, org_path: str = "") -> list[list[int]]:
    """matrix[a][b]: enterprises on rung a at the end of year−1 and on rung b at the end of year."""
    before = ladder_at(datetime.date(year - 1, 12, 31), org_path)
    after = ladder_at(datetime.date(year, 12, 31), org_path)
    n = len(RUNGS)
    pos = np.searchsorted(after.ids, before.ids)
    pos = np.clip(pos, 0, max(len(after.ids) - 1, 0))
    matrix = np.zeros((n, n), dtype=np.int64)
    if len(before.ids):
        same = after.ids[pos] == before.ids
        np.add.at(matrix, (before.rung[same], after.rung[pos[same]]), 1)
    return matrix.tolist()


def candidates(rung_code: str, as_of: datetime.date, org_path: str = "") -> Screening | None:
    """The screening for the rung above `rung_code`, limited to the enterprises standing on `rung_code`."""
    k = CODES.index(rung_code)
    if k + 1 >= len(RUNGS) or RUNGS[k + 1].rule is None:
        return None
    ladder = ladder_at(as_of, org_path)
    on_rung = ladder.ids[ladder.rung == k]
    return screen(RUNGS[k + 1].rule, as_of, org_path, enterprise_ids=on_rung.tolist())


def enterprise_ladder(enterprise: Enterprise, as_of: datetime.date) -> dict:
    """The enterprise's rung, its next rung and that rung's criteria (what it lacks first)."""
    ids = np.array([enterprise.id], dtype=np.int64)
    where, params = _scope("e", "", [enterprise.id])
    k = int(rung_of(_valid_kinds(ids, as_of, where, params), 1)[0])
    result = {"rung": RUNGS[k], "next": None, "status": None, "lacks": [], "criteria": []}
    if k + 1 < len(RUNGS):
        nxt = RUNGS[k + 1]
        result["next"] = nxt
        if nxt.rule:
            screening = screen(nxt.rule, as_of, enterprise_ids=[enterprise.id])
            rows = screening.criteria(0)
            result["status"] = screening.row(0)["status"]
            result["criteria"] = rows
            decisive = {c.id for c in screening.rule.criteria if c.decisive}
            result["lacks"] = [c for c in rows if c["met"] is False and c["id"] in decisive]
    return result
