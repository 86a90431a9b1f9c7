"""A district admin in a real browser: from the indicator overview to an indicator's chart and
published target, then down to the enterprises behind a value."""

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..indicators.fixtures import build_park

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overview_to_chart_to_the_enterprises_behind_a_value(
    page, live_server, admin_user, district, workbook, django_capture_on_commit_callbacks, tmp_path
):
    park = build_park(district, workbook, django_capture_on_commit_callbacks)
    page.goto(f"{live_server.url}/indicators/")
    page.fill("input[name=username]", admin_user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/indicators/")
    expect(page.locator("#status-chart canvas")).to_have_count(1)
    row = page.locator('tr[data-indicator="park.rd_intensity"]')
    assert "正常" in row.inner_text() and "88.2%" in row.inner_text()

    row.get_by_role("link", name="园区企业研发经费支出占营业收入比重").click()
    page.wait_for_url("**/indicators/park.rd_intensity/")
    page.locator("#series-chart canvas").wait_for()
    assert page.locator("#series-chart canvas").bounding_box()["height"] > 200
    published = page.locator("#published tbody tr").first.inner_text()
    assert "2026" in published and "目标值" in published and "6.8" in published
    assert "张江高新区闵行园区改革创新发展行动方案" in published
    page.screenshot(path=str(tmp_path / "indicator.png"), full_page=True)

    page.locator("#series-table a", has_text="6.00").click()
    page.wait_for_url("**/indicators/park.rd_intensity/drill/?org=ZJMH&year=2025")
    rows = page.locator("#drill-table tbody tr")
    assert rows.count() == 3
    assert park["A"].name in rows.first.inner_text() and "年报2025.xlsx" in rows.first.inner_text()
    assert "= 6.00 %" in page.locator("#drill-totals").inner_text()
