"""Checking each data row of a workbook against its form. Pure: no database access here."""

import math
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import batched
from operator import itemgetter

import numpy as np

from zerobay.tabular.issues import Issue
from zerobay.tabular.usccs import uscc_problems
from zerobay.tabular.values import (
    CENT,
    NotADate,
    NotANumber,
    clean_uscc,
    fold_text,
    is_placeholder,
    parse_code,
    parse_date,
    parse_number,
)

from ..reportforms import Field, Kind, ReportForm
from .headers import Column

SUMMARY_NAMES = frozenset({"合计", "总计", "小计", "合计数", "全部合计"})
MAX_MONEY = Decimal("1e17")  # yuan; what the database column holds with room to spare
MAX_COUNT = 2_000_000_000
MAX_MONEY_IN_ANY_UNIT = 1e8  # below this, no unit (at most 亿元) can take a value out of range
# Below 2**45 cents a float is within 0.01 of the exact product, so near-integer means exact.
FAST_CENTS_LIMIT = float(2**45)
CHUNK_ROWS = 4096
SLOW = object()  # a cell the fast path leaves to the reference path
NUMERIC = (Kind.MONEY, Kind.COUNT, Kind.AREA)
# Kept in hundredths, exactly, like money in cents: an area has two decimals too.
DECIMAL_KINDS = (Kind.MONEY, Kind.AREA)
TEXT_LIMIT = 200


class Layout:
    """The value keys of a file's rows, in the order of each row's tuple, shared by all its rows."""

    __slots__ = ("getters", "keys", "position")

    def __init__(self, keys: list[str]):
        self.keys = tuple(keys)
        self.position = {k: i for i, k in enumerate(keys)}
        self.getters: dict[tuple, object] = {}

    def getter(self, keys: tuple):
        """A function giving a row tuple's values of `keys` as a tuple (None for a key not here)."""
        found = self.getters.get(keys)
        if found is None:
            missing = len(self.keys)  # the position of the None every row tuple ends with
            positions = [self.position.get(k, missing) for k in keys]
            if len(positions) == 1:
                (only,) = positions
                found = lambda t: (t[only],)  # noqa: E731 (itemgetter of one gives no tuple)
            else:
                found = itemgetter(*positions) if positions else (lambda t: ())
            self.getters[keys] = found
        return found


class RowValues(Mapping):
    """A valid row's values by field key, read-only: its tuple seen through the file's Layout.
    Building a dict for each of a quarter of a million rows cost more than checking them."""

    __slots__ = ("_layout", "_values")

    def __init__(self, layout: Layout, values: tuple):
        self._layout, self._values = layout, values  # values: one per key, then a None

    def __getitem__(self, key: str):
        return self._values[self._layout.position[key]]

    def get(self, key: str, default=None):
        i = self._layout.position.get(key)
        return default if i is None else self._values[i]

    def __iter__(self):
        return iter(self._layout.keys)

    def __len__(self) -> int:
        return len(self._layout.keys)

    def __repr__(self) -> str:
        return repr(dict(self))

    def take(self, keys: tuple) -> tuple:
        """The values of `keys` (None for a key the file lacks), in one C-level call."""
        return self._layout.getter(keys)(self._values)


def take(values: Mapping, keys: tuple) -> tuple:
    """values' entries for `keys` as a tuple, None where missing."""
    return values.take(keys) if type(values) is RowValues else tuple(map(values.get, keys))


@dataclass(slots=True)
class ValidRow:
    row: int
    uscc: str
    name: str
    # field key -> int or None: money in cents (分), exact, so that the row's arithmetic and
    # comparisons stay integer; counts as they are. writing.py turns cents into yuan for storage.
    values: Mapping


@dataclass(slots=True, frozen=True)
class _Spec:
    """A value column, unpacked once so that the row loop does no attribute chasing."""

    index: int
    header: str
    key: str
    field: Field
    money: bool
    factor: Decimal
    allow_negative: bool

    @property
    def cents_per_unit(self) -> float:
        return float(self.factor * 100)


def yuan(cents: int | None) -> Decimal | None:
    """Cents back to yuan, exactly."""
    return None if cents is None else Decimal(cents).scaleb(-2)


def _cell(cells: list, width: int, index: int):
    return cells[index] if index < width else None


def _is_blank(cells: list) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _display(value):
    """A cell value as the report shows it: whole numbers as integers, text as text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def _convert(raw, spec: _Spec, row: int) -> tuple[object, Issue | None]:
    """(value, None) or (None, the error) for one cell of a value column."""
    f = spec.field
    if type(raw) is float and raw == raw:  # the common case: a number cell as calamine reads it
        if raw < 0 and not spec.allow_negative:
            return None, Issue(row, spec.header, _display(raw), "negative", f"{f.label}不能为负数")
        if spec.money:
            number = (Decimal(repr(raw)) * spec.factor).quantize(CENT, ROUND_HALF_UP)
        elif raw.is_integer():
            number = int(raw)
        else:
            return None, Issue(row, spec.header, raw, "not_an_integer", f"{f.label}应为整数，填写的是“{raw}”")
    else:
        try:
            number = parse_number(raw)
        except NotANumber:
            return None, Issue(row, spec.header, _display(raw), "not_a_number", f"“{raw}”不是数字")
        if number is None:
            if is_placeholder(raw):
                message = f"{f.label}填写“{str(raw).strip()}”，按空值（未填报）处理"
                return None, Issue(row, spec.header, str(raw).strip(), "placeholder", message, "warning")
            return None, None
        if number < 0 and not spec.allow_negative:
            return None, Issue(row, spec.header, _display(raw), "negative", f"{f.label}不能为负数")
        if spec.money:
            number = (number * spec.factor).quantize(CENT, ROUND_HALF_UP)
        elif number != number.to_integral_value():
            return None, Issue(
                row, spec.header, _display(raw), "not_an_integer", f"{f.label}应为整数，填写的是“{raw}”"
            )
        else:
            number = int(number)
    if (spec.money and abs(number) >= MAX_MONEY) or (not spec.money and number > MAX_COUNT):
        return None, Issue(row, spec.header, _display(raw), "out_of_range", f"{f.label}数值过大")
    return number, None


def _choice_index(f: Field) -> dict[str, str]:
    return {fold_text(text): value for text, value in f.choices}


def _convert_other(raw, column: Column, row: int, choices: dict[str, str]) -> tuple[object, Issue | None]:
    """(value, None) or (None, the error) for a date, choice, code or text cell."""
    f = column.field
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    shown = _display(raw)
    if f.kind == Kind.DATE:
        try:
            return parse_date(raw), None
        except NotADate:
            message = f"{f.label}“{shown}”不是日期（应为 2021-03-05、2021/3/5 或 2021年3月5日）"
            return None, Issue(row, column.header, shown, "not_a_date", message)
    if f.kind == Kind.CHOICE:
        value = choices.get(fold_text(shown))
        if value is None:
            allowed = "、".join(dict.fromkeys(text for text, _ in f.choices if not text.isascii()))
            return None, Issue(
                row, column.header, shown, "not_a_choice", f"{f.label}“{shown}”无效，应为：{allowed}"
            )
        return value, None
    if f.kind == Kind.CODE:
        try:
            code = parse_code(raw, f.digits)
        except ValueError:
            code = ""
        # GB/T 4754-2017: four digits, the first two a division from 01 to 97.
        if code == "" or (code is not None and not 1 <= int(code[:2]) <= 97):
            message = f"{f.label}“{shown}”无效：应为{f.digits}位数字的国民经济行业代码（GB/T 4754-2017）"
            return None, Issue(row, column.header, shown, "invalid_code", message)
        return code, None
    text = str(shown).strip()
    if len(text) > TEXT_LIMIT:
        return None, Issue(row, column.header, shown, "too_long", f"{f.label}超过{TEXT_LIMIT}个字符")
    return text, None


def _cents(value: float, cents_per_unit: float):
    """Exact cents of a number cell, or SLOW. The float product lies within a few ulps of the exact
    decimal product; when that is an integer below 2**45 cents, rounding it is exact, and the
    reference path (Decimal, ROUND_HALF_UP) would give the same. Sub-cent digits, half-cent ties and
    huge values are left to the reference path."""
    scaled = value * cents_per_unit
    cents = round(scaled)
    if abs(scaled) < FAST_CENTS_LIMIT and abs(scaled - cents) <= 4 * math.ulp(scaled):
        return cents
    return SLOW


def _fast_column(column, spec: _Spec) -> list:
    """Converts one column of a chunk: plain numbers directly (the bulk of any workbook), empty
    cells to None, and everything else to SLOW, for the reference path (_convert) to decide."""
    if len(column) >= _NUMPY_FROM and set(map(type, column)) <= _NUMBER_OR_EMPTY:
        found = _fast_numbers(column, spec)
        if found is not None:
            return found
    if spec.money:
        per_unit, low = spec.cents_per_unit, -MAX_MONEY_IN_ANY_UNIT if spec.allow_negative else 0.0
        return [
            _cents(v, per_unit)
            if type(v) is float and low <= v < MAX_MONEY_IN_ANY_UNIT
            else (None if v == "" or v is None else SLOW)
            for v in column
        ]
    return [
        int(v)
        if type(v) is float and 0.0 <= v <= MAX_COUNT and v.is_integer()
        else (None if v == "" or v is None else SLOW)
        for v in column
    ]


_NUMBER_OR_EMPTY = {float, type(None)}
_NUMPY_FROM = 64  # cells: below this the list comprehension is as fast


def _fast_numbers(column, spec: _Spec) -> list | None:
    """_fast_column for a column of number cells and empty ones only, with numpy: the same tests
    cell for cell (the cents' exactness as in _cents), without a Python call per cell. None when a
    number cell is NaN, which only the cell-by-cell path tells from an empty one."""
    x = np.array(column, dtype=np.float64)  # None -> NaN
    empty = np.isnan(x)
    if int(empty.sum()) != column.count(None):
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        if spec.money:
            low = -MAX_MONEY_IN_ANY_UNIT if spec.allow_negative else 0.0
            scaled = x * spec.cents_per_unit
            whole = np.round(scaled)  # half to even, as round() in _cents
            size = np.abs(scaled)
            fast = (
                (x >= low)
                & (x < MAX_MONEY_IN_ANY_UNIT)
                & (size < FAST_CENTS_LIMIT)
                & (np.abs(scaled - whole) <= 4 * np.spacing(size))
            )
        else:
            whole = x
            fast = (x >= 0.0) & (x <= MAX_COUNT) & (x == np.floor(x))
    out = np.where(fast, whole, 0).astype(np.int64).astype(object)
    out[empty] = None
    out[~fast & ~empty] = SLOW
    return out.tolist()


def validate_rows(
    rows: Iterable[tuple[int, list]],
    columns: list[Column],
    form: ReportForm,
    counter: list[int],
    known_usccs: Collection[str] = (),
) -> Iterator[ValidRow | Issue]:
    """Yields a ValidRow for every good row and the Issues of every row (errors and warnings).
    `counter[0]` counts the data rows read (blank and summary rows are not data).
    `known_usccs` were validated when they entered the registry, so their check is not repeated.

    Rows are taken in chunks and their value columns converted column by column: per-cell work in
    a comprehension costs a fraction of the same work in a row loop (benchmarks/import_annual.py)."""
    by_key = {c.field.key: c for c in columns}
    specs = [
        _Spec(
            c.index,
            c.header,
            c.field.key,
            c.field,
            c.field.kind in DECIMAL_KINDS,
            c.factor,
            c.field.allow_negative,
        )
        for c in columns
        if c.field.kind in NUMERIC
    ]
    others = [
        (c, _choice_index(c.field))
        for c in columns
        if c.field in form.value_fields and c.field.kind not in NUMERIC
    ]
    checks = [ch for ch in form.checks if ch.part in by_key and ch.whole in by_key]
    first_seen: dict = {}
    for chunk in batched(rows, CHUNK_ROWS):  # in C: the Python loop it replaced took 0.8 s of 250,000 rows
        yield from _validate_chunk(
            chunk, form, by_key, specs, others, checks, counter, known_usccs, first_seen
        )


def _validate_chunk(chunk, form, by_key, specs, others, checks, counter, known_usccs, first_seen):
    uscc_col, name_col = by_key.get("uscc"), by_key["name"]
    width = max(len(cells) for _, cells in chunk)
    grid = [
        cells if len(cells) == width else [*cells, *([None] * (width - len(cells)))] for _, cells in chunk
    ]
    transposed = list(zip(*grid, strict=True))
    n = len(chunk)
    missing = (None,) * n

    # Values, column by column; the unusual cells through the reference path.
    converted: dict[str, list] = {}
    cell_errors: dict[int, list[Issue]] = {}
    cell_warnings: dict[int, list[Issue]] = {}  # placeholders read as empty
    for spec in specs:
        raw_column = transposed[spec.index] if spec.index < width else missing
        values = _fast_column(raw_column, spec)
        # A column of plain numbers (the usual one) has no cell for the reference path: one C-level
        # scan says so. (SLOW is a bare object(), equal to nothing else.)
        for i, value in enumerate(values) if SLOW in values else ():
            if value is SLOW:
                value, error = _convert(raw_column[i], spec, chunk[i][0])
                values[i] = int(value * 100) if spec.money and value is not None else value
                if error is not None:
                    target = cell_warnings if error.severity == "warning" else cell_errors
                    target.setdefault(i, []).append(error)
        converted[spec.key] = values
    # Dates, choices, codes and texts: few columns of small files, cell by cell.
    for column, choices in others:
        raw_column = transposed[column.index] if column.index < width else missing
        values = []
        for i, raw in enumerate(raw_column):
            value, error = _convert_other(raw, column, chunk[i][0], choices)
            values.append(value)
            if error is not None:
                cell_errors.setdefault(i, []).append(error)
        converted[column.field.key] = values

    # Consistency between fields, pair by pair.
    spec_of = {spec.key: spec for spec in specs}
    check_issues: dict[int, list[Issue]] = {}
    for ch in checks:
        parts, wholes = converted[ch.part], converted[ch.whole]
        for i, (part, whole) in enumerate(zip(parts, wholes, strict=True)):
            if part is None or whole is None or part <= whole or (ch.part == "net_profit" and whole <= 0):
                continue
            row = chunk[i][0]
            part_col = by_key[ch.part]
            if ch.part in spec_of and spec_of[ch.part].money:
                part, whole = yuan(part), yuan(whole)
            message = ch.message.format(part_value=part, whole_value=whole)
            raw = _display(_cell(chunk[i][1], width, part_col.index))
            check_issues.setdefault(i, []).append(
                Issue(row, part_col.header, raw, ch.rule, message, "error" if ch.error else "warning")
            )

    layout = Layout(list(converted))
    required = [f for f in form.value_fields if f.required and f.key in converted]
    # Each row's values, then a None (what Layout.getter reads for a key the file lacks).
    row_values = list(zip(*converted.values(), missing, strict=True))
    raw_usccs = transposed[uscc_col.index] if uscc_col and uscc_col.index < width else missing
    usccs = [clean_uscc(raw) for raw in raw_usccs]
    # The codes not in the registry yet, checked together (codes in it were validated when they came).
    unknown = list({u for u in usccs if u and u not in known_usccs})
    problems = dict(zip(unknown, uscc_problems(unknown), strict=True))
    for i, (row, cells) in enumerate(chunk):
        raw_uscc = raw_usccs[i]
        raw_name = _cell(cells, width, name_col.index)
        if not (raw_uscc or raw_name) and _is_blank(cells):
            continue
        uscc = usccs[i]
        name = str(raw_name).strip() if raw_name is not None else ""
        if not uscc and name.replace(" ", "") in SUMMARY_NAMES:
            yield Issue(
                row,
                name_col.header,
                name,
                "summary_row",
                f"第{row}行是“{name}”行，不作为企业数据导入",
                "warning",
            )
            continue
        counter[0] += 1
        errors: list[Issue] = []
        uscc_header = uscc_col.header if uscc_col else "统一社会信用代码"
        if not uscc and form.uscc_or_name and name:
            # Named by its registered name alone: that name must not appear twice.
            if ("name", name) in first_seen:
                message = f"“{name}”在第{first_seen['name', name]}行已出现，同一单位只能填报一行"
                errors.append(Issue(row, name_col.header, name, "duplicate_name", message))
            else:
                first_seen["name", name] = row
        elif not uscc:
            errors.append(Issue(row, uscc_header, _display(raw_uscc), "required", "统一社会信用代码为空"))
        elif problem := problems.get(uscc):
            message = f"统一社会信用代码“{uscc}”无效：{problem}"
            errors.append(Issue(row, uscc_header, _display(raw_uscc), "uscc_invalid", message))
        elif form.one_row_per_enterprise and uscc in first_seen:
            message = f"统一社会信用代码“{uscc}”在第{first_seen[uscc]}行已出现，同一企业只能填报一行"
            errors.append(Issue(row, uscc_header, uscc, "duplicate_uscc", message))
        elif form.one_row_per_enterprise:
            first_seen[uscc] = row
        if not name:
            label = name_col.field.label
            errors.append(Issue(row, name_col.header, _display(raw_name), "required", f"{label}为空"))
        errors.extend(cell_errors.get(i, ()))
        values = RowValues(layout, row_values[i])
        for f in required:
            if values[f.key] is None and i not in cell_errors:
                column = by_key[f.key]
                errors.append(Issue(row, column.header, None, "required", f"{f.label}为空"))
        if uscc and not form.one_row_per_enterprise and not errors:
            key = (uscc, *(values.get(k) for k in form.row_key))
            if key in first_seen:
                message = f"第{first_seen[key]}行已有同一企业的同一记录（{'、'.join(str(v) for v in key[1:] if v)}）"
                errors.append(Issue(row, uscc_header, uscc, "duplicate_row", message))
            else:
                first_seen[key] = row
        yield from cell_warnings.get(i, ())
        for issue in check_issues.get(i, ()):
            if issue.severity == "error":
                errors.append(issue)
            else:
                yield issue
        if errors:
            yield from errors
        else:
            yield ValidRow(row, uscc, name, values)
