"""Publishing, suggestions with reasons, the funnel to a contract, and the demo year's counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zerobay.accounts.models import AuditRecord
from zerobay.matching import demo, funnel, workflow
from zerobay.matching.models import Achievement, Demand, Match, MatchEvent, Stage

from .conftest import make_achievement, make_demand

pytestmark = pytest.mark.django_db


def test_publishing_is_reviewed_by_the_tech_transfer_office(client, firms, tto):
    a = make_achievement("CG-1", Achievement.Status.DRAFT, enterprise=firms["a"])
    with pytest.raises(PermissionDenied):
        workflow.move_achievement(a, "publish", user=firms["user_a"])
    workflow.move_achievement(a, "submit", user=firms["user_a"])
    assert client.get("/hall/achievements/CG-1/").status_code == 404  # still not public
    client.force_login(tto)
    client.post("/hall/achievements/CG-1/move/", {"action": "publish"})
    a.refresh_from_db()
    assert a.status == "published" and a.published_at
    client.logout()
    assert client.get("/hall/achievements/CG-1/").status_code == 200
    with pytest.raises(ValidationError, match="不能"):
        workflow.move_achievement(a, "return", user=tto)
    assert AuditRecord.objects.filter(action="matching.achievement.publish", object_id=str(a.pk)).exists()


def test_an_enterprise_posts_a_demand_and_a_manager_moves_a_suggestion_to_a_contract(
    client, firms, manager, taxonomy
):
    make_achievement("CG-VIS", Achievement.Status.PUBLISHED)
    make_achievement(
        "CG-SEA", Achievement.Status.PUBLISHED, title="深海温盐深传感器标定", abstract="海水盐度测量"
    )
    client.force_login(firms["user_a"])
    response = client.post(
        "/hall/new/demand/",
        {
            "title": "产线上的锂电极片毛刺怎么在线检出",
            "description": "人工抽检漏检多",
            "track": taxonomy["ENER-STO-T"].pk,
            "publish": "1",
        },
    )
    d = Demand.objects.get()
    assert (
        response.status_code == 302
        and d.status == "open"
        and d.enterprise == firms["a"]
        and d.code.startswith("XQ")
    )
    assert d.field.code == "ENER"

    client.force_login(manager)
    client.post(f"/hall/demands/{d.code}/suggest/")
    best = Match.objects.get(demand=d, rank=1)
    assert best.achievement.code == "CG-VIS" and any("极片" in r for r in best.reasons)
    page = client.get(f"/hall/demands/{d.code}/").content.decode()
    assert "CG-VIS" in page and best.reasons[0] in page

    event = MatchEvent.objects.create(title="储能专场对接会", held_on=datetime.date(2025, 6, 1))
    url = f"/hall/matches/{best.pk}/"
    client.post(url, {"to": "introduced"})
    client.post(url, {"to": "event", "event": event.pk})
    response = client.post(url, {"to": "contract"})  # no value: refused, with the reason
    assert "合同金额" in response.content.decode()
    client.post(url, {"to": "intention"})
    client.post(
        url,
        {
            "to": "contract",
            "contract_value_wan": "120",
            "contract_signed_on": "2025-08-01",
            "contract_registration": "2025310112000001",
        },
    )
    best.refresh_from_db()
    assert best.stage == Stage.CONTRACT and best.contract_value_yuan == 1_200_000
    assert [s.stage for s in best.steps.all()] == [
        "suggested",
        "introduced",
        "event",
        "intention",
        "contract",
    ]
    assert firms["user_a"].notifications.filter(kind="matching.introduced").exists()
    with pytest.raises(ValidationError):
        funnel.advance(best, Stage.INTRODUCED, user=manager)


def test_outsiders_cannot_move_the_funnel(firms, manager):
    d = make_demand("XQ-1", Demand.Status.OPEN, firms["a"])
    a = make_achievement("CG-1", Achievement.Status.PUBLISHED)
    m = Match.objects.create(demand=d, achievement=a)
    with pytest.raises(PermissionDenied):
        funnel.advance(m, Stage.INTRODUCED, user=firms["user_a"])


def test_demo_year_reaches_the_documents_counts(district, taxonomy):
    logins = demo.load(password="pw-demo-123", seed=7, progress=lambda _m: None)
    assert {u for u, _d in logins} == {"hall-tto", "hall-manager", "hall-ent"}
    counts = {s["key"]: s["count"] for s in funnel.funnel_counts(2025)}
    assert counts == {"demands": 196, "introduced": 119, "events": 11, "intentions": 7, "contracts": 11}
    fields = set(Achievement.objects.values_list("field__code", flat=True))
    assert {"AERO", "LIFE", "INTL", "ENER", "OCEAN"} <= fields
    n = Achievement.objects.count()
    demo.load(password="pw-demo-123", seed=7, progress=lambda _m: None)  # idempotent
    assert Achievement.objects.count() == n
    assert demo.wipe() > 0 and not Achievement.objects.exists() and not Match.objects.exists()


def test_dashboard_shows_the_funnel_and_drills_down(client, district, taxonomy, viewer):
    demo.load(password="pw-demo-123", seed=7, progress=lambda _m: None)
    client.force_login(viewer)
    page = client.get("/hall/funnel/", {"year": 2025}).content.decode()
    assert "实质合作" in page and 'id="funnel-chart"' in page
    drill = client.get("/hall/funnel/contracts/", {"year": 2025}).content.decode()
    assert drill.count("/hall/matches/") == 11
