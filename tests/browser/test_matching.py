"""The hall in a real browser: a visitor searches without logging in; an enterprise posts a demand;
a technology manager sees the suggested matches with their reasons and moves one to a contract."""

import pytest

from tests.factories import EnterpriseFactory, UserFactory
from zerobay.accounts.models import Role
from zerobay.matching.models import Achievement, Demand, Match, MatchEvent
from zerobay.registry.reference import load_reference

from ..conftest import PASSWORD
from ..matching.conftest import make_achievement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, url, username):
    page.goto(url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()


def test_visitor_search_enterprise_demand_manager_contract(page, live_server, tmp_path):
    load_reference()
    make_achievement("CG-VIS", Achievement.Status.PUBLISHED)
    make_achievement(
        "CG-SEA",
        Achievement.Status.PUBLISHED,
        title="深海温盐深传感器高精度标定方法",
        abstract="海水盐度测量",
    )
    make_achievement("CG-DRAFT", Achievement.Status.DRAFT, title="极片毛刺检测草稿成果")
    firm = EnterpriseFactory(name="零号湾电池科技有限公司")
    UserFactory(username="ent", role=Role.ENTERPRISE, enterprise=firm)
    UserFactory(username="mgr", role=Role.TECH_MANAGER)
    MatchEvent.objects.create(title="储能专场对接会", held_on="2025-06-01")

    # A visitor, not logged in, searches in industrial words and finds the academic achievement.
    page.goto(f"{live_server.url}/hall/")
    page.fill("input[name=q]", "锂电极片毛刺在线检出")
    page.locator("#hall-search").click()
    first = page.locator("#results .hit").first
    assert first.get_attribute("data-code") == "CG-VIS"
    assert "极片" in first.locator(".reasons").inner_text()
    assert "CG-DRAFT" not in page.content()
    page.screenshot(path=str(tmp_path / "hall.png"), full_page=True)

    # The enterprise posts a demand.
    login(page, f"{live_server.url}/accounts/login/?next=/hall/new/demand/", "ent")
    page.wait_for_url("**/hall/new/demand/")
    page.fill("input[name=title]", "产线上的锂电极片毛刺怎么在线检出")
    page.fill("textarea[name=description]", "涂布分切后极片边缘有毛刺，人工抽检漏检多")
    page.locator("#publish-demand").click()
    page.wait_for_url("**/hall/demands/XQ*/")
    demand = Demand.objects.get()
    assert demand.status == "open" and demand.enterprise == firm
    page.context.clear_cookies()

    # The technology manager asks for suggestions, reads the reasons and takes one to a contract.
    login(page, f"{live_server.url}/accounts/login/?next=/hall/demands/{demand.code}/", "mgr")
    page.wait_for_url(f"**/hall/demands/{demand.code}/")
    page.locator("#suggest").click()
    hit = page.locator("#suggested .hit").first
    assert "基于深度学习的电池极片表面缺陷视觉检测方法" in hit.inner_text()
    assert "共同术语" in hit.locator(".reasons").inner_text()
    hit.locator("h3 a").click()
    page.wait_for_url("**/hall/matches/*/")
    for stage in ("introduced", "intention"):
        page.select_option("select[name=to]", stage)
        page.locator("#advance").click()
        page.wait_for_load_state()
    page.select_option("select[name=to]", "contract")
    page.fill("input[name=contract_value_wan]", "120")
    page.fill("input[name=contract_signed_on]", "2025-08-01")
    page.fill("input[name=contract_registration]", "2025310112000001")
    page.locator("#advance").click()
    page.locator("#contract-value").wait_for()
    assert "120" in page.locator("#contract-value").inner_text()
    assert Match.objects.get(achievement__code="CG-VIS").stage == "contract"
    page.goto(f"{live_server.url}/hall/board/")
    assert page.locator('.col[data-stage="contract"] .item').count() == 1
    page.screenshot(path=str(tmp_path / "board.png"), full_page=True)
