"""Concurrent requests on PostgreSQL: payments never exceed the approval, proposals never exceed the
budget, and of two staff acting on the same application at once only one succeeds. Each thread has
its own database connection and they start together at a barrier."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from zerobay.programs import services
from zerobay.programs.models import Application, ApprovalBatch, Payment
from zerobay.programs.services import ConcurrentChange, IllegalTransition, ProgramError
from zerobay.programs.workflow import State

from .factories import advance, eligible_enterprise, new_application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent requests need row locks and real concurrent connections: run with DATABASE_URL=postgres://…",
    ),
]


def race(n: int, work) -> list:
    """Runs work(i) in n threads started together; returns each outcome ("ok" or the exception)."""
    barrier = threading.Barrier(n)
    outcomes = [None] * n

    def run(i):
        try:
            barrier.wait()
            work(i)
            outcomes[i] = "ok"
        except Exception as exc:  # the refusals are what the test counts
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_concurrent_payments_never_exceed_the_approved_amount(scenario):
    s = scenario
    app = advance(s, new_application(s), State.APPROVED)  # approved 1,000,000
    outcomes = race(
        6,
        lambda i: services.pay(
            Application.objects.get(pk=app.pk), Decimal("300000"), timezone.localdate(), s.finance
        ),
    )
    assert outcomes.count("ok") == 3
    assert all(isinstance(o, ProgramError) and "超过剩余可拨付金额" in str(o) for o in outcomes if o != "ok")
    app.refresh_from_db()
    assert app.paid_amount == Decimal("900000") <= app.approved_amount
    assert sum(p.amount for p in Payment.objects.filter(application=app)) == app.paid_amount
    assert sorted(Payment.objects.filter(application=app).values_list("instalment", flat=True)) == [1, 2, 3]


def test_concurrent_proposals_never_exceed_the_budget(scenario):
    s = scenario
    apps = []
    for i in range(5):
        _enterprise, user = eligible_enterprise(s, f"零号湾并发测试企业{i}")
        apps.append(advance(s, new_application(s, user=user), State.REVIEWED))
    batch = services.create_batch(s.policy, title="并发批次", user=s.staff)
    # The call's budget is 3,000,000: five proposals of 1,000,000 at once, only three fit.
    outcomes = race(
        5,
        lambda i: services.propose(
            batch, Application.objects.get(pk=apps[i].pk), Decimal("1000000"), s.staff
        ),
    )
    assert outcomes.count("ok") == 3
    assert all(isinstance(o, ProgramError) and "超出申报通知" in str(o) for o in outcomes if o != "ok")
    usage = services.budget_usage(call=s.call)
    assert usage["committed"] == Decimal("3000000") and usage["available"] == 0
    assert Application.objects.filter(state=State.PROPOSED).count() == 3


def test_two_staff_acting_at_once_cannot_both_succeed(scenario):
    s = scenario
    app = new_application(s)
    services.transition(app, "submit", s.enterprise_user)
    seen = app.version
    actions = [("pass_check", s.staff, ""), ("return", s.operator, "请补充材料")]
    outcomes = race(
        2,
        lambda i: services.transition(
            Application.objects.get(pk=app.pk),
            actions[i][0],
            actions[i][1],
            comment=actions[i][2],
            expected_version=seen,
        ),
    )
    assert outcomes.count("ok") == 1
    loser = next(o for o in outcomes if o != "ok")
    assert isinstance(loser, (ConcurrentChange, IllegalTransition))
    app.refresh_from_db()
    assert app.version == seen + 1
    assert app.transitions.count() == 2  # submit and the one winner


def test_a_batch_finalised_twice_at_once_approves_each_project_once(scenario):
    s = scenario
    apps = []
    for i in range(3):
        _enterprise, user = eligible_enterprise(s, f"零号湾立项测试企业{i}")
        apps.append(advance(s, new_application(s, user=user, amount=Decimal("500000")), State.REVIEWED))
    batch = services.create_batch(s.policy, title="并发确认批次", user=s.staff)
    for app in apps:
        services.propose(batch, app, Decimal("500000"), s.staff)
    today = timezone.localdate()
    services.open_notice(
        batch, today - datetime.timedelta(days=7), today - datetime.timedelta(days=1), s.staff
    )
    outcomes = race(3, lambda i: services.finalise(ApprovalBatch.objects.get(pk=batch.pk), s.staff))
    assert outcomes.count("ok") == 1
    assert all(isinstance(o, IllegalTransition) for o in outcomes if o != "ok")
    for app in apps:
        app.refresh_from_db()
        assert app.state == State.APPROVED
        assert app.transitions.filter(action="approve").count() == 1
