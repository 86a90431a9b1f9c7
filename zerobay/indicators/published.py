"""The figures the source documents publish (actuals, plans, targets), each with its source
document and publication date, read from `zerobay/data/published_figures.json`.

Plain Python, no Django: the loader checks every entry and names the entry, the key and the bad
value of the first mistake it finds. `Figure` is also built from database rows (figures.py), so it
stays a plain value object.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import zerobay

DEFAULT_PATH = Path(zerobay.__file__).parent / "data" / "published_figures.json"

KINDS = ("actual", "plan", "target")
QUALIFIERS = ("", "about", "at_least", "more_than")

_REQUIRED = ("indicator", "scope", "year", "kind", "value", "unit", "source", "location")
_OPTIONAL = ("qualifier", "growth", "cagr", "cagr_from", "note")
_INDICATOR = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_SCOPE = re.compile(r"^[A-Z][A-Z0-9-]*$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_YEARS = range(1949, 2101)


@dataclass(frozen=True)
class Document:
    file: str
    title: str
    published: datetime.date


@dataclass(frozen=True)
class Figure:
    indicator: str
    scope: str
    year: int
    kind: str  # actual | plan | target
    value: Decimal | None  # in `unit`; None when the document gives only a growth rate
    unit: str
    source: str  # file name of the source document
    published: datetime.date  # publication date of the source document
    location: str = ""
    qualifier: str = ""  # "" | about | at_least | more_than
    growth: Decimal | None = None  # stated year-on-year growth, percent
    cagr: Decimal | None = None  # stated compound annual growth rate, percent, from cagr_from to year
    cagr_from: int | None = None
    note: str = ""


class PublishedDataError(ValueError):
    """A published-figures file is wrong; the message names the entry, the key and the value."""

    def __init__(self, where: str, key: str, value: Any, problem: str):
        self.where = where
        self.key = key
        self.value = value
        super().__init__(f"{where}: {key}: {problem} (got {value!r})")


def load_published(path: Path | None = None) -> tuple[list[Document], list[Figure]]:
    """Read and check the published figures; raise PublishedDataError on the first bad entry."""
    path = DEFAULT_PATH if path is None else Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PublishedDataError(
            path.name, "(file)", exc.msg, f"not valid JSON at line {exc.lineno}"
        ) from exc
    if not isinstance(data, dict):
        raise PublishedDataError(path.name, "(file)", type(data).__name__, "must be a JSON object")
    documents = _documents(data.get("documents"))
    by_file = {d.file: d for d in documents}
    figures = _figures(data.get("figures"), by_file)
    return documents, figures


def _documents(entries: Any) -> list[Document]:
    if not isinstance(entries, list) or not entries:
        raise PublishedDataError("documents", "(list)", entries, "must be a non-empty list")
    documents: list[Document] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"documents[{index}]"
        if not isinstance(entry, dict):
            raise PublishedDataError(where, "(entry)", entry, "must be an object")
        for key in ("file", "title", "published"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise PublishedDataError(where, key, entry.get(key), "must be a non-empty string")
        if extra := sorted(set(entry) - {"file", "title", "published"}):
            raise PublishedDataError(where, extra[0], entry[extra[0]], "unknown key")
        if entry["file"] in seen:
            raise PublishedDataError(where, "file", entry["file"], "document listed twice")
        seen.add(entry["file"])
        try:
            published = datetime.date.fromisoformat(entry["published"])
        except ValueError as exc:
            raise PublishedDataError(where, "published", entry["published"], "not a YYYY-MM-DD date") from exc
        documents.append(Document(entry["file"], entry["title"], published))
    return documents


def _figures(entries: Any, documents: dict[str, Document]) -> list[Figure]:
    if not isinstance(entries, list):
        raise PublishedDataError("figures", "(list)", entries, "must be a list")
    figures: list[Figure] = []
    seen: dict[tuple, int] = {}
    for index, entry in enumerate(entries):
        figure = _figure(f"figures[{index}]", entry, documents)
        key = (figure.indicator, figure.scope, figure.year, figure.kind, figure.source, figure.location)
        if key in seen:
            raise PublishedDataError(
                f"figures[{index}]", "indicator", figure.indicator, f"same place as figures[{seen[key]}]"
            )
        seen[key] = index
        figures.append(figure)
    return figures


def _figure(where: str, entry: Any, documents: dict[str, Document]) -> Figure:
    if not isinstance(entry, dict):
        raise PublishedDataError(where, "(entry)", entry, "must be an object")
    for key in _REQUIRED:
        if key not in entry:
            raise PublishedDataError(where, key, None, "missing")
    if extra := sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL)):
        raise PublishedDataError(where, extra[0], entry[extra[0]], "unknown key")

    indicator = entry["indicator"]
    if not isinstance(indicator, str) or not _INDICATOR.match(indicator):
        raise PublishedDataError(where, "indicator", indicator, "must look like namespace.name")
    scope = entry["scope"]
    if not isinstance(scope, str) or not _SCOPE.match(scope):
        raise PublishedDataError(where, "scope", scope, "must be an org-unit code such as MH")
    year = _year(where, "year", entry["year"])
    kind = entry["kind"]
    if kind not in KINDS:
        raise PublishedDataError(where, "kind", kind, f"must be one of {', '.join(KINDS)}")
    unit = entry["unit"]
    if not isinstance(unit, str) or not unit.strip():
        raise PublishedDataError(where, "unit", unit, "must be a non-empty string")
    source = entry["source"]
    if source not in documents:
        raise PublishedDataError(where, "source", source, "not one of the listed documents")
    location = _text(where, "location", entry["location"])
    qualifier = entry.get("qualifier", "")
    if qualifier not in QUALIFIERS:
        raise PublishedDataError(where, "qualifier", qualifier, f"must be one of {QUALIFIERS}")

    growth = _decimal(where, "growth", entry["growth"]) if entry.get("growth") is not None else None
    value = None if entry["value"] is None else _decimal(where, "value", entry["value"])
    if value is None and growth is None:
        raise PublishedDataError(where, "value", None, "null is allowed only with a stated growth")
    cagr = _decimal(where, "cagr", entry["cagr"]) if entry.get("cagr") is not None else None
    cagr_from = _year(where, "cagr_from", entry["cagr_from"]) if entry.get("cagr_from") is not None else None
    if (cagr is None) != (cagr_from is None):
        key = "cagr_from" if cagr is not None else "cagr"
        raise PublishedDataError(where, key, entry.get(key), "cagr and cagr_from go together")
    if cagr_from is not None and cagr_from >= year:
        raise PublishedDataError(where, "cagr_from", cagr_from, f"must be before the year {year}")
    return Figure(
        indicator=indicator,
        scope=scope,
        year=year,
        kind=kind,
        value=value,
        unit=unit,
        source=source,
        published=documents[source].published,
        location=location,
        qualifier=qualifier,
        growth=growth,
        cagr=cagr,
        cagr_from=cagr_from,
        note=_text(where, "note", entry.get("note", "")),
    )


def _year(where: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in _YEARS:
        raise PublishedDataError(where, key, value, "must be a year as an integer")
    return value


def _decimal(where: str, key: str, value: Any) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL.match(value):
        raise PublishedDataError(where, key, value, 'must be a decimal string such as "367.58"')
    return Decimal(value)


def _text(where: str, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise PublishedDataError(where, key, value, "must be a string")
    return value
