"""The cockpit in a real browser over the demo district: its charts are drawn with Chinese labels
at a desktop width, it fits a phone, and it prints on one A4 landscape page. The screenshots are
kept in the test's tmp_path (and in $COCKPIT_SHOTS when set) to be looked at."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CJK = re.compile(r"[\u4e00-\u9fff]")
CHARTS = ("trend-0", "trend-1", "trend-2", "subpark-revenue", "money", "pipeline")


@pytest.fixture
def demo_district(tmp_path):
    options = ("--no-serve", "--skip-migrate", "--enterprises", "60", "--out", str(tmp_path / "demo"))
    call_command("demo", *options, stdout=StringIO())


def _shots(tmp_path) -> Path:
    return Path(os.environ.get("COCKPIT_SHOTS") or tmp_path)


def _log_in(browser, live_server, width: int, height: int):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "zerobay-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def _labels(page) -> dict[str, list[str]]:
    """The category labels and series names each chart draws."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("div.chart")].map(el => {
            const o = echarts.getInstanceByDom(el).getOption();
            const axes = [...(o.xAxis || []), ...(o.yAxis || [])].flatMap(a => a.data || []);
            return [el.id, [...axes.map(String), ...o.series.map(s => s.name || "")]];
        }))"""
    )


def test_the_cockpit_draws_its_charts_with_chinese_labels(browser, live_server, demo_district, tmp_path):
    shots = _shots(tmp_path)
    context, page = _log_in(browser, live_server, 1440, 1000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.locator("#open-cockpit").click()  # reached first from the home
    page.wait_for_url(f"{live_server.url}/reports/cockpit/")
    for name in CHARTS:
        page.locator(f"#{name}-chart canvas").wait_for()
    page.wait_for_timeout(800)  # the charts' entry animation
    page.screenshot(path=str(shots / "cockpit-1440.png"), full_page=True)
    labels = _labels(page)
    assert errors == []
    assert set(CHARTS) <= {k.removesuffix("-chart") for k in labels}
    assert any(CJK.search(x) for x in labels["subpark-revenue-chart"])  # sub-parks by their Chinese names
    assert "大零号湾" in " ".join(labels["subpark-revenue-chart"])
    assert "高新技术企业" in labels["pipeline-chart"]
    assert "已结束年份" in labels["trend-0-chart"]
    assert page.locator("#trends figcaption").first.inner_text() == "营业收入"
    assert page.locator("#headlines .cockpit-head").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440

    # The phone: no horizontal overflow of the page.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "cockpit-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Print: one A4 landscape page.
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "cockpit-print.png"), full_page=True)
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the cockpit prints on {pages} pages"
    context.close()
