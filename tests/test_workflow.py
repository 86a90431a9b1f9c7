"""The shared workflow mechanism (zerobay/workflow.py) on a small workflow of its own, over a real
versioned row (a programme application): the table, the actor's roles, the version the actor saw,
the step's history row, the audit record and the notification hook, and nothing written on refusal."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tests.programs.conftest import scenario  # noqa: F401  (the fixture)
from tests.programs.factories import new_application
from zerobay import workflow
from zerobay.accounts.models import AuditRecord
from zerobay.programs.models import Application

pytestmark = pytest.mark.django_db


class Steps:
    """The hooks of the test workflow: what they were called with, in order."""

    def __init__(self):
        self.recorded, self.after = [], []

    def record_step(self, obj, step, from_state, actor, comment, at):
        self.recorded.append((obj.pk, step.name, from_state, step.target, actor, comment))

    def notify(self, obj, step, from_state, actor, comment, body):
        self.after.append((step.name, body))


def paper_workflow(steps: Steps, rules=workflow._no_rules) -> workflow.Workflow:
    return workflow.Workflow(
        audit_name="test.paper",
        model=Application,
        states=(
            workflow.State("draft", _("Draft"), "grey"),
            workflow.State("submitted", _("Submitted"), "blue"),
            workflow.State("closed", _("Closed after evaluation"), "grey"),
        ),
        actions=(
            workflow.action("send", {"draft"}, "submitted", {"clerk"}, _("Submit")),
            workflow.action("close", {"submitted"}, "closed", {"chief"}, _("Reject"), needs_comment=True),
        ),
        describe=lambda app: f"paper {app.code}",
        rules=rules,
        record_step=steps.record_step,
        after=steps.notify,
    )


@pytest.fixture
def paper(scenario):  # noqa: F811
    return new_application(scenario)


def test_a_step_moves_the_row_records_it_audits_it_and_notifies(paper, scenario):  # noqa: F811
    steps = Steps()
    flow = paper_workflow(steps)
    version = paper.version
    workflow.move(
        flow,
        paper,
        "send",
        actor=scenario.operator,
        roles={"clerk"},
        comment=" looks fine ",
        expected_version=version,
        changes={"contact": "王老师"},
        notify_body="body",
    )
    row = Application.objects.get(pk=paper.pk)
    assert (row.state, row.contact, row.version) == ("submitted", "王老师", version + 1)
    assert paper.version == version + 1 and paper.state == "submitted"
    assert steps.recorded == [(paper.pk, "send", "draft", "submitted", scenario.operator, "looks fine")]
    assert steps.after == [("send", "body")]
    audit = AuditRecord.objects.get(action="test.paper.send")
    assert audit.object_id == str(paper.pk) and audit.actor == scenario.operator
    assert audit.changes == {"state": ["draft", "submitted"], "contact": "王老师"}
    assert audit.summary == f"paper {paper.code}：草稿 → 已提交"


def test_an_unknown_action_is_refused_in_the_users_language(paper, scenario):  # noqa: F811
    flow = paper_workflow(Steps())
    with translation.override("en"), pytest.raises(workflow.IllegalTransition, match="Unknown action “fly”"):
        workflow.move(flow, paper, "fly", actor=scenario.operator, roles={"clerk"})
    with pytest.raises(workflow.IllegalTransition, match="未知的操作“fly”"):
        workflow.move(flow, paper, "fly", actor=scenario.operator, roles={"clerk"})


def test_a_step_from_the_wrong_state_names_the_object_and_the_labels(paper, scenario):  # noqa: F811
    steps = Steps()
    flow = paper_workflow(steps)
    with translation.override("en"), pytest.raises(workflow.IllegalTransition) as refused:
        workflow.move(flow, paper, "close", actor=scenario.operator, roles={"chief"}, comment="no")
    assert str(refused.value) == f"paper {paper.code} is “Draft”: “Reject” is not possible"
    with pytest.raises(workflow.IllegalTransition) as refused:
        workflow.move(flow, paper, "close", actor=scenario.operator, roles={"chief"}, comment="no")
    assert str(refused.value) == f"paper {paper.code} 处于“草稿”状态，不能执行“形式审查不通过”"
    assert Application.objects.get(pk=paper.pk).state == "draft" and steps.recorded == []


def test_an_actor_without_the_role_is_refused_with_a_403_kind_of_refusal(paper, scenario):  # noqa: F811
    steps = Steps()
    flow = paper_workflow(steps)
    with pytest.raises(workflow.ActorRefused) as refused:
        workflow.move(flow, paper, "send", actor=scenario.enterprise_user, roles={"chief"})
    assert isinstance(refused.value, PermissionDenied) and isinstance(
        refused.value, workflow.IllegalTransition
    )
    assert "您无权" in str(refused.value)
    assert Application.objects.get(pk=paper.pk).state == "draft" and steps.recorded == []
    assert not AuditRecord.objects.filter(action__startswith="test.paper").exists()


def test_a_stale_version_is_a_concurrent_change_and_writes_nothing(paper, scenario):  # noqa: F811
    steps = Steps()
    flow = paper_workflow(steps)
    stale = paper.version - 1
    with translation.override("en"), pytest.raises(workflow.ConcurrentChange, match="reload the page"):
        workflow.move(flow, paper, "send", actor=scenario.operator, roles={"clerk"}, expected_version=stale)
    row = Application.objects.get(pk=paper.pk)
    assert (row.state, row.version) == ("draft", paper.version) and steps.recorded == []


def test_a_step_that_needs_a_reason_refuses_without_one_with_the_callers_refusal(paper, scenario):  # noqa: F811
    class DomainError(workflow.Refusal):
        pass

    flow = paper_workflow(Steps())
    workflow.move(flow, paper, "send", actor=scenario.operator, roles={"clerk"})
    with pytest.raises(DomainError, match="必须填写理由"):
        workflow.move(flow, paper, "close", actor=scenario.operator, roles={"chief"}, refusal=DomainError)
    workflow.move(flow, paper, "close", actor=scenario.operator, roles={"chief"}, comment="over budget")
    assert Application.objects.get(pk=paper.pk).state == "closed"


def test_a_refusing_rule_rolls_the_whole_step_back(paper, scenario):  # noqa: F811
    steps = Steps()

    def refuse(obj, step):
        raise workflow.Refusal("not today")

    flow = paper_workflow(steps, rules=refuse)
    with pytest.raises(workflow.Refusal, match="not today"):
        workflow.move(flow, paper, "send", actor=scenario.operator, roles={"clerk"}, changes={"contact": "x"})
    row = Application.objects.get(pk=paper.pk)
    assert (row.state, row.contact, row.version) == ("draft", paper.contact, paper.version)
    assert steps.recorded == [] and not AuditRecord.objects.filter(action="test.paper.send").exists()


def test_the_table_answers_which_actions_roles_may_take_and_refuses_undeclared_states():
    flow = paper_workflow(Steps())
    assert [a.name for a in flow.actions_from("draft", {"clerk", "chief"})] == ["send"]
    assert flow.actions_from("draft", {"chief"}) == []
    assert flow.tone("submitted") == "blue" and flow.label("nowhere") == "nowhere"
    with pytest.raises(ValueError, match="undeclared states"):
        workflow.Workflow(
            audit_name="test.broken",
            model=Application,
            states=(workflow.State("draft", _("Draft")),),
            actions=(workflow.action("send", {"draft"}, "elsewhere", {"clerk"}, _("Submit")),),
        )
