"""Evaluation schemes as declared, versioned files (schemes/*.toml): dimensions, indicators with a
formula and a scoring function, a weight per carrier type, bonus items, grades with cut-offs and the
rule of consecutive fails. Loading checks everything a scheme says (formulas parse, weights of each
type add up to 100, cut-offs descend) so that a mistake stops at load time with the file named."""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from zerobay.indicators.expressions import Formula, FormulaError, Vocabulary, parse

from ..residents import REPORT_FIELDS
from .scoring import Scoring, scoring_from

SCHEMES_DIR = Path(__file__).resolve().parent.parent / "schemes"
# The carrier's statement, in the order the carrier page lists it.
STATEMENT_ROWS = (
    "space_m2",
    "incubation_space_m2",
    "residents",
    "new_residents",
    "graduates_total",
    "resident_hte",
    "resident_employees",
    "resident_revenue",
    "total_income",
    "service_income",
    "property_income",
    "investment_income",
    "incubation_fund",
    "financed_residents",
    "resident_financing",
    "mentors",
    "service_staff",
    "tech_platforms",
    "ip_applications",
    "ip_granted",
    "invention_patents",
    "events",
)
# What a scheme's formula may read of it, and from the carrier registry record, as 1 or 0.
STATEMENT_FIELDS = frozenset(STATEMENT_ROWS) | {"high_quality", "national", "municipal"}
VERIFIED_FIELDS = frozenset(
    {
        "residents",
        "resident_hte",
        "resident_revenue",
        "resident_employees",
        "invention_patents",
        "financed_residents",
        "resident_financing",
        "graduates_total",
    }
)
RESIDENT_FIELDS = frozenset(
    {
        *REPORT_FIELDS,
        "financing",
        "financed",
        "new",
        "graduated",
        "graduated_this_year",
        "hte",
        "hte_new",
        "current",
        "area_m2",
        "applications",
    }
)
# carrier: the carrier's own statement (carrier-annual import) and registry record; verified: the
# same figures computed from the residents' data; residents: one row per resident.
VOCABULARY = Vocabulary(
    fields={"carrier": STATEMENT_FIELDS, "verified": VERIFIED_FIELDS, "residents": RESIDENT_FIELDS},
    qualifications=frozenset({"hte"}),
)


class SchemeError(ValueError):
    pass


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    label: str
    label_en: str
    formula: Formula
    scoring: Scoring
    weights: dict[str, float]  # carrier type (weight set) -> points at stake
    unit: str = ""
    # The carrier's statement of the same figure: shown beside the computed value, flagged when
    # they differ beyond the scheme's tolerance.
    statement: Formula | None = None


@dataclass(frozen=True)
class Bonus:
    id: str
    label: str
    label_en: str
    formula: Formula
    at_least: float  # the value that earns the points
    points: float


@dataclass(frozen=True)
class Grade:
    grade: str  # A B C D
    label: str
    at_least: float  # the lowest score of the grade
    fail: bool = False
    subsidy: float = 0  # operating subsidy in yuan the grade earns (declared reward)


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    label_en: str


@dataclass(frozen=True)
class Scheme:
    id: str
    version: str
    name: str
    name_en: str
    source: str
    kinds: tuple[str, ...]
    weight_sets: tuple[str, ...]  # "default", or the incubator types
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    bonuses: tuple[Bonus, ...]
    grades: tuple[Grade, ...]  # highest first
    consecutive_fails: int  # this many failing years in a row cancel the status
    tolerance_relative: float
    tolerance_absolute: float
    path: Path = field(compare=False, default=Path())

    def weight_set(self, focus: str) -> str:
        return focus if focus in self.weight_sets else self.weight_sets[0]

    def grade_of(self, score: float) -> Grade:
        return next(g for g in self.grades if score >= g.at_least - 1e-9)

    def with_weights(self, weights: dict[str, float]) -> "Scheme":
        """The scheme with some indicators' weights replaced (the same weight in every set): what-if."""
        indicators = tuple(
            Indicator(**{**i.__dict__, "weights": dict.fromkeys(i.weights, float(weights[i.id]))})
            if i.id in weights
            else i
            for i in self.indicators
        )
        return Scheme(**{**self.__dict__, "indicators": indicators})


def _formula(text: str, where: str) -> Formula:
    try:
        return parse(text, VOCABULARY)
    except FormulaError as exc:
        raise SchemeError(f"{where}: {exc.message} at {exc.position}\n{exc.pointer()}") from None


def load_scheme(path: Path) -> Scheme:
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"{where}: {exc}") from None
    weight_sets = tuple(data.get("weight_sets", ["default"]))
    dimensions = tuple(
        Dimension(d["id"], d["label"], d.get("label_en", d["label"])) for d in data["dimensions"]
    )
    dimension_ids = {d.id for d in dimensions}
    indicators = []
    for item in data["indicators"]:
        at = f"{where} indicator {item['id']}"
        if item["dimension"] not in dimension_ids:
            raise SchemeError(f"{at}: unknown dimension {item['dimension']!r}")
        weights = (
            item["weights"]
            if isinstance(item["weights"], dict)
            else dict.fromkeys(weight_sets, item["weights"])
        )
        if set(weights) != set(weight_sets):
            raise SchemeError(
                f"{at}: weights for {sorted(weights)}, the scheme's sets are {list(weight_sets)}"
            )
        indicators.append(
            Indicator(
                id=item["id"],
                dimension=item["dimension"],
                label=item["label"],
                label_en=item.get("label_en", item["label"]),
                formula=_formula(item["formula"], at),
                scoring=scoring_from(item["score"], at),
                weights={k: float(v) for k, v in weights.items()},
                unit=item.get("unit", ""),
                statement=_formula(item["statement"], f"{at} statement") if item.get("statement") else None,
            )
        )
    for name in weight_sets:
        total = sum(i.weights[name] for i in indicators)
        if abs(total - 100) > 1e-6:
            raise SchemeError(f"{where}: the weights of {name!r} add up to {total:g}, not 100")
    grades = tuple(
        Grade(g["grade"], g["label"], float(g["at_least"]), bool(g.get("fail")), float(g.get("subsidy", 0)))
        for g in data["grades"]
    )
    cutoffs = [g.at_least for g in grades]
    if cutoffs != sorted(cutoffs, reverse=True) or cutoffs[-1] > 0:
        raise SchemeError(f"{where}: grades must descend and the last must start at 0")
    bonuses = tuple(
        Bonus(
            b["id"],
            b["label"],
            b.get("label_en", b["label"]),
            _formula(b["formula"], f"{where} bonus {b['id']}"),
            float(b.get("at_least", 1)),
            float(b["points"]),
        )
        for b in data.get("bonus", ())
    )
    tolerance = data.get("tolerance", {})
    return Scheme(
        id=data["id"],
        version=str(data["version"]),
        name=data["name"],
        name_en=data.get("name_en", data["name"]),
        source=data.get("source", ""),
        kinds=tuple(data["kinds"]),
        weight_sets=weight_sets,
        dimensions=dimensions,
        indicators=tuple(indicators),
        bonuses=bonuses,
        grades=grades,
        consecutive_fails=int(data.get("consecutive_fails", 2)),
        tolerance_relative=float(tolerance.get("relative", 0.1)),
        tolerance_absolute=float(tolerance.get("absolute", 0.5)),
        path=path,
    )


@cache
def schemes() -> dict[str, Scheme]:
    """The shipped schemes by id, in file order."""
    found = {}
    for path in sorted(SCHEMES_DIR.glob("*.toml")):
        scheme = load_scheme(path)
        found[scheme.id] = scheme
    return found


def scheme_for_kind(kind: str) -> Scheme | None:
    return next((s for s in schemes().values() if kind in s.kinds), None)
