"""A district admin in a real browser: a workbook with errors imports nothing; a clean one lands
on the enterprise page."""

import pytest

from zerobay.accounts.models import Role
from zerobay.registry.models import Enterprise
from zerobay.statistics.models import AnnualReport, ImportBatch

from ..conftest import PASSWORD, write_workbook
from ..factories import UserFactory, make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "从业人员期末人数（人）",
    "营业收入（千元）",
    "R&D经费内部支出（千元）",
    "当年专利申请数（件）",
    "其中：发明专利申请数（件）",
]


def upload(page, live_server, path):
    page.goto(f"{live_server.url}/imports/new/")
    page.select_option("select[name=form_code]", "torch_annual")
    page.fill("input[name=year]", "2025")
    page.set_input_files("input[name=file]", str(path))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/imports/*/")


def test_errors_block_the_import_then_a_clean_file_lands(page, live_server, tmp_path, district):
    UserFactory(username="kewei", role=Role.DISTRICT_ADMIN)
    good, other = make_uscc(), make_uscc()
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "kewei")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "企业" in page.locator("nav").inner_text()  # Chinese first, though the browser asks for English

    bad = write_workbook(
        tmp_path / "年报-有错.xlsx",
        HEADER,
        [
            [good, "上海零号湾智能科技有限公司", 120, 50_000, 3_000, 12, 5],
            [
                other,
                "上海紫竹生物有限公司",
                80,
                "一万",
                100,
                3,
                4,
            ],  # row 4 (title row 1, header row 2)
            ["91310112MA1234567X", "校验码错误公司", 10, 100, 1, 1, 0],  # row 5: bad check character
        ],
        title_rows=[["2025年火炬统计年报"]],
    )
    upload(page, live_server, bad)
    errors = page.locator("#errors-table tbody tr")
    assert errors.count() == 3
    rows = [
        (errors.nth(i).locator("td").nth(0).inner_text(), errors.nth(i).locator("td").nth(1).inner_text())
        for i in range(3)
    ]
    assert ("4", "营业收入（千元）") in rows and ("4", "其中：发明专利申请数（件）") in rows
    assert ("5", "统一社会信用代码") in rows
    assert page.locator("#confirm-button").is_disabled()
    page.screenshot(path=str(tmp_path / "errors.png"), full_page=True)
    # Nothing was imported: not the valid row either, and no enterprise was registered.
    page.goto(f"{live_server.url}/enterprises/?q={good}")
    assert page.locator("table.data tbody td.empty").count() == 1  # "no enterprise matches"
    assert not AnnualReport.objects.exists() and not Enterprise.objects.exists()

    clean = write_workbook(
        tmp_path / "年报-更正.xlsx",
        HEADER,
        [
            [good, "上海零号湾智能科技有限公司", 120, 50_000, 3_000, 12, 5],
            [other, "上海紫竹生物有限公司", 80, 10_000, 100, 3, 1],
        ],
        title_rows=[["2025年火炬统计年报"]],
    )
    upload(page, live_server, clean)
    assert page.locator("#errors-table").count() == 0
    page.locator("#confirm-button").click()
    page.wait_for_function("document.querySelector('#status-badge').innerText.includes('已导入')")
    imported = ImportBatch.objects.get(status=ImportBatch.Status.IMPORTED)

    page.goto(f"{live_server.url}/enterprises/{good}/")
    figures = page.locator("#annual-figures").inner_text()
    assert "2025" in figures and "5,000.00" in figures and "300.00" in figures  # 万元: revenue, R&D
    assert "年报-更正.xlsx" in page.content()  # where the figures came from
    assert f"由导入批次 #{imported.pk} 新建" in page.content()  # and which import registered it
    page.screenshot(path=str(tmp_path / "enterprise.png"), full_page=True)
