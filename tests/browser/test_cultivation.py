"""A sub-park operator in a real browser: the HTE candidate list of its sub-park, the near misses
with their gaps, one enterprise's page, the xlsx export, and nothing of another sub-park."""

import openpyxl
import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..cultivation.panel import good_hte

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_operator_works_through_the_hte_candidates_of_its_subpark(
    page, live_server, operator, district, tmp_path
):
    near = good_hte(district["block"], name="零号湾差一点智能科技有限公司", hightech_revenue=1500)
    good_hte(district["dlhw"], name="零号湾就绪科技有限公司")
    other = good_hte(district["zizhu"], name="紫竹差一点生物医药有限公司", hightech_revenue=1500)

    page.goto(f"{live_server.url}/cultivation/")
    page.fill("input[name=username]", operator.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/cultivation/")
    page.locator("#qualification-cards").get_by_role("link", name="高新技术企业", exact=True).click()
    page.wait_for_url("**/cultivation/screen/hte/")

    table = page.locator("#candidates tbody")
    assert table.locator("tr").count() == 1
    row = table.locator("tr").first.inner_text()
    assert near.name in row and "差一项" in row
    assert "高新技术产品（服务）收入占比 50%，还差 10 个百分点" in row
    assert other.name not in page.content()
    page.screenshot(path=str(tmp_path / "candidates.png"), full_page=True)

    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(saved).active
    names = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [near.name]

    page.locator("#status-tabs a", has_text="全部").click()
    page.wait_for_url("**/cultivation/screen/hte/?status=all")
    expect(page.locator("#candidates tbody tr")).to_have_count(2)
    assert other.name not in page.content()

    page.goto(f"{live_server.url}/cultivation/screen/hte/")
    page.get_by_role("link", name=near.name).click()
    page.wait_for_url(f"**/cultivation/enterprises/{near.uscc}/**")
    assert page.locator("#next-rung").inner_text() == "科技型中小企业"
    hte = page.locator("#rule-hte").inner_text()
    assert "差一项" in hte and "还差 10 个百分点" in hte
    page.screenshot(path=str(tmp_path / "enterprise.png"), full_page=True)

    response = page.goto(f"{live_server.url}/cultivation/enterprises/{other.uscc}/")
    assert response.status == 404
