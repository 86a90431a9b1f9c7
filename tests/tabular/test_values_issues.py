"""Cells into values (numbers as real workbooks write them, money units, USCCs, dates) and the
import report every importer returns."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import make_uscc
from zerobay.tabular.issues import ImportReport, Issue
from zerobay.tabular.units import MONEY_UNITS
from zerobay.tabular.values import (
    NotADate,
    NotANumber,
    clean_uscc,
    parse_code,
    parse_date,
    parse_number,
    uscc_problem,
)


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (1234, Decimal(1234)),
        (0.1, Decimal("0.1")),
        ("1,234.5", Decimal("1234.5")),
        ("１２３", Decimal(123)),
        (" 12 ", Decimal(12)),
        ("(12)", Decimal(-12)),
        ("—", None),
        ("无", None),
        (None, None),
    ],
)
def test_numbers_as_written_in_real_workbooks(cell, number):
    assert parse_number(cell) == number


@pytest.mark.parametrize("cell", ["abc", True, float("nan"), "inf"])
def test_not_a_number(cell):
    with pytest.raises(NotANumber):
        parse_number(cell)


def test_money_units_convert_to_yuan():
    assert parse_number("1.5") * MONEY_UNITS["万元"] == Decimal("15000.0")
    assert MONEY_UNITS["千元"] == 1000
    assert MONEY_UNITS["亿元"] == 100_000_000
    assert MONEY_UNITS["元"] == 1


def test_uscc_is_cleaned_and_checked():
    code = make_uscc(7)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert clean_uscc(" " + code.lower()[:8] + " " + code.lower()[8:] + " ") == code
    assert clean_uscc("".join(chr(ord(c) + 0xFEE0) for c in code)) == code  # full-width
    assert uscc_problem(code) is None
    assert uscc_problem(code[:17]) == "长度为17位，应为18位"
    assert uscc_problem(wrong) == "校验码错误"


@pytest.mark.parametrize(
    "cell",
    ["2021-03-05", "2021/3/5", "2021.3.5", "2021年3月5日", 44260, datetime.datetime(2021, 3, 5, 8)],  # noqa: DTZ001 (Excel has no zones)
)
def test_dates_in_every_spelling(cell):
    assert parse_date(cell) == datetime.date(2021, 3, 5)


def test_not_a_date():
    with pytest.raises(NotADate):
        parse_date("2021-02-30")


def test_codes_get_their_leading_zeros_back():
    assert parse_code(651, 4) == "0651"
    assert parse_code("I6520", 4) == "6520"


def test_the_report_json_keys_and_exit_status():
    report = ImportReport(rows_read=2, rows_valid=1)
    report.errors.append(Issue(3, "企业名称", "", "required", "必填"))
    data = report.as_dict()
    assert set(data) == {
        "rows_read",
        "rows_valid",
        "rows_imported",
        "errors",
        "warnings",
        "error_count",
        "warning_count",
        "issues_truncated",
        "created",
        "updated",
        "unchanged",
        "enterprises_created",
        "header_row",
        "columns",
    }
    assert data["errors"][0] == {
        "row": 3,
        "column": "企业名称",
        "value": "",
        "rule": "required",
        "message": "必填",
        "severity": "error",
    }
    assert report.exit_status(skip_invalid=False) == 1
    assert report.exit_status(skip_invalid=True) == 0
    report.errors.append(Issue(None, None, None, "no_header", "未找到表头"))
    report.fatal = True
    assert report.exit_status(skip_invalid=True) == 2


def test_issues_beyond_the_bound_are_counted_and_their_rows_remembered():
    report = ImportReport()
    report.errors.bound = 3
    for row in range(2, 12):
        report.errors.append(Issue(row, "营业收入", "x", "not_a_number", "不是数字"))
    assert len(report.errors) == 3 and report.error_count == 10
    assert report.error_rows == set(range(2, 12))  # --skip-invalid skips all ten rows
    data = report.as_dict()
    assert data["error_count"] == 10 and data["issues_truncated"] is True
    assert any("问题过多" in line for line in report.text_lines())
    assert ImportReport().as_dict()["issues_truncated"] is False
