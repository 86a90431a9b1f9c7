"""A service request in a real browser: the enterprise raises it, the unit signs and answers, the
enterprise rates the answer 不满意 and it reopens; the unit answers again, the enterprise is
satisfied; the dashboard counts one request, reopened once."""

import datetime
import os
from pathlib import Path

import pytest

from zerobay.service.services import key

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from ..service.conftest import svc  # noqa: F401 (the service scenario)
from .test_programs import act, click, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, text):
    page.fill('form[data-action="answer"] textarea[name=comment]', text)
    act(page, "answer")


def rate(page, label, comment=""):
    page.locator('form[data-action="rate"]').get_by_label(label, exact=True).check()
    if comment:
        page.fill('form[data-action="rate"] input[name=comment]', comment)
    act(page, "rate")


def test_raise_answer_rate_unsatisfied_reopen_and_count_once(page, live_server, svc, tmp_path):  # noqa: F811
    base = live_server.url
    login(page, base, svc.ent_user, "/service/requests/new/")
    page.select_option("#id_category", "talent")
    page.fill("#id_title", "两名博士后落户")
    page.fill("#id_text", "两名博士后今年入职，请问落户办理流程和时限。")
    click(page, "#request-form button[type=submit]")
    assert page.locator("#state").inner_text() == "已提交"
    path = page.url.removeprefix(base)

    login(page, base, svc.talent, "/service/")  # the talent office finds it in its list
    page.locator("#requests-table a", has_text="SR").first.click()
    page.wait_for_url(f"{base}{path}")
    act(page, "sign")
    assert page.locator("#state").inner_text() == "已签收"
    answer(page, "可按人才引进落户办理，材料清单见附件。")
    assert page.locator("#state").inner_text() == "已答复"

    login(page, base, svc.ent_user, path)
    rate(page, "不满意", "没有说明办理时限")
    assert page.locator("#state").inner_text() == "重办中"
    assert page.locator("#rating").inner_text().startswith("不满意")

    login(page, base, svc.talent, path)
    answer(page, "材料齐全后十个工作日内办结。")
    login(page, base, svc.ent_user, path)
    rate(page, "满意")
    assert page.locator("#state").inner_text() == "企业已确认"
    steps = page.locator("#timeline li").evaluate_all("els => els.map(e => e.dataset.action)")
    assert steps == ["submit", "sign", "answer", "reopen", "answer", "confirm"]
    assert page.locator("#timeline li .actor").all_inner_texts() == [
        "ent-mine",
        "liaison-rcb",
        "liaison-rcb",
        "ent-mine",
        "liaison-rcb",
        "ent-mine",
    ]

    key.set_by_hand(svc.mine, add=True, reason="产业链链主企业", user=svc.staff)
    key.record_visit(
        enterprise=svc.mine,
        day=datetime.date(2026, 11, 20),
        visitors="分管副区长、区科委主任",
        notes="企业希望扩租研发场地。",
        user=svc.staff,
    )
    login(page, base, svc.staff, "/service/dashboard/")
    assert page.locator("#total-requests").inner_text() == "1"
    assert page.locator("#total-reopen").inner_text() == "100%"  # one request, reopened once
    assert page.locator("#total-satisfaction").inner_text() == "100%"
    row = page.locator("#by-category tbody tr", has_text="人才")
    assert row.locator("td").nth(1).inner_text() == "1"
    page.locator("#total-reopen a").click()
    page.wait_for_url("**/service/?reopened=1")
    assert page.locator("#requests-table tbody tr").count() == 1
    shots = Path(os.environ.get("ZEROBAY_SCREENSHOTS") or tmp_path)  # to look at the pages
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 1000})
        page.goto(f"{base}/service/dashboard/")
        page.screenshot(path=str(shots / f"service-dashboard-{width}.png"), full_page=True)
        for name, url in (
            ("request", path),
            ("list", "/service/"),
            ("key", "/service/key/?show=all"),
            ("enterprise", f"/enterprises/{svc.mine.uscc}/"),
        ):
            page.goto(f"{base}{url}")
            page.screenshot(path=str(shots / f"service-{name}-{width}.png"), full_page=True)


def test_an_enterprise_opens_its_own_page_from_its_home_on_a_phone(browser, live_server, svc, tmp_path):  # noqa: F811
    """The enterprise's own page, as the enterprise user sees it at 390 px: every panel, its alert,
    the page no wider than the screen."""
    from django.utils import timezone

    from ..programs.factories import annual_report

    today = timezone.localdate()
    annual_report(svc.mine, today.year - 2, revenue=9_000_000, rd_expenditure=500_000)
    annual_report(svc.mine, today.year - 1, revenue=7_000_000, rd_expenditure=500_000)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    login(page, live_server.url, svc.ent_user, "/")
    page.locator("#home-own-enterprise").click()  # the top bar's link is hidden at this width
    page.wait_for_url(f"{live_server.url}/enterprises/{svc.mine.uscc}/")
    for panel in ("#ladder-panel", "#programme-panel", "#support-panel", "#timeline"):
        assert page.locator(panel).is_visible()
    assert "营业收入下降" in page.locator("[data-alert=revenue_falling]").inner_text()
    page.screenshot(path=str(tmp_path / "own-page-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
