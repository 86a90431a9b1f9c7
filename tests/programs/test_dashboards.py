"""The funnel counts what reached each stage, per call and sub-park, and the export writes it."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.programs import dashboards, services
from zerobay.programs.workflow import State

from .factories import advance, eligible_enterprise, new_application

pytestmark = pytest.mark.django_db


def test_the_funnel_counts_reached_stages_and_money(client, scenario):
    paid = advance(scenario, new_application(scenario), State.PAYING, amount=Decimal("1000000"))
    _e, user = eligible_enterprise(scenario, "浦江机器人科技有限公司")
    returned = advance(scenario, new_application(scenario, user=user), State.SUBMITTED)
    services.transition(returned, "return", scenario.staff, comment="缺预算表")
    data = dashboards.dashboard(services.visible_applications(scenario.staff), dashboards.Filters())
    (call_row,) = data["funnel"]["call"]
    assert call_row["stages"] == [2, 1, 1, 1, 1]
    assert call_row["approved_amount"] == Decimal("1000000") and call_row["paid_amount"] == Decimal("500000")
    (subpark,) = data["funnel"]["subpark"]
    assert subpark["name"] == "大零号湾" and subpark["stages"][0] == 2
    (track,) = data["tracks"]
    assert track["name"] == "智能机器人" and track["approved_amount"] == Decimal("1000000")
    clause_budget = next(r for r in data["budget"]["clause"] if r["object"] == scenario.clause)
    assert clause_budget["available"] == Decimal("4000000")

    client.force_login(scenario.staff)
    page = client.get(reverse("programs-dashboard")).content.decode()
    drill = f"?reached=approved&year=&policy=&call={scenario.call.pk}"
    assert drill in page
    listed = client.get(reverse("programs-applications") + drill).content.decode()
    assert paid.code in listed and returned.code not in listed
    data = b"".join(client.get(reverse("programs-dashboard"), {"format": "xlsx"}).streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(1).to_python()
    assert sheet[1][:6] == [scenario.call.title, 2.0, 1.0, 1.0, 1.0, 1.0]
