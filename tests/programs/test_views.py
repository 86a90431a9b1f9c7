"""The application pages as the enterprise and staff use them: applying with amounts in 万元,
upload refusals shown clearly, the eligibility check explained, and refusals (stale version,
illegal transition) shown as messages, not errors."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.programs import services
from zerobay.programs.models import Application, Attachment
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def test_the_enterprise_applies_in_10k_yuan_and_sees_its_draft(client, scenario):
    client.force_login(scenario.enterprise_user)
    url = reverse("programs-apply", args=[scenario.call.code, scenario.clause.code])
    response = client.post(
        url,
        {
            "title": "协作机器人关节模组",
            "summary": "研发关节模组",
            "requested_amount": "150.5",
            "targets": "新增营业收入，万元，800",
        },
        follow=True,
    )
    app = Application.objects.get()
    assert app.requested_amount == Decimal("1505000.00") and app.state == State.DRAFT
    assert app.targets == [{"name": "新增营业收入", "unit": "万元", "target": 800.0}]
    page = response.content.decode()
    assert "150.50 万元" in page and "必需，未上传" in page


def test_a_bad_target_line_is_explained_and_nothing_is_created(client, scenario):
    client.force_login(scenario.enterprise_user)
    url = reverse("programs-apply", args=[scenario.call.code, scenario.clause.code])
    page = client.post(
        url, {"title": "x", "summary": "y", "requested_amount": "10", "targets": "新增营业收入, 万元, 很多"}
    ).content.decode()
    assert "第 1 行：目标值“很多”不是数字。" in page and not Application.objects.exists()


def test_a_refused_upload_is_shown_and_nothing_is_stored(client, scenario):
    app = new_application(scenario, attach=False)
    client.force_login(scenario.enterprise_user)
    fake = SimpleUploadedFile("申报书.pdf", b"this is not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("programs-upload", args=[app.code]), {"material": "plan", "file": fake}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and "申报书.pdf" in messages[0]
    assert not Attachment.objects.exists()


def test_the_eligibility_page_says_why_a_condition_is_not_met(client, scenario):
    client.force_login(scenario.other_user)  # 紫竹, no HTE, R&D 1 %
    page = client.get(reverse("programs-clause", args=[scenario.clause.code])).content.decode()
    table = page[page.index('id="conditions-table"') :]
    assert "贵企业不符合全部条件" in page
    assert "企业不在大零号湾范围内" in table and "未持有有效的高新技术企业资质" in table
    client.force_login(scenario.enterprise_user)
    page = client.get(reverse("programs-clause", args=[scenario.clause.code])).content.decode()
    assert "待人工核实" in page and "研发投入强度（研发费用/营业收入）为 8.00%，符合要求" in page


def test_a_stale_version_and_an_illegal_action_are_messages_not_errors(client, scenario):
    app = advance(scenario, new_application(scenario), State.SUBMITTED)
    stale = app.version
    services.transition(app, "return", scenario.operator, comment="请补充预算表")  # someone else acted
    client.force_login(scenario.staff)
    response = client.post(
        reverse("programs-act", args=[app.code]), {"action": "pass_check", "version": stale}, follow=True
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        f"申报 {app.code} 已被他人修改（当前为“退回补正”），请刷新页面后重试"
    ]
    app.refresh_from_db()
    assert app.state == State.RETURNED
    # The enterprise cannot pass its own formal check.
    client.force_login(scenario.enterprise_user)
    response = client.post(
        reverse("programs-act", args=[app.code]),
        {"action": "pass_check", "version": app.version},
        follow=True,
    )
    assert response.status_code == 200 and len(list(response.context["messages"])) == 1
    app.refresh_from_db()
    assert app.state == State.RETURNED
    page = client.get(reverse("programs-application", args=[app.code])).content.decode()
    assert "请补充预算表" in page and 'id="correction"' in page


def test_finance_cannot_pay_beyond_the_approved_amount(client, scenario):
    app = advance(scenario, new_application(scenario), State.APPROVED, amount=Decimal("800000"))
    client.force_login(scenario.finance)
    response = client.post(
        reverse("programs-pay", args=[app.code]),
        {"version": app.version, "amount": "80.01", "paid_on": "2026-11-20"},
        follow=True,
    )
    assert "超过剩余可拨付金额" in str(list(response.context["messages"])[0])
    app.refresh_from_db()
    assert app.paid_amount == 0 and not app.payments.exists()
