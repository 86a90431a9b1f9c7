"""The service demo: a year of requests driven through the real workflow, with the mess of a real
year (late, overdue, waiting, rerouted, reopened, not solved, duplicates) and shares near the
anchors, every timeline consistent with its request, loading twice adds nothing."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from zerobay.accounts.models import User
from zerobay.registry.reference import load_reference
from zerobay.service import demo, stats
from zerobay.service.models import KeyEnterprise, ServiceRequest, Step, Visit

from ..factories import EnterpriseFactory, QualificationFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ServiceRequest.State


@pytest.fixture
def loaded():
    load_reference()
    today = timezone.localdate()
    for i in range(40):
        e = EnterpriseFactory()
        if i < 8:  # key enterprises by the rule
            QualificationFactory(
                enterprise=e,
                kind="little_giant",
                valid_from=today - datetime.timedelta(days=400),
                valid_to=today + datetime.timedelta(days=700),
            )
    UserFactory(username="admin", role="district_admin")
    logins = demo.load(password="pw", seed=7, progress=lambda _m: None)
    return logins


def test_a_year_of_requests_with_the_mess_of_a_real_year_and_consistent_timelines(loaded):
    assert [u for u, _d in loaded] == ["svc-ent", "svc-rcb", "svc-kw", "svc-jrb"]
    qs = ServiceRequest.objects.filter(source="demo")
    today = timezone.localdate()
    first = qs.order_by("submitted_on").first().submitted_on
    assert qs.count() > 400 and (today - first).days >= 360
    states = dict(qs.values_list("state").annotate(n=Count("id")))
    for state in (S.CLOSED, S.CONFIRMED, S.CLOSED_UNSOLVED, S.MERGED, S.ANSWERED):
        assert states.get(state), state
    assert qs.filter(reroute_count__gt=0).exists() and qs.filter(reopen_count__gt=0).exists()
    assert qs.filter(paused_days__gt=0).exists() and qs.filter(due_on__lt=today).exists()
    assert len(set(qs.values_list("category", flat=True))) == 10
    visited = qs.filter(channel="visit")
    assert visited.exists() and not visited.filter(visit__isnull=True).exists()
    assert Visit.objects.filter(source="demo", requests__isnull=True).exists()  # visits without a request
    keys = KeyEnterprise.objects.filter(is_key=True)
    assert keys.count() == 8 and not keys.filter(officer__isnull=True).exists()
    t = stats.dashboard(User.objects.get(username="admin"), today)["total"]
    assert 0.85 < t["satisfaction"] < 0.99 and 0.9 < t["resolution_rate"] < 0.995
    assert 0.75 < t["sign_rate"] < 0.97 and 0.02 < t["reopen_rate"] < 0.15
    # Every timeline leads to its request, in order.
    for req in ServiceRequest.objects.filter(source="demo").prefetch_related("steps")[:200]:
        steps = list(req.steps.all())
        assert steps[0].action == "submit" and steps[-1].to_state == req.state
        assert all(a.to_state == b.from_state for a, b in zip(steps, steps[1:], strict=False))
        assert all(a.at < b.at for a, b in zip(steps, steps[1:], strict=False))
        assert steps[-1].at.date() <= timezone.localdate() + datetime.timedelta(days=1)


def test_loading_again_adds_nothing_and_wipe_removes_it(loaded):
    n, steps = ServiceRequest.objects.count(), Step.objects.count()
    demo.load(password="pw", seed=7, progress=lambda _m: None)
    assert (ServiceRequest.objects.count(), Step.objects.count()) == (n, steps)
    demo.wipe()
    assert not ServiceRequest.objects.exists() and not User.objects.filter(username="svc-ent").exists()
