"""At 390 px, the width of a phone, no page is wider than the screen: the navigation scrolls in
its bar, tables in their box."""

import pytest

from ..conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/enterprises/", "/indicators/", "/programs/", "/hall/", "/imports/", "/cultivation/"]


def test_no_page_overflows_a_phone(browser, live_server, admin_user, two_enterprises, tmp_path):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", admin_user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    wide = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(tmp_path / f"{path.strip('/') or 'home'}.png"), full_page=True)
        if width > 390:
            wide[path] = width
    context.close()
    assert wide == {}
