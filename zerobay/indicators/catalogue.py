"""The indicator catalogue: the definitions declared in `definitions/*.toml`, loaded and checked.

The files are the one source of truth for what an indicator is; the database holds only what was
computed and published. `check_definitions()` reports every mistake with its file and id.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from zerobay.registry.models import QualificationType
from zerobay.statistics.reportforms import TORCH_ANNUAL, TORCH_MONTHLY, Kind

from .expressions import Formula, FormulaError, Vocabulary, parse

DEFINITIONS_DIR = Path(__file__).parent / "definitions"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Formulas work in base units (money in yuan, counts, ratios as fractions); the indicator's unit
# scales the result for display and for comparison with published figures.
UNITS: dict[str, float] = {
    "元": 1,
    "万元": 1e-4,
    "亿元": 1e-8,
    "%": 100,
    "万元/人": 1e-4,
    "家": 1,
    "个": 1,
    "件": 1,
    "项": 1,
    "人": 1,
    "人次": 1,
    "台": 1,
    "台套": 1,
    "场": 1,
    "万人": 1e-4,
    "万m²": 1,
    "万平方米": 1,
    "公顷": 1,
    "倍": 1,
}
# Units of whole counts (shown without decimals).
COUNT_UNITS = frozenset({"家", "个", "件", "项", "人", "人次", "台", "台套", "场"})
DIRECTIONS = ("higher", "lower")
PERIODS = ("year", "quarter", "month")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")

_NUMERIC = (Kind.MONEY, Kind.COUNT)
VOCABULARY = Vocabulary(
    fields={
        "annual": frozenset(f.key for f in TORCH_ANNUAL.fields if f.kind in _NUMERIC),
        "monthly": frozenset(f.key for f in TORCH_MONTHLY.fields if f.kind in _NUMERIC),
        "enterprises": frozenset(),
    },
    qualifications=frozenset(QualificationType.values),
)


@dataclass(frozen=True)
class Category:
    name: str
    name_en: str
    group: str
    source: str
    sort: int


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    name_en: str
    unit: str
    category: str
    direction: str
    scope: str
    file: str  # the definitions file it is declared in
    formula: Formula | None = None
    periods: tuple[str, ...] = ("year",)
    parts: tuple[str, ...] = ()
    note: str = ""

    @property
    def computed(self) -> bool:
        return self.formula is not None

    @property
    def scale(self) -> float:
        return UNITS[self.unit]

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher"


class DefinitionError(ValueError):
    """One or more definitions are wrong; `problems` lists each as "file: id: what"."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    categories: dict[str, Category]

    def __iter__(self):
        return iter(self.indicators.values())

    def get(self, indicator_id: str) -> Indicator | None:
        return self.indicators.get(indicator_id)

    def computed(self) -> list[Indicator]:
        return [i for i in self if i.computed]

    def by_category(self) -> list[tuple[Category, list[Indicator]]]:
        groups = {name: [] for name in self.categories}
        for indicator in self:
            groups[indicator.category].append(indicator)
        order = sorted(self.categories.values(), key=lambda c: (c.sort, c.name))
        return [(c, groups[c.name]) for c in order if groups[c.name]]


def _taxonomy() -> dict[str, str]:
    """code -> level of the shipped industry taxonomy (checked against formulas' codes)."""
    data = json.loads((DATA_DIR / "industries.json").read_text(encoding="utf-8"))
    rows = data["nodes"]
    return {row["code"]: row["level"] for row in rows}


def _org_codes() -> set[str]:
    data = json.loads((DATA_DIR / "org_units.json").read_text(encoding="utf-8"))
    return {row["code"] for row in data["units"]}


_LEVEL_OF_PREDICATE = {"track": "track", "field": "field"}


def load_catalogue(directory: Path = DEFINITIONS_DIR) -> Catalogue:
    """Read and check every definitions file; raise DefinitionError listing all problems."""
    problems: list[str] = []
    categories: dict[str, Category] = {}
    raw: list[tuple[str, dict]] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{path.name}: not valid TOML: {exc}")
            continue
        for entry in data.get("category", []):
            categories[entry["name"]] = Category(
                entry["name"],
                entry.get("name_en", ""),
                entry.get("group", ""),
                entry.get("source", ""),
                int(entry.get("sort", 0)),
            )
        raw.extend((path.name, entry) for entry in data.get("indicator", []))

    taxonomy, org_codes = _taxonomy(), _org_codes()
    indicators: dict[str, Indicator] = {}
    for filename, entry in raw:
        indicator, entry_problems = _build(filename, entry, categories, taxonomy, org_codes)
        problems.extend(entry_problems)
        if indicator is None:
            continue
        if indicator.id in indicators:
            problems.append(
                f"{filename}: {indicator.id}: declared twice (also in {indicators[indicator.id].file})"
            )
            continue
        indicators[indicator.id] = indicator
    for indicator in indicators.values():
        for part in indicator.parts:
            if part not in indicators:
                problems.append(f"{indicator.file}: {indicator.id}: part {part!r} is not an indicator")
    if problems:
        raise DefinitionError(problems)
    return Catalogue(indicators, categories)


def _build(filename, entry, categories, taxonomy, org_codes) -> tuple[Indicator | None, list[str]]:
    ident = str(entry.get("id", ""))
    where = f"{filename}: {ident or '(no id)'}"
    problems = []
    for key in ("id", "name", "name_en", "unit", "category", "direction", "scope"):
        if not str(entry.get(key, "")).strip():
            problems.append(f"{where}: {key} is missing")
    if problems:
        return None, problems
    if not _ID.match(ident):
        problems.append(f"{where}: id must look like namespace.name (lower case, digits, _ and .)")
    if entry["unit"] not in UNITS:
        problems.append(f"{where}: unknown unit {entry['unit']!r}; known: {' '.join(UNITS)}")
    if entry["category"] not in categories:
        problems.append(f"{where}: unknown category {entry['category']!r} (declare it in categories.toml)")
    if entry["direction"] not in DIRECTIONS:
        problems.append(f"{where}: direction must be one of {', '.join(DIRECTIONS)}")
    if entry["scope"] not in org_codes:
        problems.append(f"{where}: scope {entry['scope']!r} is not an org-unit code")
    periods = tuple(entry.get("periods", ["year"]))
    if bad := [p for p in periods if p not in PERIODS]:
        problems.append(f"{where}: unknown periods {bad}; use {', '.join(PERIODS)}")
    formula = None
    if "formula" in entry:
        try:
            formula = parse(entry["formula"], VOCABULARY)
        except FormulaError as exc:
            problems.append(f"{where}: formula: {exc}\n{exc.pointer()}")
        else:
            problems.extend(_check_codes(where, formula, taxonomy))
            if "monthly" in formula.sources and formula.sources - {"monthly", "enterprises"}:
                problems.append(f"{where}: a formula mixes monthly and annual reports")
            if "monthly" not in formula.sources and set(periods) != {"year"}:
                problems.append(f"{where}: only monthly formulas have quarters and months")
    if problems:
        return None, problems
    indicator = Indicator(
        id=ident,
        name=entry["name"],
        name_en=entry["name_en"],
        unit=entry["unit"],
        category=entry["category"],
        direction=entry["direction"],
        scope=entry["scope"],
        file=filename,
        formula=formula,
        periods=periods,
        parts=tuple(entry.get("parts", ())),
        note=entry.get("note", ""),
    )
    return indicator, []


def _check_codes(where: str, formula: Formula, taxonomy: dict[str, str]) -> list[str]:
    problems = []
    for cond in formula.codes():
        level = taxonomy.get(cond.code)
        wanted = _LEVEL_OF_PREDICATE.get(cond.level)
        if level is None:
            problems.append(f"{where}: {cond.level}({cond.code}): no such industry code")
        elif wanted and level != wanted:
            problems.append(f"{where}: {cond.level}({cond.code}): {cond.code} is a {level}, not a {wanted}")
    return problems


@functools.cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process (definitions change only with the code)."""
    return load_catalogue()
