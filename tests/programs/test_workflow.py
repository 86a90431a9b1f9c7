"""The one workflow: the full path, refusals of illegal steps, the version check, the timeline,
and who sees which application."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from zerobay.accounts.models import AuditRecord, Notification
from zerobay.programs import services
from zerobay.programs.models import Transition
from zerobay.programs.services import ConcurrentChange, IllegalTransition, ProgramError
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def test_application_runs_from_draft_to_closed_and_the_timeline_tells_it(scenario):
    s = scenario
    app = new_application(s)
    assert app.state == State.DRAFT and app.code.startswith(f"SQ{timezone.localdate().year}-")
    advance(s, app, State.PAID)
    assert app.paid_amount == app.approved_amount == Decimal("1000000")
    services.evaluate(app, [{"name": "新增营业收入", "actual": 450}], s.staff)
    services.transition(app, "close", s.staff, comment="绩效评价合格")
    steps = services.timeline(app)
    assert [t["action"] for t in steps] == [
        "submit",
        "pass_check",
        "start_review",
        "complete_review",
        "propose",
        "approve",
        "pay",
        "pay_final",
        "close",
    ]
    assert [(t["from"], t["to"]) for t in steps][0] == (State.DRAFT, State.SUBMITTED)
    assert (
        steps[0]["actor"] == "ent" and steps[3]["actor"] == "系统" and steps[-1]["comment"] == "绩效评价合格"
    )
    assert steps[-1]["to"] == State.CLOSED
    assert app.version == 1 + len(steps)
    assert AuditRecord.objects.filter(action="programs.application.pay_final", object_id=str(app.pk)).exists()
    # The enterprise heard of the approval and of both payments.
    titles = list(Notification.objects.filter(user=s.enterprise_user).values_list("title", flat=True))
    assert any(t.startswith("申报已立项") for t in titles) and any(
        t.startswith("项目资金已全部拨付") for t in titles
    )


def test_illegal_transitions_are_refused_with_a_clear_message(scenario):
    s = scenario
    app = new_application(s)
    with pytest.raises(IllegalTransition, match="处于“草稿”状态，不能执行“形式审查通过”"):
        services.transition(app, "pass_check", s.staff)
    services.transition(app, "submit", s.enterprise_user)
    with pytest.raises(IllegalTransition, match="无权"):
        services.transition(app, "pass_check", s.enterprise_user)  # an enterprise checks nothing
    with pytest.raises(IllegalTransition, match="无权"):
        services.transition(app, "pass_check", s.other_operator)  # 紫竹's operator: not its scope
    with pytest.raises(IllegalTransition):
        services.transition(app, "pay", s.finance)  # payments go through disbursement.pay
    with pytest.raises(IllegalTransition, match="未知"):
        services.transition(app, "teleport", s.staff)
    app.refresh_from_db()
    assert app.state == State.SUBMITTED
    assert Transition.objects.filter(application=app).count() == 1


def test_a_stale_version_is_refused_so_two_staff_cannot_both_act(scenario):
    s = scenario
    app = new_application(s)
    services.transition(app, "submit", s.enterprise_user)
    seen = app.version
    services.transition(app, "pass_check", s.staff, expected_version=seen)
    with pytest.raises(ConcurrentChange, match="已被他人修改"):
        services.transition(app, "return", s.operator, comment="材料不全", expected_version=seen)
    app.refresh_from_db()
    assert app.state == State.CHECKED
    assert list(app.transitions.values_list("action", flat=True)) == ["submit", "pass_check"]


def test_return_sets_a_deadline_and_late_resubmission_is_refused(scenario):
    s = scenario
    app = new_application(s)
    services.transition(app, "submit", s.enterprise_user)
    with pytest.raises(ProgramError, match="必须填写理由"):
        services.transition(app, "return", s.operator)
    services.transition(app, "return", s.operator, comment="请补充财务报表")
    assert app.correction_deadline == timezone.localdate() + datetime.timedelta(days=5)
    note = Notification.objects.get(user=s.enterprise_user, kind=f"programs.{State.RETURNED}")
    assert "请补充财务报表" in note.body and note.link == f"/programs/applications/{app.code}/"
    services.update_draft(s.enterprise_user, app, app.version, title="修改后的项目名称")
    services.transition(app, "resubmit", s.enterprise_user)
    assert app.state == State.SUBMITTED and app.correction_deadline is None
    services.transition(app, "return", s.staff, comment="再次补正")
    type(app).objects.filter(pk=app.pk).update(
        correction_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    app.refresh_from_db()
    with pytest.raises(ProgramError, match="补正期限.*已过期"):
        services.transition(app, "resubmit", s.enterprise_user)
    services.transition(app, "withdraw", s.enterprise_user)
    assert app.state == State.WITHDRAWN


def test_submit_needs_the_required_materials_and_stores_the_eligibility_check(scenario):
    s = scenario
    app = new_application(s, attach=False)
    with pytest.raises(ProgramError, match="缺少必需的申报材料：项目申报书"):
        services.transition(app, "submit", s.enterprise_user)
    from .factories import pdf_upload

    services.attach(app, "plan", pdf_upload(), s.enterprise_user)
    services.transition(app, "submit", s.enterprise_user)
    assert app.eligibility["eligible"] is None  # the manual condition is left to the reviewer
    kinds = {c["kind"]: c["met"] for c in app.eligibility["conditions"]}
    assert kinds == {"org_unit": True, "qualification": True, "figure": True, "track": True, "manual": None}


def test_an_ineligible_enterprise_cannot_submit_and_is_told_why(scenario):
    s = scenario
    app = new_application(s, user=s.other_user)
    with pytest.raises(ProgramError, match="不符合条款.*不在大零号湾范围内"):
        services.transition(app, "submit", s.other_user)


def test_no_application_outside_the_call_period(scenario):
    s = scenario
    s.call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    s.call.save()
    with pytest.raises(ProgramError, match="不在申报期内"):
        new_application(s)
    assert list(services.open_calls(timezone.localdate())) == []


def test_requested_amount_is_checked(scenario):
    with pytest.raises(ProgramError, match="超过条款“研发项目资助”的单个项目上限") as refused:
        new_application(scenario, amount=Decimal("2000001"))
    # The form asks for 万元: the refusal speaks 万元 first (yuan after it, for the API).
    assert "200.00 万元（2,000,001.00 元）" in str(refused.value) and "200.00 万元（2,000,000.00 元）" in str(
        refused.value
    )
    with pytest.raises(ProgramError, match="须大于 0"):
        new_application(scenario, amount=Decimal("0"))


def test_an_enterprise_sees_only_its_own_applications(scenario):
    s = scenario
    mine = new_application(s)
    theirs = new_application(s, user=s.other_user, clause=s.clause2, amount=Decimal("300000"))
    assert list(services.visible_applications(s.enterprise_user)) == [mine]
    assert list(services.visible_applications(s.other_user)) == [theirs]
    with pytest.raises(Http404):
        services.get_application(s.enterprise_user, theirs.code)
    with pytest.raises(Http404):
        services.get_application(s.enterprise_user, "SQ-NONE")
    with pytest.raises(IllegalTransition):
        services.transition(theirs, "withdraw", s.enterprise_user)
    with pytest.raises(IllegalTransition):
        services.update_draft(s.enterprise_user, theirs, None, title="偷改")


def test_staff_see_their_scope_and_finance_sees_funded_applications(scenario):
    s = scenario
    mine = new_application(s)
    theirs = new_application(s, user=s.other_user, clause=s.clause2, amount=Decimal("300000"))
    assert set(services.visible_applications(s.staff)) == {mine, theirs}
    assert list(services.visible_applications(s.operator)) == [mine]
    assert list(services.visible_applications(s.other_operator)) == [theirs]
    assert set(services.visible_applications(s.viewer)) == {mine, theirs}
    assert list(services.visible_applications(s.finance)) == []
    assert list(services.visible_applications(s.expert)) == []
    advance(s, mine, State.APPROVED)
    assert list(services.visible_applications(s.finance)) == [mine]
    assert services.actor_roles(s.finance, mine) == {"finance"}
    assert services.actor_roles(s.operator, mine) == {"staff"}
    assert services.actor_roles(s.viewer, mine) == set()
    assert services.can_manage(s.operator) and not services.can_manage(s.viewer)
