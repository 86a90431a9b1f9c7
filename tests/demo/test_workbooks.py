"""The demo's Torch workbooks read back through the import pipeline without a single error, in
every money unit and layout they can be written in."""

import json
from decimal import Decimal
from io import StringIO

import pytest
import python_calamine
from django.core.management import call_command

from zerobay.demo.generator import generate_panel
from zerobay.demo.services import register_enterprises
from zerobay.demo.workbooks import write_annual_workbook, write_monthly_workbook
from zerobay.registry.reference import load_reference
from zerobay.statistics.models import AnnualReport, ImportBatch, MonthlyReport
from zerobay.statistics.periods import Period, PeriodType
from zerobay.statistics.services import import_file


@pytest.fixture(scope="module")
def panel():
    return generate_panel(40, [2024, 2025], seed=11)


def _rows(path):
    return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_header_has_title_rows_and_units_in_full_width_parentheses(panel, tmp_path):
    rows = _rows(write_annual_workbook(tmp_path / "a.xlsx", panel, 2025))
    assert "2025年" in rows[0][0]
    header = rows[2]
    assert header[:2] == ["统一社会信用代码", "企业名称"]
    assert "营业收入（千元）" in header and "从业人员期末人数（人）" in header
    assert len(rows) == 3 + sum(1 for e in panel.enterprises if 2025 in e.annual)
    rows = _rows(write_annual_workbook(tmp_path / "b.xlsx", panel, 2025, title_rows=False, money_unit="万元"))
    assert "营业收入（万元）" in rows[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"money_unit": "元", "title_rows": False},
        {"money_unit": "万元", "shuffle_columns": True, "seed": 3},
        {"money_unit": "亿元", "shuffle_columns": True, "seed": 4},
    ],
    ids=["千元", "元-no-title", "万元-shuffled", "亿元-shuffled"],
)
def test_annual_workbook_imports_with_zero_errors_and_exact_values(panel, tmp_path, options):
    load_reference()
    register_enterprises(panel)
    path = write_annual_workbook(tmp_path / "annual.xlsx", panel, 2025, **options)
    batch, report = import_file(path, form_code="torch_annual", period=Period(2025))
    expected = [e for e in panel.enterprises if 2025 in e.annual]
    assert report.errors == [] and report.warnings == []
    assert batch.status == ImportBatch.Status.IMPORTED and report.rows_imported == len(expected)
    stored = {
        r.enterprise.uscc: r for r in AnnualReport.objects.filter(year=2025).select_related("enterprise")
    }
    for e in expected:
        a, r = e.annual[2025], stored[e.uscc]
        assert (r.revenue, r.net_profit, r.hightech_revenue) == (
            Decimal(a.revenue),
            Decimal(a.net_profit),
            Decimal(a.hightech_revenue),
        )
        assert (r.employees, r.invention_applications) == (a.employees, a.invention_applications)


@pytest.mark.django_db
def test_monthly_workbooks_import_in_order_with_zero_errors(panel, tmp_path):
    load_reference()
    register_enterprises(panel)
    for month in (1, 2, 3):
        path = write_monthly_workbook(tmp_path / f"m{month}.xlsx", panel, 2025, month)
        batch, report = import_file(
            path, form_code="torch_monthly", period=Period(2025, PeriodType.MONTH, month)
        )
        assert report.errors == [] and report.warnings == [], report.errors[:3]
        assert report.rows_imported == sum(1 for _ in panel.monthly_rows(month))
    assert MonthlyReport.objects.filter(year=2025, month=3).count() == sum(1 for _ in panel.monthly_rows(3))


def test_generate_command_writes_workbooks_and_registry_file(tmp_path):
    out = StringIO()
    call_command(
        "generate",
        "--enterprises",
        "30",
        "--years",
        "2024,2025",
        "--out",
        str(tmp_path),
        "--money-unit",
        "万元",
        "--monthly",
        "--months",
        "2",
        stdout=out,
        stderr=StringIO(),
    )
    printed = out.getvalue().split()
    expected = ["torch_annual_2024.xlsx", "torch_annual_2025.xlsx", "torch_monthly_2025-01.xlsx"]
    assert all(str(tmp_path / name) in printed for name in expected)
    assert "营业收入（万元）" in _rows(tmp_path / "torch_annual_2025.xlsx")[2]
    data = json.loads((tmp_path / "enterprises.json").read_text(encoding="utf-8"))
    assert len(data["enterprises"]) == 30 and data["years"] == [2024, 2025]
    first = data["enterprises"][0]
    assert {"uscc", "name", "org_unit", "tracks", "qualifications"} <= set(first)
