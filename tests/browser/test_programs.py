"""One application from the call to its final payment in a real browser, by the enterprise, the
district staff, an expert and finance; the application's timeline shows every step."""

import datetime

import pytest
from django.utils import timezone

from zerobay.programs.models import Application

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from ..conftest import PASSWORD
from ..programs.conftest import scenario  # noqa: F401 (the programme scenario)
from ..programs.factories import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, user, path):
    page.context.clear_cookies()
    page.goto(f"{base}{path}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}{path}")


def act(page, action):
    click(page, f'form[data-action="{action}"] button[type=submit]')


def click(page, selector):
    """Clicks a submit button and waits for the page it leads to."""
    with page.expect_navigation():
        page.locator(selector).click()


def test_an_application_from_the_call_to_the_final_payment(page, live_server, scenario, tmp_path):  # noqa: F811
    base, s = live_server.url, scenario
    # The enterprise checks the call, applies and submits with its plan attached.
    login(page, base, s.enterprise_user, f"/programs/calls/{s.call.code}/")
    page.locator('tr[data-clause="C01"]').get_by_role("link", name="申报", exact=True).click()
    page.fill("#id_title", "协作机器人关节模组产业化")
    page.fill("#id_summary", "研发并量产协作机器人关节模组")
    page.fill("#id_requested_amount", "150")
    page.fill("#id_targets", "新增营业收入, 万元, 800")
    page.locator("#application-form button[type=submit]").click()
    page.wait_for_url("**/programs/applications/SQ*/")
    code = page.url.rstrip("/").rsplit("/", 1)[1]
    page.locator("#upload-form select").select_option("plan")
    page.set_input_files(
        "#upload-form input[type=file]",
        files=[{"name": "申报书.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
    )
    click(page, "#upload-form button[type=submit]")
    assert "已上传“申报书.pdf”" in page.locator(".messages").inner_text()
    act(page, "submit")
    assert page.locator("#state").inner_text() == "已提交"

    # Staff: formal check, then an expert.
    app_path = f"/programs/applications/{code}/"
    login(page, base, s.staff, app_path)
    act(page, "pass_check")
    page.locator(f'#assign-form input[value="{s.expert.pk}"]').check()
    click(page, "#assign-form button[type=submit]")

    # The expert scores it; the last sheet completes the review.
    login(page, base, s.expert, "/programs/reviews/")
    page.locator(f'tr[data-code="{code}"] a').click()
    for field in page.locator("#score-form input[type=number]").all():
        field.fill("85")
    page.fill("#id_opinion", "技术路线清晰，建议支持")
    page.locator("#score-form button[type=submit]").click()
    page.wait_for_url(f"{base}/programs/reviews/")

    # Staff: a batch, the proposed amount, the public notice (already over), the approval.
    login(page, base, s.staff, "/programs/batches/")
    page.locator("#batch-form select").select_option(str(s.policy.pk))
    page.fill("#batch-form input[name=title]", "2026年第一批立项")
    page.locator("#batch-form button[type=submit]").click()
    page.wait_for_url("**/programs/batches/*/")
    batch_url = page.url
    row = page.locator(f'#candidates tr[data-code="{code}"]')
    row.locator("input[name=amount]").fill("120")
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    today = timezone.localdate()
    page.fill("#notice-form input[name=notice_from]", str(today - datetime.timedelta(days=8)))
    page.fill("#notice-form input[name=notice_to]", str(today - datetime.timedelta(days=1)))
    click(page, "#notice-form button[type=submit]")
    click(page, "#finalise-form button[type=submit]")
    assert page.url == batch_url
    assert "已立项" in page.locator("#batch-state").inner_text()

    # Finance pays in two instalments, the second one final.
    login(page, base, s.finance, app_path)
    page.fill("#pay-form input[name=amount]", "50")
    click(page, "#pay-form button[type=submit]")
    assert "已登记拨付" in page.locator(".messages").inner_text()
    page.fill("#pay-form input[name=amount]", "70")
    page.locator("#pay-form input[name=final]").check()
    click(page, "#pay-form button[type=submit]")

    app = Application.objects.get(code=code)
    assert app.state == "paid" and app.paid_amount == app.approved_amount == 1_200_000
    steps = page.locator("#timeline li")
    actions = [steps.nth(i).get_attribute("data-action") for i in range(steps.count())]
    assert actions == [
        "submit",
        "pass_check",
        "start_review",
        "complete_review",
        "propose",
        "approve",
        "pay",
        "pay_final",
    ]
    text = page.locator("#timeline").inner_text()
    assert "ent" in text and "admin" in text and "finance" in text and "系统" in text
    assert "拟立项金额 1,200,000.00 元" in text
    assert page.locator("#state").inner_text() == "已拨付"
    assert page.locator("#paid").inner_text() == "120.00 万元"
    page.screenshot(path=str(tmp_path / "application.png"), full_page=True)
