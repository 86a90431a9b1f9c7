"""Checking each data row of a workbook against its form. Pure: no database access here."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..reportforms import Kind, ReportForm
from .headers import Column
from .issues import Issue
from .values import CENT, NotANumber, clean_uscc, parse_number, uscc_problem

SUMMARY_NAMES = frozenset({"合计", "总计", "小计", "合计数", "全部合计"})
MAX_MONEY = Decimal("1e17")  # yuan; what the database column holds with room to spare
MAX_COUNT = 2_000_000_000


@dataclass(slots=True)
class ValidRow:
    row: int
    uscc: str
    name: str
    values: dict  # field key -> Decimal (money, in yuan), int (count) or None


def _is_blank(cells: list) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _cell(cells: list, width: int, col: Column):
    return cells[col.index] if col.index < width else None


def _display(value):
    """A cell value as the report shows it: numbers stay numbers, the rest becomes text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def validate_rows(
    rows: Iterable[tuple[int, list]], columns: list[Column], form: ReportForm, counter: list[int]
) -> Iterator[ValidRow | Issue]:
    """Yields a ValidRow for every good row and the Issues of every row (errors and warnings).
    `counter[0]` counts the data rows read (blank and summary rows are not data)."""
    by_key = {c.field.key: c for c in columns}
    uscc_col, name_col = by_key["uscc"], by_key["name"]
    value_cols = [c for c in columns if c.field.kind in (Kind.MONEY, Kind.COUNT)]
    checks = [ch for ch in form.checks if ch.part in by_key and ch.whole in by_key]
    first_seen: dict[str, int] = {}

    for row, cells in rows:
        if _is_blank(cells):
            continue
        width = len(cells)
        raw_uscc, raw_name = _cell(cells, width, uscc_col), _cell(cells, width, name_col)
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
        elif problem := uscc_problem(uscc):
            errors.append(
                Issue(
                    row,
                    uscc_col.header,
                    _display(raw_uscc),
                    "uscc_invalid",
                    f"统一社会信用代码“{uscc}”无效：{problem}",
                )
            )
        elif uscc in first_seen:
            errors.append(
                Issue(
                    row,
                    uscc_col.header,
                    uscc,
                    "duplicate_uscc",
                    f"统一社会信用代码“{uscc}”在第{first_seen[uscc]}行已出现，同一企业只能填报一行",
                )
            )
        else:
            first_seen[uscc] = row
        if not name:
            errors.append(Issue(row, name_col.header, _display(raw_name), "required", "企业名称为空"))

        values: dict = {}
        for col in value_cols:
            raw = _cell(cells, width, col)
            f = col.field
            try:
                number = parse_number(raw)
            except NotANumber:
                errors.append(Issue(row, col.header, _display(raw), "not_a_number", f"“{raw}”不是数字"))
                continue
            if number is not None:
                if number < 0 and not f.allow_negative:
                    errors.append(Issue(row, col.header, _display(raw), "negative", f"{f.label}不能为负数"))
                    continue
                if f.kind == Kind.MONEY:
                    number = (number * col.factor).quantize(CENT, ROUND_HALF_UP)
                    if abs(number) >= MAX_MONEY:
                        errors.append(
                            Issue(row, col.header, _display(raw), "out_of_range", f"{f.label}数值过大")
                        )
                        continue
                else:
                    if number != number.to_integral_value():
                        errors.append(
                            Issue(
                                row,
                                col.header,
                                _display(raw),
                                "not_an_integer",
                                f"{f.label}应为整数，填写的是“{raw}”",
                            )
                        )
                        continue
                    number = int(number)
                    if number > MAX_COUNT:
                        errors.append(
                            Issue(row, col.header, _display(raw), "out_of_range", f"{f.label}数值过大")
                        )
                        continue
            values[f.key] = number

        for ch in checks:
            part, whole = values.get(ch.part), values.get(ch.whole)
            if part is None or whole is None or part <= whole:
                continue
            if ch.part == "net_profit" and whole <= 0:
                continue
            part_col = by_key[ch.part]
            message = ch.message.format(part_value=part, whole_value=whole)
            issue = Issue(
                row,
                part_col.header,
                _display(_cell(cells, width, part_col)),
                ch.rule,
                message,
                "error" if ch.error else "warning",
            )
            if ch.error:
                errors.append(issue)
            else:
                yield issue

        if errors:
            yield from errors
        else:
            yield ValidRow(row, uscc, name, values)
