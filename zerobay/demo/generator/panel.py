"""The panel: enterprises apportioned to sub-parks and industries, with identities, qualifications
and figures, deterministic for a seed."""

import bisect
import datetime
import itertools
import math
import random
from dataclasses import dataclass, field

from zerobay.data import read

from .assumptions import (
    BALANCED,
    BCI_SUBPARK,
    BLOCK_SHARES,
    DEFAULT_SEED,
    INDUSTRY_MIX,
    MAKERS,
    PARK_CLASS_OF,
    REFERENCE_SIZE,
    SUBPARK_SHARES,
)
from .figures import NORMAL, annual_figures, monthly_figures
from .identities import company_name, new_uscc
from .qualifications import (
    Certificates,
    Draft,
    draft_qualifications,
    earliest_certificate_year,
    qualifications_of,
)
from .records import Enterprise


@dataclass
class Panel:
    seed: int
    years: tuple[int, ...]
    enterprises: list[Enterprise]
    _monthly_filled: bool = field(default=False, repr=False, compare=False)

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def count(self, kind: str, day: datetime.date, subpark: str | None = None) -> int:
        """Enterprises holding a valid qualification of `kind` on `day` (in `subpark`, if given)."""
        return sum(
            1
            for e in self.enterprises
            if (subpark is None or e.subpark == subpark) and e.qualified(kind, day)
        )

    def fill_monthly(self) -> None:
        """Draws the monthly figures of the latest year (once; the same every time)."""
        if self.enterprises and not self.enterprises[0].monthly_revenue_ytd and not self._monthly_filled:
            latest = self.latest_year
            for e in self.enterprises:
                rnd = random.Random(e.monthly_seed)
                e.monthly_revenue_ytd, e.monthly_employees = monthly_figures(rnd, e.annual, e.founded, latest)
        self._monthly_filled = True

    def monthly_rows(self, month: int):
        """(enterprise, revenue_ytd, employees) of the enterprises that report `month`."""
        self.fill_monthly()
        i = month - 1
        for e in self.enterprises:
            if e.monthly_revenue_ytd and e.monthly_revenue_ytd[i] is not None:
                yield e, e.monthly_revenue_ytd[i], e.monthly_employees[i]


def _taxonomy() -> tuple[dict[str, list[str]], dict[str, str]]:
    """(node code -> the plan tracks below it or itself, track -> its field code)."""
    nodes = [n for n in read("industries")["nodes"] if n["scheme"] == "plan"]
    parent = {n["code"]: n["parent"] for n in nodes}
    below: dict[str, list[str]] = {n["code"]: [] for n in nodes}
    field_of = {}
    for n in nodes:
        if n["level"] != "track":
            continue
        code = n["code"]
        while code:
            below[code].append(n["code"])
            top, code = code, parent[code]
        field_of[n["code"]] = top
    return below, field_of


def _subparks() -> list[str]:
    units = read("org_units")["units"]
    codes = [u["code"] for u in units if u["kind"] == "subpark"]
    if set(codes) != set(SUBPARK_SHARES):
        raise ValueError("SUBPARK_SHARES must cover exactly the sub-parks of org_units.json")
    return codes


def _apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Whole numbers proportional to `shares` summing to `total` (largest remainder)."""
    weight = sum(shares.values())
    exact = {k: total * v / weight for k, v in shares.items()}
    counts = {k: int(v) for k, v in exact.items()}
    rest = total - sum(counts.values())
    for k in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[:rest]:
        counts[k] += 1
    return counts


def generate_panel(enterprises: int, years: list[int], seed: int = DEFAULT_SEED) -> Panel:
    """A panel of `enterprises` synthetic enterprises with figures for `years` (the last is the
    latest: calibration targets and monthly figures refer to it). Same arguments, same panel."""
    if enterprises < 1:
        raise ValueError("enterprises must be at least 1")
    years = tuple(sorted(set(years)))
    if not years:
        raise ValueError("at least one year is needed")
    latest = years[-1]
    rnd = random.Random(seed)
    scale = enterprises / REFERENCE_SIZE
    below, field_of = _taxonomy()
    tracks_all = sorted(field_of)

    drafts: list[Draft] = []
    for subpark, count in _apportion(enterprises, {k: SUBPARK_SHARES[k] for k in _subparks()}).items():
        blocks = BLOCK_SHARES.get(subpark, {})
        in_blocks = (
            _apportion(count, {**blocks, subpark: 1 - sum(blocks.values())}) if blocks else {subpark: count}
        )
        group = [Draft(subpark, unit, rnd.gauss(0, 1)) for unit, k in in_blocks.items() for _ in range(k)]
        draft_qualifications(group, subpark, latest, years, scale, rnd)
        drafts.extend(group)
    rnd.shuffle(drafts)

    certs = Certificates()
    usccs, names = set(), set()
    out: list[Enterprise] = []
    mixes = {
        code: (list(mix), list(itertools.accumulate(mix.values())))
        for code, mix in {**{s: BALANCED for s in SUBPARK_SHARES}, **INDUSTRY_MIX}.items()
    }
    classes_of = {t: {c for prefix, c in PARK_CLASS_OF.items() if t.startswith(prefix)} for t in tracks_all}
    r, bits, normal = rnd.random, rnd.getrandbits, NORMAL
    for d in drafts:
        nodes, cum_weights = mixes[d.subpark]
        node = nodes[bisect.bisect(cum_weights, r() * cum_weights[-1])]
        pool = below[node]
        first = pool[int(len(pool) * r())]
        tracks = (first,)
        if r() < 0.35:
            pool = below[field_of[first]] if r() < 0.6 else tracks_all
            second = pool[int(len(pool) * r())]
            if second != first:
                tracks = (first, second)
        classes = classes_of[first] | classes_of[tracks[-1]]
        if d.subpark == BCI_SUBPARK:
            classes = classes | {"PC-BCI"}
        # Age: mostly young firms; old enough for the certificates they hold.
        age = min(int(rnd.expovariate(1 / 7)), latest - 1992)
        founded_year = latest - age
        if d.kinds or d.hte_last is not None:
            founded_year = min(
                founded_year, earliest_certificate_year(d, latest) - 1 - int(rnd.expovariate(1 / 3))
            )
        founded = datetime.date(founded_year, 1 + int(12 * r()), 1 + int(28 * r()))
        listed = "listed" in d.kinds
        base = math.exp(16.5 + 1.5 * (0.75 * d.strength + 0.66 * normal[bits(12)]))
        if listed:
            base = max(base, math.exp(20.7 + 0.8 * normal[bits(12)]))  # listed: around 10 亿元
        base = min(base, 5e10)
        annual = annual_figures(rnd, "hte" in d.kinds, first.startswith(MAKERS), founded, base, years, latest)
        latest_figures = annual.get(latest)
        out.append(
            Enterprise(
                uscc=new_uscc(rnd, founded_year, usccs),
                name=company_name(rnd, first, listed, names),
                org_unit=d.org_unit,
                subpark=d.subpark,
                tracks=tracks,
                park_classes=tuple(sorted(classes)),
                founded=founded,
                above_scale=latest_figures is not None and latest_figures.revenue >= 20_000_000,
                qualifications=qualifications_of(d, latest, founded, certs, rnd),
                annual=annual,
                monthly_seed=bits(32),
            )
        )
    return Panel(seed=seed, years=years, enterprises=out)
