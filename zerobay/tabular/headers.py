"""Finding the header row of a sheet and folding its labels.

A header is a label with an optional unit in parentheses, half- or full-width: 营业收入（千元）,
R&D人员(人), 其中：发明专利申请数（件）. Labels are compared after NFKC folding (full-width
forms become ASCII), dropping white space and line breaks, a leading 其中: and leading item
numbers, required marks (*) and case-folding, so the variants real workbooks carry all match.

Every importer describes its columns as a label index ({folded label: column key}, built with
`label_index`) and asks `find_header` for the row; what a column means stays with the importer.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from .units import UNITS

_SPACE = re.compile(r"\s+")
_LEADING = re.compile(r"^(?:[0-9]+[.、)]|[一二三四五六七八九十]+[、.]|[(][0-9一二三四五六七八九十]+[)])+")
_OF_WHICH = re.compile(r"^(?:其中|其中:|内:|含:)+:?")
_TRAILING_GROUP = re.compile(r"[(\[【〔]([^()\[\]【】〔〕]*)[)\]】〕]$")
_SLASH_UNIT = re.compile(r"[/_\\]([^/_\\]+)$")  # 营业收入/千元
_UNIT_PREFIX = re.compile(r"^(?:单位|计量单位)[:：]?")
_TRAILING_MARKS = re.compile(r"[*※★:]+$")
_LEADING_MARKS = re.compile(r"^[*※★]+")  # templates mark required columns: *统一社会信用代码
HEADER_SCAN_ROWS = 30  # title rows above the header, at most
# What a row of column numbers under a header holds: 甲 乙 丙, 1 2 3, A B C, or form field codes (qa03, qc05_0).
_LOOKS_LIKE_CODE = re.compile(r"^\s*[0-9A-Za-z]{15,20}\s*$")
_NUMBERING = re.compile(r"^(?:[甲乙丙丁戊己庚辛壬癸]|[a-z]{1,3}(?:\d{1,3}(?:_\d{1,2})?)?|\d{1,3})$")


def fold(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text))).casefold()


def clean_label(label: str) -> str:
    label = _LEADING_MARKS.sub("", _TRAILING_MARKS.sub("", label))
    label = _LEADING.sub("", label)
    return _OF_WHICH.sub("", label)


def split_header(text: str) -> tuple[str, str | None]:
    """('营业收入', '千元') from '营业收入（千元）'; the unit is None when the header has none.
    A trailing group that names no unit (e.g. '(本年累计)') stays part of the label."""
    label = fold(text)
    unit = None
    label = _TRAILING_MARKS.sub("", label)
    while m := _TRAILING_GROUP.search(label):
        parts = [_UNIT_PREFIX.sub("", p) for p in re.split(r"[,;/、]", m[1]) if p]
        units = [p for p in parts if p in UNITS]
        if not units:
            break
        unit = units[0]
        rest = [p for p in parts if p not in units]
        label = label[: m.start()] + "".join(rest)
    if unit is None and (m := _SLASH_UNIT.search(label)):
        candidate = _UNIT_PREFIX.sub("", m[1])
        if candidate in UNITS:
            unit, label = candidate, label[: m.start()]
    return clean_label(label), unit


def label_index[K](labels: Iterable[tuple[str, K]]) -> dict[str, K]:
    """{folded label: column} from (label as declared, column) pairs."""
    return {split_header(label)[0]: column for label, column in labels}


def header_keys[K](cells: list, index: Mapping[str, K]) -> set:
    """The columns a row's cells name."""
    return {index[lbl] for c in cells if c not in (None, "") and (lbl := split_header(str(c))[0]) in index}


def find_header[K](
    rows: list[tuple[int, list]], index: Mapping[str, K], accept: Callable[[set], bool]
) -> tuple[int, list] | None:
    """The first row (within HEADER_SCAN_ROWS, below any title rows) whose named columns `accept`
    takes as a header: (Excel row number, cells), or None."""
    for row, cells in rows[:HEADER_SCAN_ROWS]:
        if accept(header_keys(cells, index)):
            return row, cells
    return None


@dataclass(frozen=True, slots=True)
class HeaderCell[K]:
    position: int  # in the row as read
    header: str  # as written in the file
    unit: str | None  # the unit the header states
    column: K | None  # None: no column has this label
    duplicate_of: str | None = None  # the header that already named the same column


def scan_header[K](
    cells: list, index: Mapping[str, K], key: Callable[[K], object]
) -> Iterator[HeaderCell[K]]:
    """Every filled cell of a header row, left to right, with the column its label names (through
    `index`) and, when an earlier cell already named the same column (same `key`), that header.
    What a column accepts (units, required columns) is the importer's to check."""
    seen: dict[object, str] = {}
    for i, cell in enumerate(cells):
        header = str(cell).strip() if cell is not None else ""
        if not header:
            continue
        label, unit = split_header(header)
        column = index.get(label)
        if column is None:
            yield HeaderCell(i, header, unit, None)
        elif (k := key(column)) in seen:
            yield HeaderCell(i, header, unit, column, seen[k])
        else:
            seen[k] = header
            yield HeaderCell(i, header, unit, column)


def cell_text(cell) -> str:
    """A header cell as text; a float that is a whole number loses its '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def unit_only(text: str) -> str | None:
    """The unit when a cell holds nothing but one: 千元, （千元）, 单位：千元."""
    label, unit = split_header(text)
    if unit and not label:
        return unit
    bare = _UNIT_PREFIX.sub("", fold(text))
    return bare if bare in UNITS else None


def merge_header_rows(top: list, below: list, index: Mapping) -> list | None:
    """One row of headers from a header written on two rows (a merged group cell or a label above,
    the field name or its unit below), or None when the row below is not part of the header."""
    if any(_LOOKS_LIKE_CODE.match(cell_text(c)) for c in below):
        return None  # an enterprise's row
    known = lambda text: bool(text) and split_header(text)[0] in index  # noqa: E731
    width = max(len(top), len(below))
    merged, gained = [], 0
    for i in range(width):
        upper = cell_text(top[i]) if i < len(top) else ""
        lower = cell_text(below[i]) if i < len(below) else ""
        if not lower:
            merged.append(upper)
        elif unit := unit_only(lower):
            merged.append(f"{upper}({unit})")
            gained += known(upper)
        elif known(lower) and not known(upper):
            merged.append(lower)
            gained += 1
        elif known(lower):  # both name a field: the header is one row, and this is data
            return None
        else:
            merged.append(upper)
    return merged if gained else None


def is_numbering_row(cells: list) -> bool:
    """A row of column codes or numbers (甲 乙 1 2 3 …, qa03 qa04 …); an enterprise's row always
    has an 18-character code and a name, so it can never look like this."""
    filled = [fold(cell_text(c)) for c in cells if cell_text(c)]
    return len(filled) >= 2 and all(_NUMBERING.match(text) for text in filled)
