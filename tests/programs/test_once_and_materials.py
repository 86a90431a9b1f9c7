"""Two defects a user tour found: a one-off award applied for twice, and a formal check passed while a
required material was missing. Both are refused now, with the reason."""

from decimal import Decimal

import pytest

from zerobay.programs import services
from zerobay.programs.models import Attachment
from zerobay.programs.services import ProgramError
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def test_a_second_application_for_a_once_per_enterprise_clause_is_refused(scenario):
    scenario.clause2.once_per_enterprise = True
    scenario.clause2.save()
    first = new_application(scenario, clause=scenario.clause2, amount=Decimal("300000"))
    advance(scenario, first, State.APPROVED, amount=Decimal("300000"))
    later_call = scenario.call
    later_call.pk, later_call.code = None, "CALL-2026-02"
    later_call.save()
    later_call.clauses.set([scenario.clause2])
    with pytest.raises(ProgramError, match=first.code):
        services.create_application(
            scenario.enterprise_user,
            later_call,
            scenario.clause2,
            title="再次申请",
            summary="同一奖励再申请一次",
            requested_amount=Decimal("1"),
        )


def test_a_withdrawn_earlier_application_does_not_count(scenario):
    scenario.clause2.once_per_enterprise = True
    scenario.clause2.save()
    first = new_application(scenario, clause=scenario.clause2, amount=Decimal("300000"))
    services.transition(first, "withdraw", scenario.enterprise_user)
    again = new_application(scenario, clause=scenario.clause2, amount=Decimal("300000"))
    services.transition(again, "submit", scenario.enterprise_user)
    again.refresh_from_db()
    assert again.state == State.SUBMITTED


def test_the_formal_check_refuses_to_pass_with_a_required_material_missing(scenario):
    app = new_application(scenario)
    advance(scenario, app, State.SUBMITTED)
    Attachment.objects.filter(application=app, material="plan").delete()  # removed after submitting
    with pytest.raises(ProgramError, match="项目申报书"):
        services.transition(app, "pass_check", scenario.staff)
    app.refresh_from_db()
    assert app.state == State.SUBMITTED
