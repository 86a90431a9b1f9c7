"""What the cultivation page, the API and the `zerobay cultivation` command read: one screening of a
scope with its status filter and search, and one enterprise's qualifications, each computed here."""

import datetime
from dataclasses import dataclass

import numpy as np
from django.db.models import Q

from zerobay.registry.models import Enterprise
from zerobay.web.versions import per_version

from .certificates import certificate_watch
from .ladder import counts_by_subpark, counts_by_track, flows, ladder_at
from .rules import RULES
from .screening import STATUSES, Screening, get_rule, screen

# The qualifications on the home page and an enterprise's page.
HOME_RULES = ("tsme", "hte", "innovative_sme", "srdi_sme", "little_giant", "above_scale")
CERTIFICATES_WITHIN = 180  # days ahead the certificates page looks by default


@dataclass
class ScreeningIndex:
    """A scope screened against one qualification, reduced to what a list page needs: the enterprise
    ids in display order (by status, then name) and their statuses. Cached per data version, so that a
    page of 50 at 250,000 enterprises never screens the whole scope again."""

    qualification: str
    as_of: datetime.date
    ids: np.ndarray
    status: np.ndarray  # int8 index into STATUSES, per id

    def counts(self) -> dict[str, int]:
        found = np.bincount(self.status, minlength=len(STATUSES))
        return {s: int(found[k]) for k, s in enumerate(STATUSES)}


def screening_index(qualification: str, as_of: datetime.date, org_path: str = "") -> ScreeningIndex:
    def build():
        result = screen(qualification, as_of, org_path)
        order = result.positions()
        return ScreeningIndex(qualification, as_of, result.facts.ids[order], result.status[order])

    index = per_version("cultivation:index", (qualification, as_of, org_path), build)
    assert isinstance(index, ScreeningIndex)  # noqa: S101 (for the type checker: the cache is untyped)
    return index


@dataclass
class ScreeningResult:
    """The enterprises asked for (status filter and search applied, display order) of a screening;
    the rows of a page are screened on their own, for those enterprises only."""

    index: ScreeningIndex
    ids: np.ndarray
    org_path: str = ""

    @property
    def rule(self):
        return RULES[self.index.qualification]

    @property
    def counts(self) -> dict[str, int]:
        return self.index.counts()

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, ids) -> list[dict]:
        """The rows of these enterprises (in this order), each with its criteria and, when near, its gap."""
        ids = [int(i) for i in ids]
        if not ids:
            return []
        result = screen(self.index.qualification, self.index.as_of, enterprise_ids=ids)
        rows = []
        for enterprise_id in ids:
            pos = result.position_of(enterprise_id)
            if pos is None:
                continue
            row = result.row(pos)
            row["gap"] = result.gap(pos) if row["status"] == "near" else ""
            rows.append(row)
        return rows

    def full(self) -> tuple[Screening, np.ndarray]:
        """The whole scope screened, and the positions asked for: what the xlsx export writes."""
        result = screen(self.index.qualification, self.index.as_of, self.org_path)
        return result, np.searchsorted(result.facts.ids, self.ids)

    def as_dict(self, offset: int = 0, limit: int | None = None) -> dict:
        """The contract of the API and of `zerobay cultivation screen --format json` (with count, counts)."""
        end = None if limit is None else offset + limit
        rows = self.rows(self.ids[offset:end])
        for row in rows:
            row.pop("gap", None)
        return {
            "qualification": self.index.qualification,
            "as_of": self.index.as_of.isoformat(),
            "enterprises": rows,
            "count": len(self.ids),
            "counts": self.counts,
        }


def screen_scope(
    qualification: str, as_of: datetime.date, org_path: str = "", status: str | None = None, q: str = ""
) -> ScreeningResult:
    """The enterprises of an org subtree against one qualification; `status` None for all of them,
    `q` a part of the name or of the USCC."""
    get_rule(qualification)  # an unknown qualification says so before anything is computed
    index = screening_index(qualification, as_of, org_path)
    ids = index.ids if status not in STATUSES else index.ids[index.status == STATUSES.index(status)]
    if q := q.strip():
        found = Enterprise.objects.filter(org_path__startswith=org_path).filter(
            Q(name__contains=q) | Q(uscc__contains=q.upper())
        )
        ids = ids[np.isin(ids, np.fromiter(found.values_list("id", flat=True), dtype=np.int64))]
    return ScreeningResult(index, ids, org_path)


def status_counts(rule_ids, as_of: datetime.date, org_path: str = "") -> list[tuple[str, dict[str, int]]]:
    """(rule id, enterprises per status) of each qualification over a scope (the home page's cards)."""
    return [(rule_id, screening_index(rule_id, as_of, org_path).counts()) for rule_id in rule_ids]


def enterprise_qualifications(enterprise, as_of: datetime.date, rule_ids=None) -> list[Screening]:
    """One enterprise screened against each qualification (all of them by default); its row is 0."""
    return [screen(rule_id, as_of, enterprise_ids=[enterprise.id]) for rule_id in (rule_ids or RULES)]


def certificates(as_of: datetime.date, within: int, org_path: str = "") -> dict:
    """The certificates page's watch list, cached per data version."""
    return per_version(
        "cultivation:certificates",
        (as_of, within, org_path),
        lambda: certificate_watch(as_of, within, org_path),
    )


def ladder_day(year: int, today: datetime.date) -> datetime.date:
    """The day a year's ladder is counted on: today in the current year, else the year's last day."""
    return min(datetime.date(year, 12, 31), today) if year == today.year else datetime.date(year, 12, 31)


def ladder_tables(year: int, today: datetime.date, org_path: str = "") -> tuple[list, list, list]:
    """(by sub-park, by track, the flows matrix) of the ladder page, cached per data version."""
    day = ladder_day(year, today)

    def compute():
        current = ladder_at(day, org_path)
        return counts_by_subpark(current, org_path), counts_by_track(current), flows(year, org_path)

    return per_version("cultivation:ladder:2", (day, year, org_path), compute)  # 2: rows carry name_en
