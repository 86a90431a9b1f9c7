"""Recognising columns by their Chinese header.

A header is a label with an optional unit in parentheses, half- or full-width: 营业收入（千元）,
R&D人员(人), 其中：发明专利申请数（件）. Labels are compared after NFKC folding (full-width
forms become ASCII), dropping white space and line breaks, a leading 其中: and leading item
numbers, and case-folding, so the variants real workbooks carry all match.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..reportforms import COUNT_UNITS, MONEY_UNITS, Field, Kind, ReportForm
from .issues import Issue

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
        units = [p for p in parts if p in MONEY_UNITS or p in COUNT_UNITS]
        if not units:
            break
        unit = units[0]
        rest = [p for p in parts if p not in units]
        label = label[: m.start()] + "".join(rest)
    if unit is None and (m := _SLASH_UNIT.search(label)):
        candidate = _UNIT_PREFIX.sub("", m[1])
        if candidate in MONEY_UNITS or candidate in COUNT_UNITS:
            unit, label = candidate, label[: m.start()]
    return clean_label(label), unit


@dataclass
class Column:
    index: int  # position in the row as read
    header: str  # as written in the file
    field: Field
    factor: Decimal  # to yuan for money, 1 otherwise


@dataclass
class HeaderMatch:
    row: int  # Excel row number of the header
    columns: list[Column]
    issues: list[Issue]  # file-level errors and warnings about the header
    errors: list[Issue]


@cache  # forms are frozen declarations; the index is built once per form and only read
def _label_index(form: ReportForm) -> dict[str, Field]:
    index: dict[str, Field] = {}
    for f in form.fields:
        for label in f.labels:
            index[clean_label(fold(label))] = f
    return index


def match_header(cells: list, row: int, form: ReportForm) -> HeaderMatch:
    index = _label_index(form)
    columns: list[Column] = []
    warnings: list[Issue] = []
    errors: list[Issue] = []
    seen: dict[str, str] = {}
    for i, cell in enumerate(cells):
        header = str(cell).strip() if cell is not None else ""
        if not header:
            continue
        label, unit = split_header(header)
        f = index.get(label)
        if f is None:
            warnings.append(
                Issue(row, header, header, "unknown_column", f"未识别的列“{header}”，已忽略", "warning")
            )
            continue
        if f.key in seen:
            errors.append(
                Issue(
                    row,
                    header,
                    header,
                    "duplicate_column",
                    f"列“{header}”与列“{seen[f.key]}”是同一指标，无法确定采用哪一列",
                )
            )
            continue
        seen[f.key] = header
        factor = Decimal(1)
        if f.kind == Kind.MONEY:
            if unit is None:
                unit = form.default_money_unit
                warnings.append(
                    Issue(
                        row,
                        header,
                        header,
                        "unit_assumed",
                        f"列“{header}”未注明单位，按报表规定单位“{unit}”处理",
                        "warning",
                    )
                )
            if unit not in MONEY_UNITS:
                errors.append(
                    Issue(
                        row,
                        header,
                        header,
                        "unit_invalid",
                        f"列“{header}”的单位“{unit}”不是金额单位（应为元、千元、万元或亿元）",
                    )
                )
                continue
            factor = MONEY_UNITS[unit]
        elif f.kind == Kind.COUNT and unit is not None and unit not in COUNT_UNITS:
            errors.append(
                Issue(
                    row,
                    header,
                    header,
                    "unit_invalid",
                    f"列“{header}”的单位“{unit}”不适用于计数指标（应为{f.unit or '个'}）",
                )
            )
            continue
        columns.append(Column(i, header, f, factor))
    for f in form.fields:
        if f.required and f.key not in seen:
            errors.append(Issue(row, f.label, None, "missing_column", f"缺少必需的列“{f.label}”"))
    return HeaderMatch(row, columns, warnings, errors)


def find_header(rows: list[tuple[int, list]], form: ReportForm) -> tuple[int, list] | None:
    """The first row that carries every required label (the header may sit below title rows)."""
    index = _label_index(form)
    required = {f.key for f in form.fields if f.required}
    for row, cells in rows[:HEADER_SCAN_ROWS]:
        keys = {
            index[lbl].key for c in cells if c not in (None, "") and (lbl := split_header(str(c))[0]) in index
        }
        if required <= keys:
            return row, cells
    return None


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _unit_only(text: str) -> str | None:
    """The unit when a cell holds nothing but one: 千元, （千元）, 单位：千元."""
    label, unit = split_header(text)
    if unit and not label:
        return unit
    bare = _UNIT_PREFIX.sub("", fold(text))
    return bare if bare in MONEY_UNITS or bare in COUNT_UNITS else None


def merge_header_rows(top: list, below: list, form: ReportForm) -> list | None:
    """One row of headers from a header written on two rows (a merged group cell or a label above,
    the field name or its unit below), or None when the row below is not part of the header."""
    if any(_LOOKS_LIKE_CODE.match(_text(c)) for c in below):
        return None  # an enterprise's row
    index = _label_index(form)
    known = lambda text: bool(text) and split_header(text)[0] in index  # noqa: E731
    width = max(len(top), len(below))
    merged, gained = [], 0
    for i in range(width):
        upper = _text(top[i]) if i < len(top) else ""
        lower = _text(below[i]) if i < len(below) else ""
        if not lower:
            merged.append(upper)
        elif unit := _unit_only(lower):
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
    filled = [fold(_text(c)) for c in cells if _text(c)]
    return len(filled) >= 2 and all(_NUMBERING.match(text) for text in filled)
