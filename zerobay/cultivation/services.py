"""What the cultivation page, the API and the `zerobay cultivation` command read: one screening of a
scope with its status filter and search, and one enterprise's qualifications, each computed here."""

import datetime
from dataclasses import dataclass

import numpy as np

from .rules import RULES
from .screening import STATUSES, Screening, screen

# The qualifications on the home page and an enterprise's page.
HOME_RULES = ("tsme", "hte", "innovative_sme", "srdi_sme", "little_giant", "above_scale")


@dataclass
class ScreeningResult:
    """A screening and the positions asked for (status filter and search applied, display order)."""

    screening: Screening
    positions: np.ndarray

    @property
    def counts(self) -> dict[str, int]:
        return self.screening.counts()

    def as_dict(self, offset: int = 0, limit: int | None = None) -> dict:
        """The contract of the API and of `zerobay cultivation screen --format json` (with count, counts)."""
        end = None if limit is None else offset + limit
        out = self.screening.as_dict(self.positions[offset:end])
        out["count"] = len(self.positions)
        out["counts"] = self.counts
        return out


def screen_scope(
    qualification: str, as_of: datetime.date, org_path: str = "", status: str | None = None, q: str = ""
) -> ScreeningResult:
    """The enterprises of an org subtree against one qualification; `status` None for all of them,
    `q` a part of the name or of the USCC."""
    result = screen(qualification, as_of, org_path)
    positions = result.positions(status if status in STATUSES else None)
    if q := q.strip():
        facts = result.facts
        positions = np.array(
            [p for p in positions if q in facts.names[p] or q.upper() in facts.usccs[p]], dtype=np.int64
        )
    return ScreeningResult(result, positions)


def status_counts(rule_ids, as_of: datetime.date, org_path: str = "") -> list[tuple[str, dict[str, int]]]:
    """(rule id, enterprises per status) of each qualification over a scope (the home page's cards)."""
    return [(rule_id, screen(rule_id, as_of, org_path).counts()) for rule_id in rule_ids]


def enterprise_qualifications(enterprise, as_of: datetime.date, rule_ids=None) -> list[Screening]:
    """One enterprise screened against each qualification (all of them by default); its row is 0."""
    return [screen(rule_id, as_of, enterprise_ids=[enterprise.id]) for rule_id in (rule_ids or RULES)]
