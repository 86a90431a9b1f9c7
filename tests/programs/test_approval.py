"""Approval batches: amounts within the request, the clause's cap and every budget; the public
notice, objections (an upheld one declines the project) and finalisation after the notice period."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from zerobay.programs import services
from zerobay.programs.models import ApprovalBatch
from zerobay.programs.services import IllegalTransition, ProgramError
from zerobay.programs.workflow import State

from .factories import advance, eligible_enterprise, new_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(scenario):
    return advance(scenario, new_application(scenario, amount=Decimal("1500000")), State.REVIEWED)


@pytest.fixture
def batch(scenario):
    return services.create_batch(scenario.policy, title="2026年第一批立项", user=scenario.staff)


def test_batches_are_numbered_per_policy(scenario, batch):
    second = services.create_batch(scenario.policy, title="第二批", user=scenario.staff)
    assert (batch.code, batch.number, second.code, second.number) == ("DLHW-2026-B01", 1, "DLHW-2026-B02", 2)
    with pytest.raises(IllegalTransition):
        services.create_batch(scenario.policy, title="x", user=scenario.viewer)


def test_amounts_beyond_request_cap_or_budget_are_refused(scenario, reviewed, batch):
    s = scenario
    with pytest.raises(ProgramError, match="超过申请金额 150.00 万元（1,500,000.00 元）"):
        services.propose(batch, reviewed, Decimal("1500001"), s.staff)
    s.call.budget = Decimal("1000000")
    s.call.save()
    with pytest.raises(
        ProgramError,
        match=r"超出申报通知“.*”的预算：预算 100.00 万元（1,000,000.00 元），已拟定或立项 0.00 万元（0.00 元）",
    ):
        services.propose(batch, reviewed, Decimal("1200000"), s.staff)
    s.call.budget, s.clause.budget = Decimal("9000000"), Decimal("1000000")
    s.call.save()
    s.clause.save()
    with pytest.raises(ProgramError, match="超出条款“研发项目资助”的预算"):
        services.propose(batch, reviewed, Decimal("1200000"), s.staff)
    s.clause.budget, s.policy.budget = None, Decimal("1100000")
    s.clause.save()
    s.policy.save()
    with pytest.raises(ProgramError, match="超出政策“大零号湾专项政策”的预算"):
        services.propose(batch, reviewed, Decimal("1200000"), s.staff)
    reviewed.refresh_from_db()
    assert reviewed.state == State.REVIEWED and reviewed.batch is None
    services.propose(batch, reviewed, Decimal("1100000"), s.staff)
    assert reviewed.state == State.PROPOSED and reviewed.approved_amount == Decimal("1100000")


def test_budget_counts_proposed_and_approved(scenario, reviewed, batch):
    s = scenario
    _e, user = eligible_enterprise(s, "零号湾第二家企业")
    second = advance(s, new_application(s, user=user, amount=Decimal("2000000")), State.REVIEWED)
    services.propose(batch, reviewed, Decimal("1500000"), s.staff)
    # call budget 3,000,000: 1,500,000 proposed, 1,500,000 left
    with pytest.raises(ProgramError, match="剩余 150.00 万元（1,500,000.00 元）"):
        services.propose(batch, second, Decimal("1600000"), s.staff)
    services.propose(batch, second, Decimal("1500000"), s.staff)
    usage = services.budget_usage(call=s.call)
    assert usage == {
        "budget": Decimal("3000000.00"),
        "proposed": Decimal("3000000.00"),
        "approved": Decimal("0"),
        "committed": Decimal("3000000.00"),
        "paid": Decimal("0"),
        "available": Decimal("0.00"),
    }


def test_notice_objections_and_finalisation(scenario, reviewed, batch):
    s = scenario
    _e, user = eligible_enterprise(s, "零号湾第二家企业")
    second = advance(s, new_application(s, user=user, amount=Decimal("500000")), State.REVIEWED)
    services.propose(batch, reviewed, Decimal("1000000"), s.staff)
    services.propose(batch, second, Decimal("500000"), s.staff)
    today = timezone.localdate()
    with pytest.raises(IllegalTransition, match="不在公示期"):
        services.raise_objection(batch, second, "张三 138xxxx", "数据不实")
    services.open_notice(batch, today, today + datetime.timedelta(days=6), s.staff)
    assert batch.state == ApprovalBatch.State.NOTICE
    with pytest.raises(IllegalTransition, match="不能再加入项目"):
        services.propose(batch, second, Decimal("1"), s.staff)
    kept = services.raise_objection(batch, reviewed, "李四", "申报人员有误", s.staff)
    upheld = services.raise_objection(batch, second, "张三 138xxxx", "研发投入数据不实", s.staff)
    with pytest.raises(ProgramError, match="公示期满后才能确认立项"):
        services.finalise(batch, s.staff)
    ApprovalBatch.objects.filter(pk=batch.pk).update(notice_to=today - datetime.timedelta(days=1))
    batch.refresh_from_db()
    with pytest.raises(ProgramError, match="还有 2 条异议未处理"):
        services.finalise(batch, s.staff)
    services.resolve_objection(kept, False, "经核实，人员信息无误", s.staff)
    services.resolve_objection(upheld, True, "经核实，研发投入数据不实", s.staff)
    second.refresh_from_db()
    assert second.state == State.NOT_APPROVED and second.approved_amount is None
    assert services.timeline(second)[-1]["comment"] == "公示异议成立：经核实，研发投入数据不实"
    with pytest.raises(IllegalTransition, match="已经处理"):
        services.resolve_objection(kept, True, "改判", s.staff)
    services.finalise(batch, s.staff)
    reviewed.refresh_from_db()
    assert batch.state == ApprovalBatch.State.FINAL and reviewed.state == State.APPROVED
    assert services.budget_usage(policy=s.policy)["approved"] == Decimal("1000000")


def test_approval_only_through_the_batch(scenario, reviewed):
    with pytest.raises(IllegalTransition, match="立项"):
        services.transition(reviewed, "propose", scenario.staff)
    with pytest.raises(IllegalTransition):
        services.transition(reviewed, "approve", scenario.staff)
