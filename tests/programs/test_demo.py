"""The programmes' demo on a small panel: every state is reached through recorded steps, money
stays within approvals and budgets, a second run adds nothing, wipe removes it all."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Sum

from zerobay.accounts.models import User
from zerobay.programs import demo, services
from zerobay.programs.models import Application, Call, Clause, Payment, Policy, Transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(tmp_path):
    call_command(
        "demo",
        "--no-serve",
        "--skip-migrate",
        "--enterprises",
        "400",
        "--out",
        str(tmp_path),
        stdout=StringIO(),
    )


def test_the_demo_writes_consistent_applications(loaded):
    apps = Application.objects.all()
    assert apps.count() > 300 and Clause.objects.count() == 46
    steps = {}
    for t in Transition.objects.order_by("application_id", "at", "id"):
        steps.setdefault(t.application_id, []).append(t)
    for app in apps:
        path = steps.get(app.pk, [])
        assert [t.from_state for t in path] == (["draft"] + [t.to_state for t in path])[: len(path)], app.code
        assert (path[-1].to_state if path else "draft") == app.state, app.code
        assert app.version == len(path) + 1
    assert not apps.filter(paid_amount__gt=F("approved_amount")).exists()
    paid = Payment.objects.values("application").annotate(s=Sum("amount"))
    assert all(Application.objects.get(pk=p["application"]).paid_amount == p["s"] for p in paid)
    for level, objs in (
        ("call", Call.objects.all()),
        ("clause", Clause.objects.all()),
        ("policy", Policy.objects.all()),
    ):
        for obj in objs:
            usage = services.budget_usage(**{level: obj})
            assert usage["committed"] <= usage["budget"], obj
    # The demo logins work and see their own things.
    qiye = User.objects.get(username="qiye")
    assert qiye.check_password("zerobay-demo")
    assert (
        services.visible_applications(qiye)
        .filter(state="returned", correction_deadline__isnull=False)
        .exists()
    )
    assert (
        services.my_assignments(User.objects.get(username="zhuanjia1"))
        .filter(submitted_at__isnull=True)
        .exists()
    )


def test_a_second_run_adds_nothing_and_wipe_removes_everything(loaded):
    before = (Application.objects.count(), Transition.objects.count(), Payment.objects.count())
    User.objects.filter(username="caiwu").update(password="!")
    demo.load(password="zerobay-demo", seed=1, progress=lambda m: None)
    assert (Application.objects.count(), Transition.objects.count(), Payment.objects.count()) == before
    assert User.objects.get(username="caiwu").check_password("zerobay-demo")
    assert demo.wipe() == before[0]
    assert not Application.objects.exists() and not Policy.objects.exists()
    assert not User.objects.filter(username__in=["qiye", "zhuanjia1", "zhuanjia2", "caiwu"]).exists()
