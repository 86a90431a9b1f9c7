"""The money and people records (支持记录): the offices' workbooks go through the one import pipeline,
with row and column in every error, one record per (firm, kind, date, counterpart) and the figures a
re-import replaces kept as a revision."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from zerobay.service.models import SupportRecord, SupportRecordRevision
from zerobay.statistics.models import ImportBatch
from zerobay.statistics.periods import Period
from zerobay.statistics.services import import_file

pytestmark = pytest.mark.django_db
HEADER = ["统一社会信用代码", "企业名称", "支持类型", "日期", "银行", "金额（万元）", "人数", "备注"]


def _rows(mine, other):
    return [
        [mine.uscc, mine.name, "首贷", "2025-03-05", "上海银行闵行支行", "120.5", "", ""],
        [mine.uscc, mine.name, "春申金才", "2025年6月1日", "春申人才计划", "", "2", "D类"],
        [other.uscc, other.name, "人才公寓", "2025/7/9", "区筹公租房", "", "3", ""],
    ]


def test_a_workbook_of_records_is_imported_with_its_source(workbook, two_enterprises):
    mine, other = two_enterprises
    path = workbook(HEADER, _rows(mine, other), title_rows=[["2025年企业支持记录"]], name="支持记录.xlsx")
    batch, report = import_file(path, form_code="support_records", period=Period(2025))
    assert not report.errors and report.rows_imported == 3
    loan = SupportRecord.objects.get(enterprise=mine, kind="first_loan")
    assert loan.amount == Decimal("1205000.00")  # 120.5 万元, in yuan
    assert loan.counterpart == "上海银行闵行支行" and loan.day == datetime.date(2025, 3, 5)
    assert loan.batch == batch and loan.source_row == 3  # the title row, the header, then the row
    talent = SupportRecord.objects.get(enterprise=mine, kind="talent")
    assert (talent.quantity, talent.note, talent.day) == (2, "D类", datetime.date(2025, 6, 1))
    assert SupportRecord.objects.get(enterprise=other).kind == "housing"


def test_every_bad_cell_is_named_and_nothing_is_stored(workbook, two_enterprises):
    mine, other = two_enterprises
    rows = [
        [mine.uscc, mine.name, "天使轮", "2025-03-05", "", "10", "", ""],
        [mine.uscc, mine.name, "首贷", "去年", "", "10", "", ""],
        [other.uscc, other.name, "资助", "2025-04-01", "", "-5", "", ""],
    ]
    path = workbook(HEADER, rows)
    _batch, report = import_file(path, form_code="support_records", period=Period(2025))
    by_row = {e.row: e for e in report.errors}
    assert set(by_row) == {2, 3, 4}
    assert by_row[2].column == "支持类型" and by_row[2].value == "天使轮"
    assert by_row[3].column == "日期" and by_row[3].value == "去年"
    assert by_row[4].column == "金额（万元）"
    assert not SupportRecord.objects.exists()


def test_the_same_record_twice_in_a_file_is_an_error_of_the_second_row(workbook, two_enterprises):
    mine, _other = two_enterprises
    row = [mine.uscc, mine.name, "首贷", "2025-03-05", "上海银行", "10", "", ""]
    _batch, report = import_file(
        workbook(HEADER, [row, row]), form_code="support_records", period=Period(2025)
    )
    assert [e.row for e in report.errors] == [3]
    assert not SupportRecord.objects.exists()


def test_a_changed_figure_makes_a_revision_and_an_unchanged_one_nothing(workbook, two_enterprises):
    mine, other = two_enterprises
    first, _ = import_file(
        workbook(HEADER, _rows(mine, other), name="a.xlsx"), form_code="support_records", period=Period(2025)
    )
    changed = _rows(mine, other)
    changed[0][5] = "150"
    second, report = import_file(
        workbook(HEADER, changed, name="b.xlsx"), form_code="support_records", period=Period(2025)
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    loan = SupportRecord.objects.get(enterprise=mine, kind="first_loan")
    assert loan.amount == Decimal("1500000.00") and loan.revision == 2 and loan.batch == second
    old = SupportRecordRevision.objects.get(record=loan)
    assert old.values["amount"] == "1205000.00" and old.batch == first and old.superseded_by == second


def test_the_command_line_imports_support_records(workbook, two_enterprises):
    mine, other = two_enterprises
    path = workbook(HEADER, _rows(mine, other))
    out = StringIO()
    call_command("import", "support-records", str(path), "--year", "2025", stdout=out)
    assert SupportRecord.objects.count() == 3
    assert ImportBatch.objects.get().form == "support_records"
