"""Checking each data row of a workbook against its form. Pure: no database access here."""

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..reportforms import Field, Kind, ReportForm
from .headers import Column
from .issues import Issue
from .values import CENT, NotANumber, clean_uscc, parse_number, uscc_problem

SUMMARY_NAMES = frozenset({"合计", "总计", "小计", "合计数", "全部合计"})
MAX_MONEY = Decimal("1e17")  # yuan; what the database column holds with room to spare
MAX_COUNT = 2_000_000_000
MAX_MONEY_IN_ANY_UNIT = 1e8  # below this, no unit (at most 亿元) can take a value out of range


@dataclass(slots=True)
class ValidRow:
    row: int
    uscc: str
    name: str
    values: dict  # field key -> Decimal (money, in yuan), int (count) or None


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


def validate_rows(
    rows: Iterable[tuple[int, list]],
    columns: list[Column],
    form: ReportForm,
    counter: list[int],
    known_usccs: Collection[str] = (),
) -> Iterator[ValidRow | Issue]:
    """Yields a ValidRow for every good row and the Issues of every row (errors and warnings).
    `counter[0]` counts the data rows read (blank and summary rows are not data).
    `known_usccs` were validated when they entered the registry, so their check is not repeated."""
    by_key = {c.field.key: c for c in columns}
    uscc_col, name_col = by_key["uscc"], by_key["name"]
    specs = [
        _Spec(
            c.index,
            c.header,
            c.field.key,
            c.field,
            c.field.kind == Kind.MONEY,
            c.factor,
            c.field.allow_negative,
        )
        for c in columns
        if c.field.kind in (Kind.MONEY, Kind.COUNT)
    ]
    fast_specs = [(s.index, s.key, s.money, s.factor, s) for s in specs]
    checks = [ch for ch in form.checks if ch.part in by_key and ch.whole in by_key]
    first_seen: dict[str, int] = {}

    for row, cells in rows:
        width = len(cells)
        raw_uscc, raw_name = _cell(cells, width, uscc_col.index), _cell(cells, width, name_col.index)
        if not (raw_uscc or raw_name) and _is_blank(cells):
            continue
        uscc = clean_uscc(raw_uscc)
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
        if not uscc:
            errors.append(Issue(row, uscc_col.header, _display(raw_uscc), "required", "统一社会信用代码为空"))
        elif uscc not in known_usccs and (problem := uscc_problem(uscc)):
            message = f"统一社会信用代码“{uscc}”无效：{problem}"
            errors.append(Issue(row, uscc_col.header, _display(raw_uscc), "uscc_invalid", message))
        elif uscc in first_seen:
            message = f"统一社会信用代码“{uscc}”在第{first_seen[uscc]}行已出现，同一企业只能填报一行"
            errors.append(Issue(row, uscc_col.header, uscc, "duplicate_uscc", message))
        else:
            first_seen[uscc] = row
        if not name:
            errors.append(Issue(row, name_col.header, _display(raw_name), "required", "企业名称为空"))

        values: dict = {}
        for index, key, money, factor, spec in fast_specs:
            raw = cells[index] if index < width else None
            # Fast path for what calamine gives for a number cell; everything else goes the long way.
            if type(raw) is float and raw >= 0:
                if money:
                    if raw < MAX_MONEY_IN_ANY_UNIT:
                        values[key] = (Decimal(repr(raw)) * factor).quantize(CENT, ROUND_HALF_UP)
                        continue
                elif raw <= MAX_COUNT and raw.is_integer():
                    values[key] = int(raw)
                    continue
            elif raw == "" or raw is None:
                values[key] = None
                continue
            value, error = _convert(raw, spec, row)
            if error is None:
                values[key] = value
            else:
                errors.append(error)

        for ch in checks:
            part, whole = values.get(ch.part), values.get(ch.whole)
            if part is None or whole is None or part <= whole:
                continue
            if ch.part == "net_profit" and whole <= 0:
                continue
            part_col = by_key[ch.part]
            message = ch.message.format(part_value=part, whole_value=whole)
            raw = _display(_cell(cells, width, part_col.index))
            issue = Issue(row, part_col.header, raw, ch.rule, message, "error" if ch.error else "warning")
            if ch.error:
                errors.append(issue)
            else:
                yield issue

        if errors:
            yield from errors
        else:
            yield ValidRow(row, uscc, name, values)
