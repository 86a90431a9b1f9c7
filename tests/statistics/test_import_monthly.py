"""The monthly report (月报): cumulative revenue and employees by month, same pipeline."""

from decimal import Decimal

import pytest
from django.core.management import CommandError

from zerobay.statistics.models import MonthlyReport

from ..factories import EnterpriseFactory, make_uscc
from .helpers import run_import

pytestmark = pytest.mark.django_db
HEADER = ["统一社会信用代码", "企业名称", "营业收入（本年累计，万元）", "从业人员（人）"]


def test_monthly_report_is_stored_per_month(workbook, district):
    e = EnterpriseFactory(org_unit=district["dlhw"])
    status, report = run_import(
        workbook(HEADER, [[e.uscc, e.name, "1,200.5", 35]]),
        form="torch-monthly",
        period=("--month", "2025-03"),
    )
    assert status == 0, report
    m = MonthlyReport.objects.get(enterprise=e)
    assert (m.year, m.month, m.employees) == (2025, 3, 35)
    assert m.revenue_ytd == Decimal("12005000.00")


def test_falling_cumulative_revenue_is_flagged(workbook, district):
    e = EnterpriseFactory(org_unit=district["dlhw"])
    assert (
        run_import(
            workbook(HEADER, [[e.uscc, e.name, 500, 30]], name="m3.xlsx"),
            form="torch-monthly",
            period=("--month", "2025-03"),
        )[0]
        == 0
    )
    status, report = run_import(
        workbook(HEADER, [[e.uscc, e.name, 400, 30]], name="m4.xlsx"),
        form="torch-monthly",
        period=("--month", "2025-04"),
    )
    assert status == 0
    assert [w["rule"] for w in report["warnings"]] == ["cumulative_decrease"]
    assert MonthlyReport.objects.count() == 2


def test_month_must_be_a_month(workbook, district):
    with pytest.raises(CommandError):
        run_import(
            workbook(HEADER, [[make_uscc(), "某公司", 1, 1]]),
            form="torch-monthly",
            period=("--month", "2025"),
        )
