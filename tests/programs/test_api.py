"""The programme endpoints: scope (missing and forbidden alike 404), workflow actions with their
refusals (400) and stale versions (409), payments, eligibility, ranking and budget."""

import pytest
from django.utils import timezone

from zerobay.accounts.tokens import create_token
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    """api(user).get(url) / .post(url, json) with a Bearer token of `user`."""

    class Caller:
        def __init__(self, user):
            _t, key = create_token(user, name="test")
            self.headers = {"Authorization": f"Bearer {key}"}

        def get(self, url, **params):
            return client.get(url, params, headers=self.headers)

        def post(self, url, data):
            return client.post(url, data, content_type="application/json", headers=self.headers)

    return Caller


def test_enterprise_sees_its_own_applications_only(scenario, api):
    s = scenario
    mine = new_application(s)
    theirs = new_application(s, user=s.other_user, clause=s.clause2, amount=300000)
    listed = api(s.enterprise_user).get("/api/programs/applications").json()
    assert [a["code"] for a in listed["items"]] == [mine.code] and listed["count"] == 1
    assert api(s.enterprise_user).get(f"/api/programs/applications/{theirs.code}").status_code == 404
    assert api(s.enterprise_user).get("/api/programs/applications/SQ-NOPE").status_code == 404
    missing = api(s.enterprise_user).post(
        f"/api/programs/applications/{theirs.code}/transitions", {"action": "withdraw"}
    )
    assert missing.status_code == 404
    assert [a["code"] for a in api(s.other_operator).get("/api/programs/applications").json()["items"]] == [
        theirs.code
    ]
    assert api(s.expert).get("/api/programs/applications").json()["count"] == 0
    assert client_unauthenticated_is_refused(api)


def client_unauthenticated_is_refused(api) -> bool:
    from django.test import Client

    return Client().get("/api/programs/applications").status_code == 401


def test_actions_with_refusals_and_versions(scenario, api):
    s = scenario
    app = new_application(s)
    ent, staff = api(s.enterprise_user), api(s.operator)
    detail = ent.get(f"/api/programs/applications/{app.code}").json()
    assert detail["state"] == "draft" and set(detail["actions"]) == {"submit", "withdraw"}
    done = ent.post(
        f"/api/programs/applications/{app.code}/transitions",
        {"action": "submit", "version": detail["version"]},
    )
    assert done.status_code == 200 and done.json()["state"] == State.SUBMITTED
    assert (
        done.json()["timeline"][0]["to_state"] == State.SUBMITTED
        and done.json()["timeline"][0]["actor"] == "ent"
    )
    illegal = ent.post(f"/api/programs/applications/{app.code}/transitions", {"action": "pass_check"})
    assert illegal.status_code == 400 and "无权" in illegal.json()["detail"]
    stale = staff.post(
        f"/api/programs/applications/{app.code}/transitions",
        {"action": "pass_check", "version": detail["version"]},
    )
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    no_reason = staff.post(f"/api/programs/applications/{app.code}/transitions", {"action": "reject"})
    assert no_reason.status_code == 400 and "必须填写理由" in no_reason.json()["detail"]
    ok = staff.post(
        f"/api/programs/applications/{app.code}/transitions",
        {"action": "pass_check", "version": detail["version"] + 1},
    )
    assert ok.json()["state"] == State.CHECKED


def test_payments_by_finance_within_the_approval(scenario, api):
    s = scenario
    app = advance(s, new_application(s), State.APPROVED)
    url = f"/api/programs/applications/{app.code}/payments"
    today = timezone.localdate().isoformat()
    assert api(s.staff).post(url, {"amount": "100", "paid_on": today}).status_code == 400
    first = api(s.finance).post(url, {"amount": "600000", "paid_on": today, "reference": "PZ-1"})
    assert first.status_code == 201 and first.json()["instalment"] == 1
    assert first.json()["application"]["paid_amount"] == "600000.00"
    over = api(s.finance).post(url, {"amount": "400000.01", "paid_on": today})
    assert over.status_code == 400 and "超过剩余可拨付金额 400,000.00 元" in over.json()["detail"]
    last = api(s.finance).post(url, {"amount": "400000", "paid_on": today})
    assert last.json()["application"]["state"] == State.PAID
    budget = api(s.finance).get("/api/programs/budget", call=s.call.code).json()
    assert budget["paid"] == "1000000.00" and budget["available"] == "2000000.00"
    assert api(s.operator).get("/api/programs/budget", call=s.call.code).status_code == 404
    assert api(s.staff).get("/api/programs/budget").status_code == 400


def test_eligibility_for_the_own_enterprise_or_staff_scope(scenario, api):
    s = scenario
    url = f"/api/programs/clauses/{s.clause.code}/eligibility"
    own = api(s.enterprise_user).get(url).json()
    assert own["uscc"] == s.enterprise.uscc and own["eligible"] is None
    assert {c["kind"]: c["met"] for c in own["conditions"]}["qualification"] is True
    assert api(s.enterprise_user).get(url, uscc=s.other_enterprise.uscc).status_code == 404
    other = api(s.staff).get(url, uscc=s.other_enterprise.uscc).json()
    assert other["eligible"] is False
    assert api(s.operator).get(url, uscc=s.other_enterprise.uscc).status_code == 404  # 紫竹: not its scope


def test_calls_and_ranking(scenario, api):
    s = scenario
    calls = api(s.enterprise_user).get("/api/programs/calls").json()
    assert [c["code"] for c in calls] == [s.call.code]
    assert [c["code"] for c in calls[0]["clauses"]] == ["C01", "C02"]
    app = advance(s, new_application(s), State.REVIEWED)
    ranking = api(s.staff).get(f"/api/programs/calls/{s.call.code}/ranking").json()
    assert [(r["code"], r["rank"]) for r in ranking] == [(app.code, 1)]
    assert api(s.other_operator).get(f"/api/programs/calls/{s.call.code}/ranking").json() == []
    assert api(s.enterprise_user).get(f"/api/programs/calls/{s.call.code}/ranking").status_code == 404
