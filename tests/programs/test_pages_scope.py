"""Every programme page answers only within the user's scope: an enterprise sees its own
applications, an expert only those assigned (and not conflicted), a sub-park operator its subtree,
finance the approved ones; what is out of scope is a 404, like what does not exist."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.programs import services
from zerobay.programs.models import Attachment
from zerobay.programs.workflow import State

from .factories import advance, new_application, pdf_upload

pytestmark = pytest.mark.django_db


def _cells(response) -> set[str]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    return {str(c) for row in rows for c in row}


def application_urls(app, attachment=None) -> list[tuple[str, str]]:
    urls = [
        ("get", reverse("programs-application", args=[app.code])),
        ("get", reverse("programs-edit", args=[app.code])),
        ("post", reverse("programs-act", args=[app.code])),
        ("post", reverse("programs-upload", args=[app.code])),
        ("post", reverse("programs-assign", args=[app.code])),
        ("post", reverse("programs-pay", args=[app.code])),
        ("post", reverse("programs-evaluate", args=[app.code])),
    ]
    if attachment is not None:
        urls += [
            ("get", reverse("programs-attachment", args=[app.code, attachment.pk])),
            ("post", reverse("programs-attachment-remove", args=[app.code, attachment.pk])),
        ]
    return urls


def test_an_enterprise_cannot_see_or_touch_another_enterprises_application(client, scenario):
    app = new_application(scenario)
    attachment = app.attachments.get()
    client.force_login(scenario.other_user)
    for method, url in application_urls(app, attachment):
        data = {"action": "withdraw", "version": app.version, "comment": "x"} if method == "post" else None
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
    app.refresh_from_db()
    assert app.state == State.DRAFT and Attachment.objects.filter(pk=attachment.pk).exists()
    page = client.get(reverse("programs-applications")).content.decode()
    assert app.code not in page and "智能机器人关节模组产业化" not in page
    assert app.code not in _cells(client.get(reverse("programs-applications"), {"format": "xlsx"}))
    # The call page lists no application of the other enterprise as its own.
    page = client.get(reverse("programs-call", args=[scenario.call.code])).content.decode()
    assert app.code not in page
    # And the staff-only pages are refused to enterprises.
    for name in ("programs-batches", "programs-dashboard", "programs-finance"):
        assert client.get(reverse(name)).status_code == 403


def test_an_expert_sees_only_assigned_applications_and_never_a_conflicted_one(client, scenario):
    mine = advance(scenario, new_application(scenario), State.CHECKED)
    services.assign_experts(mine, [scenario.expert], scenario.staff)
    other = advance(
        scenario, new_application(scenario, clause=scenario.clause2, amount=Decimal("400000")), State.CHECKED
    )
    services.assign_experts(other, [scenario.expert2], scenario.staff)
    client.force_login(scenario.expert)
    page = client.get(reverse("programs-assignments")).content.decode()
    assert mine.code in page and other.code not in page
    assert client.get(reverse("programs-application", args=[other.code])).status_code == 404
    foreign_sheet = other.assignments.get()
    assert client.get(reverse("programs-score", args=[foreign_sheet.pk])).status_code == 404
    response = client.post(reverse("programs-score", args=[foreign_sheet.pk]), {"opinion": "好"})
    assert response.status_code == 404 and not other.assignments.filter(submitted_at__isnull=False).exists()

    # Once the expert declares a tie to the enterprise, its application disappears for them.
    sheet = mine.assignments.get()
    client.post(reverse("programs-conflicts"), {"uscc": scenario.enterprise.uscc, "reason": "曾任该企业顾问"})
    assert mine.code not in client.get(reverse("programs-assignments")).content.decode()
    assert client.get(reverse("programs-score", args=[sheet.pk])).status_code == 404
    assert client.get(reverse("programs-application", args=[mine.code])).status_code == 404


def test_the_assignment_form_shows_a_conflicted_expert_as_not_selectable(client, scenario):
    app = advance(scenario, new_application(scenario), State.CHECKED)
    services.declare_conflict(scenario.expert2, scenario.enterprise, "近三年有合作研发")
    client.force_login(scenario.staff)
    page = client.get(reverse("programs-application", args=[app.code])).content.decode()
    form = page[page.index('id="assign-form"') : page.index("</form>", page.index('id="assign-form"'))]
    line = form[
        form.index(f'value="{scenario.expert2.pk}"') - 60 : form.index('data-conflict="expert2"') + 80
    ]
    assert "disabled" in line and "近三年有合作研发" in form
    # Forcing the conflicted expert through the form is refused with the reason, nothing assigned.
    response = client.post(
        reverse("programs-assign", args=[app.code]),
        {"version": app.version, "experts": [scenario.expert2.pk]},
        follow=True,
    )
    assert "存在利益冲突" in response.content.decode()
    assert not app.assignments.exists()


def test_a_sub_park_operator_sees_nothing_of_another_sub_park(client, scenario):
    app = advance(scenario, new_application(scenario), State.PROPOSED)
    client.force_login(scenario.other_operator)  # 紫竹
    for method, url in application_urls(app):
        response = getattr(client, method)(
            url, {"action": "pass_check", "version": app.version} if method == "post" else None
        )
        assert response.status_code == 404, url
    assert app.code not in client.get(reverse("programs-applications")).content.decode()
    assert app.code not in client.get(reverse("programs-ranking", args=[scenario.call.code])).content.decode()
    batch = app.batch
    page = client.get(reverse("programs-batch", args=[batch.code])).content.decode()
    assert app.code not in page and scenario.enterprise.name not in page
    assert scenario.enterprise.name not in _cells(
        client.get(reverse("programs-notice-xlsx", args=[batch.code]))
    )
    dashboard = client.get(reverse("programs-dashboard")).content.decode()
    totals = dashboard[dashboard.index('id="funnel-totals"') : dashboard.index('id="funnel-chart"')]
    assert ">1<" not in totals  # the one application of the scenario is not counted
    # The 大零号湾 operator sees it.
    client.force_login(scenario.operator)
    assert client.get(reverse("programs-application", args=[app.code])).status_code == 200
    assert app.code in client.get(reverse("programs-batch", args=[batch.code])).content.decode()


def test_finance_sees_approved_projects_only(client, scenario):
    draft = new_application(scenario, clause=scenario.clause2, amount=Decimal("400000"))
    approved = advance(scenario, new_application(scenario), State.APPROVED)
    client.force_login(scenario.finance)
    assert client.get(reverse("programs-application", args=[draft.code])).status_code == 404
    page = client.get(reverse("programs-finance")).content.decode()
    assert approved.code in page and draft.code not in page


def test_an_upload_is_only_possible_on_ones_own_draft(client, scenario):
    app = new_application(scenario, attach=False)
    client.force_login(scenario.other_user)
    response = client.post(
        reverse("programs-upload", args=[app.code]), {"material": "plan", "file": pdf_upload()}
    )
    assert response.status_code == 404 and not app.attachments.exists()
