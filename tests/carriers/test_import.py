"""`zerobay import carrier-annual`: a messy workbook through the statistics pipeline."""

from decimal import Decimal

import pytest
import xlsxwriter

from zerobay.carriers.models import CarrierStatistics, CarrierStatisticsRevision
from zerobay.statistics.models import ImportBatch

from ..statistics.helpers import rules, run_import
from .conftest import CarrierFactory

pytestmark = pytest.mark.django_db
YEAR = ("--year", "2024")


def messy_workbook(path, rows):
    """Title rows, units in headers (万元, 千元, 平方米, m²), a two-row IP group, thousands separators."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("载体统计")
    ws.write_row(0, 0, ["2024年度闵行区科技企业孵化器统计表"])
    ws.write_row(1, 0, ["填报单位：区科委", "", "", "单位：见各列"])
    top = [
        "序号",
        "*载体名称",
        "统一社会信用代码",
        "场地面积（平方米）",
        "在孵企业使用面积(m²)",
        "在孵企业数（家）",
        "当年新增在孵企业数",
        "累计毕业企业数（家）",
        "在孵企业总收入（万元）",
        "孵化器总收入（千元）",
        "其中：物业收入（千元）",
        "综合服务收入（千元）",
        "创业导师人数（人）",
        "在孵企业知识产权",
        "",
        "",
    ]
    below = [""] * 13 + ["申请数（件）", "授权数（件）", "发明专利"]
    ws.write_row(2, 0, top)
    ws.write_row(3, 0, below)
    for i, row in enumerate(rows):
        ws.write_row(4 + i, 0, row)
    wb.close()
    return path


@pytest.fixture
def three(district):
    a = CarrierFactory(name="零号湾创新孵化器", org_unit=district["dlhw"])
    b = CarrierFactory(name="紫竹众创空间", uscc="", org_unit=district["zizhu"])
    c = CarrierFactory(name="交大科技园", org_unit=district["dlhw"])
    return a, b, c


def test_a_messy_workbook_imports_with_row_errors_and_exact_totals(tmp_path, three):
    a, b, c = three
    path = messy_workbook(
        tmp_path / "carriers.xlsx",
        [
            [
                1,
                "零号湾创新孵化器",
                a.uscc,
                "12,500.5",
                9800,
                45,
                12,
                30,
                "3,456.78",
                8000,
                5200,
                "1,500",
                18,
                40,
                25,
                7,
            ],
            [2, "紫竹 众创空间", "", 3000, "2,100", 20, 5, 4, 987.65, "1,234.567", 600, 300, 6, 8, 3, 1],
            [3, "交大科技园", "", 5000, 6000, 30, 40, 10, 100, 2000, 2500, 100, 5, 1, 1, 0],  # errors
            [4, "不存在的孵化器", "", 100, 50, 1, 1, 0, 1, 10, 5, 1, 1, 0, 0, 0],
            [
                None,
                "合计",
                None,
                "20,600.5",
                None,
                96,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
        ],
    )
    status, report = run_import(path, form="carrier-annual", period=YEAR)
    assert status == 1 and report["rows_imported"] == 0  # errors, nothing written without --skip-invalid
    assert rules(report) == [
        (7, "part_exceeds_whole"),  # 在孵企业使用面积 > 场地面积
        (7, "part_exceeds_whole"),  # 新增 > 在孵
        (7, "part_exceeds_whole"),  # 物业收入 > 总收入
        (8, "unknown_carrier"),
    ]
    assert report["header_row"] == 3 and report["rows_read"] == 4 and report["rows_valid"] == 2

    status, report = run_import(path, "--skip-invalid", form="carrier-annual", period=YEAR)
    assert status == 0 and report["rows_imported"] == 2 and report["created"] == 2
    sa = CarrierStatistics.objects.get(carrier=a, year=2024)
    assert sa.space_m2 == Decimal("12500.50") and sa.incubation_space_m2 == Decimal("9800")
    assert sa.resident_revenue == Decimal("34567800.00")  # 3,456.78 万元
    assert sa.total_income == Decimal("8000000") and sa.property_income == Decimal("5200000")
    assert sa.service_income == Decimal("1500000")
    assert (sa.ip_applications, sa.ip_granted, sa.invention_patents) == (40, 25, 7)
    sb = CarrierStatistics.objects.get(carrier=b, year=2024)  # named by its name, spaces aside
    assert sb.total_income == Decimal("1234567.00") and sb.resident_revenue == Decimal("9876500.00")
    assert sb.source_row == 6 and sb.batch.form == "carrier_annual"
    # Exact totals over what was imported.
    assert sum(s.total_income for s in CarrierStatistics.objects.all()) == Decimal("9234567.00")
    assert sum(s.residents for s in CarrierStatistics.objects.all()) == 65


def test_a_second_file_makes_a_revision_and_a_dry_run_writes_nothing(tmp_path, three):
    a = three[0]
    row = [1, "零号湾创新孵化器", a.uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0]
    run_import(messy_workbook(tmp_path / "one.xlsx", [row]), form="carrier-annual", period=YEAR)
    row[5] = 7
    status, report = run_import(
        messy_workbook(tmp_path / "two.xlsx", [row]), "--dry-run", form="carrier-annual", period=YEAR
    )
    assert status == 0 and report["rows_imported"] == 0
    assert CarrierStatistics.objects.get().residents == 5
    status, report = run_import(tmp_path / "two.xlsx", form="carrier-annual", period=YEAR)
    assert status == 0 and report["updated"] == 1
    current = CarrierStatistics.objects.get()
    assert current.residents == 7 and current.revision == 2
    old = CarrierStatisticsRevision.objects.get()
    assert old.values["residents"] == "5" and old.batch.original_name == "one.xlsx"
    assert ImportBatch.objects.filter(form="carrier_annual").count() == 3


def test_an_unreadable_file_and_a_file_without_the_header_exit_2(tmp_path, three):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    assert run_import(bad, form="carrier-annual", period=YEAR)[0] == 2
    path = tmp_path / "noheader.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet().write_row(0, 0, ["甲", "乙"])
    wb.close()
    status, report = run_import(path, form="carrier-annual", period=YEAR)
    assert status == 2 and "载体名称" in report["errors"][0]["message"]


def test_a_carrier_operator_may_file_only_its_own_carrier(tmp_path, three):
    from zerobay.accounts.models import Role

    from ..factories import UserFactory

    UserFactory(username="cop", role=Role.CARRIER_OPERATOR, carrier=three[0])
    rows = [
        [1, "零号湾创新孵化器", three[0].uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0],
        [2, "紫竹众创空间", "", 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0],
    ]
    status, report = run_import(
        messy_workbook(tmp_path / "c.xlsx", rows), "--user", "cop", form="carrier-annual", period=YEAR
    )
    assert status == 1 and rules(report) == [(6, "out_of_scope")]
