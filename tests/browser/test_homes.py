"""Acceptance of the role homes in a real browser over the demo district: an enterprise user sees
its to-dos and follows the report reminder to the page that tells it how to report; an expert
opens a review from the home."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.cultivation.todos import reporting_todos
from zerobay.programs.services.review import my_assignments

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "zerobay-demo"  # noqa: S105 (the demo's published password)


@pytest.fixture
def demo_district(tmp_path):
    options = ("--no-serve", "--skip-migrate", "--enterprises", "60", "--out", str(tmp_path))
    call_command("demo", *options, stdout=StringIO())


def _log_in(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_homes_lead_an_enterprise_to_how_to_report_and_an_expert_to_a_review(
    browser, live_server, demo_district
):
    today = timezone.localdate()
    owing = next(
        (u for u in User.objects.filter(role=Role.ENTERPRISE, is_active=True) if reporting_todos(u, today)),
        None,
    )
    assert owing is not None, "the demo has an enterprise user with a monthly report missing"
    context, page = _log_in(browser, live_server, owing)
    assert page.locator("h1").inner_text() == owing.enterprise.name  # its name, not its role
    reminder = page.locator('[data-todo="cultivation.monthly_report"] a')
    assert "月报" in reminder.inner_text() and "尚未" in reminder.inner_text()
    reminder.click()
    page.wait_for_load_state()
    assert "/cultivation/reporting/mine/" in page.url
    how = page.locator("#how-to-report")
    assert how.is_visible() and "火炬统计调查平台" in how.inner_text()
    assert "无权操作" not in page.content()
    context.close()

    expert = next(
        u
        for u in User.objects.filter(role=Role.EXPERT)
        if my_assignments(u).filter(submitted_at__isnull=True)
    )
    context, page = _log_in(browser, live_server, expert)
    todo = page.locator('[data-todo="programs.reviews"] a')
    assert int(todo.locator(".badge").inner_text()) > 0
    todo.click()
    page.wait_for_url("**/programs/**")
    row = page.locator("tbody tr[data-code]").first
    code = row.get_attribute("data-code")
    row.locator("a.btn-primary").click()
    page.wait_for_url(re.compile(r".*/programs/reviews/\d+/$"))
    assert code in page.content() and page.locator("form").count() >= 1  # the score sheet of that application
    context.close()
