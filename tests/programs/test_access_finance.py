"""The programmes' access conventions (zerobay.access) and the finance page's one reading:
applications load by code with 404 for missing and forbidden alike, role checks answer a Decision
with a reason, pages gated by role answer 403; the budget usage of every call in one query equals
the usage of each call on its own."""

from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zerobay.access import Decision
from zerobay.programs import services
from zerobay.programs.services.access import (
    access_application_by_code,
    can_manage,
    can_review,
    can_view_finance,
    get_application,
)
from zerobay.programs.services.finance import funded_projects, usage_by_call
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def test_applications_load_by_code_with_404_for_missing_and_forbidden(scenario):
    app = new_application(scenario)
    assert access_application_by_code(scenario.enterprise_user, app.code) == app
    assert get_application is access_application_by_code
    for user, code in ((scenario.other_user, app.code), (scenario.enterprise_user, "SQ-NONE")):
        with pytest.raises(Http404):
            access_application_by_code(user, code)


def test_role_checks_answer_a_decision_with_a_reason(scenario):
    assert can_manage(scenario.staff) == Decision(True, "")
    refused = can_manage(scenario.enterprise_user)
    assert not refused and refused.reason
    assert can_review(scenario.expert) and not can_review(scenario.staff)
    assert can_view_finance(scenario.finance) and can_view_finance(scenario.staff)
    assert not can_view_finance(scenario.viewer)


@pytest.mark.parametrize(
    ("who", "page", "status"),
    [
        ("enterprise_user", "programs-finance", 403),
        ("viewer", "programs-finance", 403),
        ("finance", "programs-finance", 200),
        ("staff", "programs-assignments", 403),
        ("expert", "programs-assignments", 200),
        ("expert", "programs-dashboard", 403),
        ("enterprise_user", "programs-batches", 403),
    ],
)
def test_role_gated_pages_answer_403(client, scenario, who, page, status):
    client.force_login(getattr(scenario, who))
    assert client.get(reverse(page)).status_code == status


def test_usage_of_every_call_at_once_equals_each_call_alone(scenario):
    advance(scenario, new_application(scenario), State.APPROVED, amount=Decimal("800000"))
    paid = advance(
        scenario, new_application(scenario, clause=scenario.clause2, amount=Decimal("300000")), State.APPROVED
    )
    services.pay(paid, "1000", timezone.localdate(), scenario.finance)
    with CaptureQueriesContext(connection) as queries:
        rows = usage_by_call()
    assert len(queries) == 2  # the calls, then the sums of all calls
    assert rows and all(
        {k: v for k, v in row.items() if k != "call"} == services.budget_usage(call=row["call"])
        for row in rows
    )
    assert any(row["paid"] == Decimal("1000.00") for row in rows)


def test_funded_projects_are_the_approved_ones_of_the_scope(scenario):
    funded = advance(scenario, new_application(scenario), State.APPROVED)
    new_application(scenario, clause=scenario.clause2, amount=Decimal("300000"))  # a draft: not funded
    assert list(funded_projects(scenario.finance)) == [funded]
    assert list(funded_projects(scenario.finance, q=funded.code[-3:])) == [funded]
    assert list(funded_projects(scenario.finance, q="nothing like it")) == []
    assert list(funded_projects(scenario.enterprise_user)) == [funded]  # its own enterprise's
