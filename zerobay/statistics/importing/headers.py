"""Matching a workbook's header to a report form: which column is which field, in which unit.
Finding and folding the header row is the shared part's (zerobay.tabular.headers)."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from zerobay.tabular.headers import clean_label, fold, scan_header
from zerobay.tabular.headers import find_header as find_header_row
from zerobay.tabular.headers import merge_header_rows as merge_rows
from zerobay.tabular.issues import Issue
from zerobay.tabular.units import AREA_UNITS, COUNT_UNITS, MONEY_UNITS

from ..reportforms import Field, Kind, ReportForm


@dataclass
class Column:
    index: int  # position in the row as read
    header: str  # as written in the file
    field: Field
    factor: Decimal  # to yuan for money, to m² for an area, 1 otherwise


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
    for cell in scan_header(cells, index, key=lambda f: f.key):
        i, header, unit, f = cell.position, cell.header, cell.unit, cell.column
        if f is None:
            warnings.append(
                Issue(row, header, header, "unknown_column", f"未识别的列“{header}”，已忽略", "warning")
            )
            continue
        if cell.duplicate_of is not None:
            errors.append(
                Issue(
                    row,
                    header,
                    header,
                    "duplicate_column",
                    f"列“{header}”与列“{cell.duplicate_of}”是同一指标，无法确定采用哪一列",
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
        elif f.kind == Kind.AREA:
            if unit is not None and unit not in AREA_UNITS:
                errors.append(
                    Issue(
                        row,
                        header,
                        header,
                        "unit_invalid",
                        f"列“{header}”的单位“{unit}”不是面积单位（应为平方米或万平方米）",
                    )
                )
                continue
            factor = AREA_UNITS[unit or "平方米"]
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
    required = {f.key for f in form.fields if f.required}
    index = {label: f.key for label, f in _label_index(form).items()}
    return find_header_row(rows, index, lambda keys: required <= keys)


def merge_header_rows(top: list, below: list, form: ReportForm) -> list | None:
    """One row of headers from a header written on two rows (see zerobay.tabular.headers)."""
    return merge_rows(top, below, _label_index(form))
