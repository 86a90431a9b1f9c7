"""Payments in instalments never beyond the approved amount; budget used vs available; evaluation."""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zerobay.programs import services
from zerobay.programs.models import Application
from zerobay.programs.services import IllegalTransition, ProgramError
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(scenario):
    return advance(scenario, new_application(scenario), State.APPROVED)


def test_instalments_up_to_the_approved_amount(scenario, approved):
    s, today = scenario, timezone.localdate()
    first = services.pay(approved, Decimal("400000"), today, s.finance, reference="PZ-001")
    assert (first.instalment, approved.state, approved.paid_amount) == (1, State.PAYING, Decimal("400000"))
    with pytest.raises(ProgramError, match="超过剩余可拨付金额 600,000.00 元"):
        services.pay(approved, Decimal("600000.01"), today, s.finance)
    services.pay(approved, Decimal("100000"), today, s.finance, final=True)
    approved.refresh_from_db()
    assert approved.state == State.PAID and approved.paid_amount == Decimal(
        "500000"
    )  # closed below the approval
    with pytest.raises(IllegalTransition, match="不处于可拨付状态"):
        services.pay(approved, Decimal("1"), today, s.finance)
    usage = services.budget_usage(call=s.call)
    assert usage["approved"] == Decimal("1000000") and usage["paid"] == Decimal("500000")
    assert usage["available"] == Decimal("2000000")


def test_paying_the_whole_amount_is_the_final_instalment(scenario, approved):
    services.pay(approved, Decimal("1000000"), timezone.localdate(), scenario.finance)
    assert approved.state == State.PAID


def test_only_finance_pays(scenario, approved):
    for user in (scenario.staff, scenario.enterprise_user, scenario.expert):
        with pytest.raises(IllegalTransition, match="只有财务人员"):
            services.pay(approved, Decimal("1"), timezone.localdate(), user)
    assert not approved.payments.exists()


def test_the_database_refuses_paid_beyond_approved(scenario, approved):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=approved.pk).update(paid_amount=Decimal("1000000.01"))


def test_evaluation_scores_targets_and_lets_the_project_close(scenario, approved):
    s = scenario
    with pytest.raises(IllegalTransition, match="尚未全部拨付"):
        services.evaluate(approved, [], s.staff)
    services.pay(approved, Decimal("1000000"), timezone.localdate() - datetime.timedelta(days=1), s.finance)
    with pytest.raises(ProgramError, match="请先完成绩效评价"):
        services.transition(approved, "close", s.staff)
    with pytest.raises(ProgramError, match="未填写完成值"):
        services.evaluate(approved, [{"name": "别的指标", "actual": 1}], s.staff)
    with pytest.raises(ProgramError, match="后续处理应为“追回资金”"):
        services.evaluate(approved, [{"name": "新增营业收入", "actual": 250}], s.staff, recovered_amount=100)
    evaluation = services.evaluate(
        approved,
        [{"name": "新增营业收入", "actual": 250}],
        s.staff,
        follow_up="recover",
        recovered_amount=200000,
    )
    assert (evaluation.score, evaluation.grade) == (Decimal("50.0"), "不合格")
    assert evaluation.outcomes[0]["completion"] == 50.0
    services.transition(approved, "close", s.staff, comment="追回部分资金")
    assert approved.state == State.CLOSED


@pytest.mark.parametrize("amount", ["abc", "NaN", "Infinity", "-5", "0", ""])
def test_unreadable_or_non_positive_amounts_are_refused(scenario, approved, amount):
    with pytest.raises(ProgramError, match="拨付金额"):
        services.pay(approved, amount, timezone.localdate(), scenario.finance)
    assert not approved.payments.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("700000"), places=2), max_size=6))
def test_any_sequence_of_payments_stays_within_the_approval(scenario, approved, amounts):
    with transaction.atomic():
        for amount in amounts:
            with contextlib.suppress(ProgramError, IllegalTransition):  # over the remainder, or fully paid
                services.pay(approved, amount, timezone.localdate(), scenario.finance)
        approved.refresh_from_db()
        paid = sum(approved.payments.values_list("amount", flat=True), Decimal(0))
        assert approved.paid_amount == paid <= approved.approved_amount
        assert (approved.state == State.PAID) == (paid == approved.approved_amount)
        transaction.set_rollback(True)  # the next example starts from the same approval
    approved.refresh_from_db()
