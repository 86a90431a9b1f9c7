"""Screening: every enterprise of a scope against one qualification at an as-of date.

Status, per enterprise: `holds` (a valid certificate at the date), `eligible` (no decisive criterion
unmet and at least one met, or a direct route such as a valid HTE for the tech-based SME), `near`
(exactly one decisive criterion unmet: its message gives the gap) or `not_eligible`. Criteria the
data cannot decide stay "to be confirmed" (met = None): they never pass silently, nor do they block.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from zerobay.language import BilingualLabels

from .facts import Facts, load_facts
from .rules import MET, RULES, UNMET, Outcome, Rule

STATUSES = ("holds", "eligible", "near", "not_eligible")
HOLDS, ELIGIBLE, NEAR, NOT_ELIGIBLE = range(4)
STATUS_LABELS = BilingualLabels(
    {"holds": "已持有", "eligible": "符合条件", "near": "差一项", "not_eligible": "暂不符合"},
    {
        "holds": "Holds it",
        "eligible": "Eligible",
        "near": "One criterion short",
        "not_eligible": "Not eligible yet",
    },
)


class UnknownQualification(ValueError):
    pass


def get_rule(qualification: str) -> Rule:
    try:
        return RULES[qualification]
    except KeyError:
        known = ", ".join(RULES)
        raise UnknownQualification(
            _("Unknown qualification “%(value)s”; known: %(known)s")
            % {"value": qualification, "known": known}
        ) from None


@dataclass
class Screening:
    rule: Rule
    facts: Facts
    outcomes: list[Outcome]
    status: np.ndarray  # int8 index into STATUSES
    merit: np.ndarray  # the status on the data alone, a certificate held left aside
    unmet: np.ndarray  # decisive criteria unmet, per enterprise

    @property
    def as_of(self) -> datetime.date:
        return self.facts.as_of

    def counts(self) -> dict[str, int]:
        found = np.bincount(self.status, minlength=len(STATUSES))
        return {s: int(found[k]) for k, s in enumerate(STATUSES)}

    def positions(self, status: str | None = None) -> np.ndarray:
        """Positions in display order: by status, then by name."""
        pos = (
            np.arange(self.facts.size)
            if status is None
            else np.flatnonzero(self.status == STATUSES.index(status))
        )
        names = self.facts.names
        return np.array(sorted(pos, key=lambda i: (self.status[i], names[i])), dtype=np.int64)

    def position_of(self, enterprise_id: int) -> int | None:
        pos = int(np.searchsorted(self.facts.ids, enterprise_id))
        return pos if pos < self.facts.size and self.facts.ids[pos] == enterprise_id else None

    def criteria(self, pos: int) -> list[dict]:
        rows = []
        for criterion, outcome in zip(self.rule.criteria, self.outcomes, strict=True):
            met = int(outcome.met[pos])
            rows.append(
                {
                    "id": criterion.id,
                    "label": criterion.label,
                    "met": None if met not in (MET, UNMET) else met == MET,
                    "value": _plain(outcome.value[pos]),
                    "threshold": _plain(outcome.threshold_at(pos)),
                    "message": outcome.explain(pos),
                }
            )
        return rows

    def gap(self, pos: int) -> str:
        """The message of the one unmet decisive criterion of a near enterprise."""
        for criterion, outcome in zip(self.rule.criteria, self.outcomes, strict=True):
            if criterion.decisive and outcome.met[pos] == UNMET:
                return outcome.explain(pos)
        return ""

    def row(self, pos: int) -> dict:
        f = self.facts
        return {
            "uscc": f.usccs[pos],
            "name": f.names[pos],
            "org_unit": f.org_codes[pos],
            "status": STATUSES[self.status[pos]],
            "criteria": self.criteria(pos),
        }

    def as_dict(self, positions=None) -> dict:
        """The contract of `zerobay cultivation screen --format json`."""
        positions = self.positions() if positions is None else positions
        return {
            "qualification": self.rule.id,
            "as_of": self.as_of.isoformat(),
            "enterprises": [self.row(int(p)) for p in positions],
        }


def _plain(value):
    """A JSON-ready value: numpy numbers to Python ones, NaN to None, whole floats kept as floats."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def evaluate(rule: Rule, facts: Facts) -> Screening:
    outcomes = [c.evaluate(facts) for c in rule.criteria]
    decisive = [o.met for c, o in zip(rule.criteria, outcomes, strict=True) if c.decisive]
    stack = np.vstack(decisive) if decisive else np.zeros((0, facts.size), dtype=np.int8)
    unmet = (stack == UNMET).sum(axis=0)
    met_any = (stack == MET).any(axis=0)
    status = np.full(facts.size, NOT_ELIGIBLE, dtype=np.int8)
    status[unmet == 1] = NEAR
    eligible = (unmet == 0) & met_any
    if rule.direct is not None:
        eligible |= rule.direct(facts)
    status[eligible] = ELIGIBLE
    merit = status.copy()
    status[rule.holds(facts)] = HOLDS
    return Screening(rule, facts, outcomes, status, merit, unmet)


def screen(qualification: str, as_of: datetime.date, org_path: str = "", enterprise_ids=None) -> Screening:
    """Screens the enterprises of an org subtree ("" for all), or the given ids."""
    rule = get_rule(qualification)
    return evaluate(rule, load_facts(as_of, org_path, enterprise_ids))
