"""政策找企业: the enterprises meeting every machine-checkable condition and not yet applied, with the
reasons, within the user's scope; invited once per clause with an in-app notification."""

import pytest
from django.utils import timezone

from zerobay.accounts.models import Notification
from zerobay.programs import services
from zerobay.programs.models import Invitation
from zerobay.programs.services import IllegalTransition

from .factories import eligible_enterprise, new_application

pytestmark = pytest.mark.django_db


def names(found):
    return [f["enterprise"].name for f in found]


def test_finds_the_eligible_who_have_not_applied_with_reasons(scenario):
    s = scenario
    today = timezone.localdate()
    eligible_enterprise(s, "零号湾新锐机器人有限公司")
    found = services.eligible_not_applied(s.clause, today, s.staff)
    assert names(found) == ["零号湾新锐机器人有限公司", "零号湾智能科技有限公司"]
    reasons = {c["kind"]: c["message"] for c in found[0]["eligibility"].conditions}
    assert reasons["org_unit"] == "企业位于大零号湾" and "符合要求" in reasons["figure"]
    new_application(s)  # applying takes the enterprise off the list
    assert names(services.eligible_not_applied(s.clause, today, s.staff)) == ["零号湾新锐机器人有限公司"]


def test_scope_limits_the_list(scenario):
    s = scenario
    eligible_enterprise(s, "零号湾新锐机器人有限公司")
    today = timezone.localdate()
    assert len(services.eligible_not_applied(s.clause, today, s.operator)) == 2
    assert services.eligible_not_applied(s.clause, today, s.other_operator) == []
    assert services.eligible_not_applied(s.clause, today, s.enterprise_user) == []


def test_a_clause_without_machine_conditions_finds_nobody(scenario):
    s = scenario
    s.clause.conditions = [{"kind": "manual", "label": "经评审认定"}]
    assert services.eligible_not_applied(s.clause, timezone.localdate(), s.staff) == []


def test_notify_invites_once_per_clause(scenario):
    s = scenario
    today = timezone.localdate()
    _other, other_user = eligible_enterprise(s, "零号湾新锐机器人有限公司")
    assert services.notify_eligible(s.clause, today, s.staff) == 2
    assert services.notify_eligible(s.clause, today, s.staff) == 0
    assert Invitation.objects.filter(clause=s.clause).count() == 2
    note = Notification.objects.get(user=other_user)
    assert note.kind == "programs.eligible" and "研发项目资助" in note.title
    assert not Notification.objects.filter(user=s.other_user).exists()
    invitation = Invitation.objects.get(enterprise=s.enterprise)
    assert {r["kind"] for r in invitation.reasons} == {"org_unit", "qualification", "figure", "track"}
    with pytest.raises(IllegalTransition):
        services.notify_eligible(s.clause, today, s.viewer)
