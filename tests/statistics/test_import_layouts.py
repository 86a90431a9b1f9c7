"""Header layouts real district templates have: two-row headers and a numbering row beneath."""

from decimal import Decimal

import pytest

from zerobay.statistics.models import AnnualReport

from ..factories import make_uscc
from .helpers import run_import

pytestmark = pytest.mark.django_db


def test_a_header_on_two_rows_with_group_cells_and_units_below(workbook, district):
    u = make_uscc()
    top = ["统一社会信用代码", "企业名称", "从业人员期末人数", "经济概况", "", "研究开发活动", ""]
    below = [
        "",
        "",
        "（人）",
        "营业收入（千元）",
        "净利润（千元）",
        "R&D人员（人）",
        "R&D经费内部支出（万元）",
    ]
    path = workbook(
        top, [below, [u, "两行表头公司", 50, 2_000, 100, 8, 30]], title_rows=[["2025年火炬统计年报"]]
    )
    status, report = run_import(path)
    assert status == 0, report["errors"]
    assert report["rows_read"] == 1 and report["errors"] == []
    r = AnnualReport.objects.get(enterprise__uscc=u)
    assert (r.employees, r.rd_staff) == (50, 8)
    assert r.revenue == Decimal("2000000.00") and r.rd_expenditure == Decimal("300000.00")
    assert r.source_row == 4  # title row, two header rows


@pytest.mark.parametrize(
    "numbering",
    [["甲", "乙", 1, 2, 3], ["qa03", "qa04", "qd01", "qc05_0", "qj09"], ["A", "B", "1", "2", "3"]],
)
def test_a_numbering_row_under_the_header_is_not_an_enterprise(workbook, district, numbering):
    u = make_uscc()
    header = ["统一社会信用代码", "企业名称", "从业人员期末人数（人）", "营业收入（千元）", "R&D人员（人）"]
    status, report = run_import(workbook(header, [numbering, [u, "编号行公司", 30, 500, 3]]))
    assert status == 0, report["errors"]
    assert report["rows_read"] == 1
    assert [w["row"] for w in report["warnings"] if w["rule"] == "numbering_row"] == [2]
    assert AnnualReport.objects.get(enterprise__uscc=u).source_row == 3


def test_the_first_data_row_is_never_taken_for_a_header_row(workbook, district):
    u = make_uscc()
    # A data row whose cells happen to look like units must stay data.
    status, report = run_import(workbook(["统一社会信用代码", "企业名称", "营业收入"], [[u, "千元", 5]]))
    assert status == 0 and report["rows_imported"] == 1
