"""The programmes' refusals read in the user's language: English when the language switch says so,
the same Chinese as before without it (issue 16)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from tests.language import english
from zerobay.accounts.tokens import create_token
from zerobay.programs.eligibility import validate_conditions
from zerobay.programs.models import Attachment
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_payment_beyond_the_approval_is_refused_in_english_and_chinese(client, scenario):
    app = advance(scenario, new_application(scenario), State.APPROVED, amount=Decimal("800000"))
    client.force_login(scenario.finance)
    url = reverse("programs-pay", args=[app.code])
    form = {"version": app.version, "amount": "80.01", "paid_on": "2026-11-20"}
    english(client)
    in_english = _messages(client.post(url, form, follow=True))
    assert in_english == [
        "The payment 800,100.00 元 exceeds the amount left to pay 800,000.00 元 "
        "(approved 800,000.00 元, paid 0.00 元)"
    ]
    english(client, False)
    chinese = _messages(client.post(url, form, follow=True))
    assert chinese == [
        "拨付金额 800,100.00 元 超过剩余可拨付金额 800,000.00 元（立项 800,000.00 元，已拨付 0.00 元）"
    ]
    app.refresh_from_db()
    assert app.paid_amount == 0 and not app.payments.exists()


def test_a_refused_upload_is_explained_in_english_and_chinese(client, scenario):
    app = new_application(scenario, attach=False)
    client.force_login(scenario.enterprise_user)
    url = reverse("programs-upload", args=[app.code])

    def upload():
        fake = SimpleUploadedFile("plan.pdf", b"this is not a pdf at all", content_type="application/pdf")
        return _messages(client.post(url, {"material": "plan", "file": fake}, follow=True))

    english(client)
    assert upload() == ["The file “plan.pdf” is not a valid PDF document: the file does not begin with %PDF-"]
    english(client, False)
    assert upload() == ["文件“plan.pdf”不是有效的PDF 文档：文件头不是 %PDF-"]
    assert not Attachment.objects.exists()


def test_the_api_refuses_a_payment_by_staff_in_english_and_chinese(client, scenario):
    app = advance(scenario, new_application(scenario), State.APPROVED)
    _t, key = create_token(scenario.staff, name="test")
    url = f"/api/programs/applications/{app.code}/payments"

    def pay():
        return client.post(
            url,
            {"amount": "100", "paid_on": "2026-11-20"},
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )

    english(client)
    in_english = pay()
    assert (
        in_english.status_code == 400
        and in_english.json()["detail"] == "Only finance officers can record payments."
    )
    english(client, False)
    assert pay().json()["detail"] == "只有财务人员可以登记拨付"
    assert not app.payments.exists()


def test_the_admin_form_explains_bad_conditions_in_english_and_chinese(scenario):
    with translation.override("en"):
        assert validate_conditions("x") == ["The conditions must be a list"]
        assert validate_conditions([{"kind": "track"}]) == ["Condition 1: no track is given"]
    with translation.override("zh-hans"):
        assert validate_conditions("x") == ["资格条件必须是列表"]
        assert validate_conditions([{"kind": "track"}]) == ["第 1 个条件：未给出赛道"]
