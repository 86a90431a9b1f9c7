"""`zerobay service requests` prints exactly the issue's contract; the API moves a request with the
shared errors; `zerobay service remind` tells the unit before a due date, the commission after it,
the leadership later, each once, in the app and by e-mail."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from zerobay.accounts.models import Notification
from zerobay.service.models import DeadlineAlert
from zerobay.service.services.requests import move, raise_request

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(svc):
    """A talent request raised 2025-09-15 (sign 16th, answer 22nd), signed; a finance one raised
    2025-09-30 (sign 9 October); the talent one answered and closed."""
    a = raise_request(svc.ent_user, category="talent", title="落户", text="博士后落户", at=at("2025-09-15"))
    move(a, "sign", svc.talent, at=at("2025-09-16"))
    b = raise_request(svc.other_user, category="finance", title="首贷", text="流动资金", at=at("2025-09-30"))
    c = raise_request(svc.ent_user, category="talent", title="人才公寓", text="两套", at=at("2025-09-15"))
    move(c, "sign", svc.talent, at=at("2025-09-15"))
    move(c, "answer", svc.talent, comment="已安排", at=at("2025-09-17"))
    move(c, "confirm", svc.ent_user, rating="satisfied", at=at("2025-09-18"))
    return a, b, c


def run(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("service", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_requests_command_prints_exactly_the_contract(three):
    a, b, c = three
    data = run("requests", "--as-of", "2025-10-09", "--format", "json")
    assert list(data) == ["requests"]
    rows = {r["id"]: r for r in data["requests"]}
    assert rows[a.pk] == {
        "id": a.pk,
        "enterprise": "零号湾智能科技有限公司",
        "category": "talent",
        "unit": "RCB",
        "state": "signed",
        "submitted": "2025-09-15",
        "due": "2025-09-22",
        "overdue": True,
        # 16–19, 22–26, 28–30 September and 9 October
        "working_days_open": 13,
    }
    assert rows[b.pk]["due"] == "2025-10-09" and rows[b.pk]["overdue"] is False
    assert rows[c.pk]["state"] == "confirmed" and rows[c.pk]["overdue"] is False
    assert rows[c.pk]["working_days_open"] == 3  # 16, 17, 18 September


def test_the_requests_command_filters(three):
    a, b, c = three
    ids = [
        r["id"] for r in run("requests", "--as-of", "2025-10-09", "--overdue", "--format", "json")["requests"]
    ]
    assert ids == [a.pk]
    ids = [r["id"] for r in run("requests", "--unit", "区金融办", "--format", "json")["requests"]]
    assert ids == [b.pk]
    ids = [
        r["id"]
        for r in run("requests", "--state", "confirmed", "--unit", "RCB", "--format", "json")["requests"]
    ]
    assert ids == [c.pk]
    with pytest.raises(CommandError) as exc:
        run("requests", "--unit", "不存在的局")
    assert exc.value.returncode == 2 and "不存在的局" in str(exc.value)
    with pytest.raises(CommandError) as exc:
        run("requests", "--state", "lost")
    assert exc.value.returncode == 2


def test_the_api_moves_a_request_and_answers_with_the_shared_errors(client, svc, three):
    a, b, c = three
    client.force_login(svc.talent)
    url = f"/api/service/requests/{a.pk}/move"
    r = client.post(
        url, {"action": "answer", "comment": "可办理", "version": 1}, content_type="application/json"
    )
    assert r.status_code == 409 and "detail" in r.json()  # stale: it was signed since
    r = client.post(url, {"action": "answer", "version": 2}, content_type="application/json")
    assert r.status_code == 422
    r = client.post(
        url, {"action": "answer", "comment": "可办理", "version": 2}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["state"] == "answered"
    assert [s["action"] for s in r.json()["steps"]] == ["submit", "sign", "answer"]
    r = client.post(url, {"action": "rate", "rating": "unsatisfied"}, content_type="application/json")
    assert r.status_code == 403  # the unit does not rate its own answer
    client.force_login(svc.ent_user)
    r = client.post(
        url, {"action": "rate", "rating": "unsatisfied", "comment": "未解决"}, content_type="application/json"
    )
    assert r.status_code == 200 and (r.json()["state"], r.json()["reopen_count"]) == ("reopened", 1)
    assert client.get("/api/service/requests", {"limit": 501}).status_code == 422


def test_reminders_before_and_escalations_after_each_once(svc, three):
    a, b, c = three
    # 2025-09-19: a's answer date (22nd) is the next working day → the unit is reminded.
    out = run("remind", "--as-of", "2025-09-19", "--format", "json")
    assert (out["reminders"], out["commission"], out["leadership"]) == (1, 0, 0)
    assert Notification.objects.filter(user=svc.talent, kind="service.request.alert0").count() == 1
    assert [m.to for m in mail.outbox] == [["rcb@example.cn"]]
    assert run("remind", "--as-of", "2025-09-19", "--format", "json")["reminders"] == 0  # once
    # 2025-09-24: two working days late → the commission (and the unit).
    out = run("remind", "--as-of", "2025-09-24", "--format", "json")
    assert (out["reminders"], out["commission"], out["leadership"]) == (0, 1, 0)
    assert Notification.objects.filter(user=svc.staff, kind="service.request.alert1").exists()
    # 2025-09-26: four working days late (more than 3) → the leadership.
    out = run("remind", "--as-of", "2025-09-26", "--format", "json")
    assert (out["commission"], out["leadership"]) == (0, 1)
    assert Notification.objects.filter(user=svc.leader, kind="service.request.alert2").exists()
    assert DeadlineAlert.objects.filter(request=a).count() == 3
    assert not DeadlineAlert.objects.filter(request=c).exists()  # finished


def test_reminding_on_a_day_the_calendar_does_not_know_is_refused_with_the_reason(svc):
    with pytest.raises(CommandError) as exc:
        run("remind", "--as-of", "2027-03-01")
    assert exc.value.returncode == 1 and "2027" in str(exc.value)
