"""/api/workplan/...: the same scope as the pages; a liaison cannot touch another unit's task."""

import pytest

from zerobay.workplan.models import WeeklyUpdate

pytestmark = pytest.mark.django_db


def test_lists_and_tasks_with_status_in_the_shared_page(client, admin_user, plan):
    client.force_login(admin_user)
    lists = client.get("/api/workplan/lists").json()
    assert lists["count"] == 1 and lists["items"][0]["tasks"] == 2
    url = f"/api/workplan/lists/{plan['list'].pk}/tasks"
    page = client.get(url, {"limit": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    row = page["items"][0]
    assert row["code"] == "1" and row["status"] == "green" and row["lead_units"] == ["区科委"]
    assert row["co_units"] == ["吴泾镇"] and row["declared"] is None and row["flagged"] is False
    assert client.get(url, {"status": "yellow"}).json()["items"][0]["code"] == "2"
    assert client.get(url, {"status": "purple"}).status_code == 422
    assert client.get(url, {"offset": -1}).status_code == 422
    detail = client.get(f"/api/workplan/tasks/{plan['two'].pk}").json()
    assert detail["status"] == "yellow" and detail["milestones"][0]["deliverable"] == "基金章程"


def test_a_liaison_reads_its_own_and_co_operated_tasks_and_nothing_else(client, plan, liaisons):
    one, two = plan["one"], plan["two"]
    client.force_login(liaisons["WJ"])
    rows = client.get(f"/api/workplan/lists/{plan['list'].pk}/tasks").json()["items"]
    assert [r["code"] for r in rows] == ["1"]
    assert client.get(f"/api/workplan/tasks/{one.pk}").status_code == 200
    assert client.get(f"/api/workplan/tasks/{two.pk}").status_code == 404
    assert client.get(f"/api/workplan/tasks/{two.pk}/updates").status_code == 404
    client.force_login(liaisons["JW"])
    assert client.get("/api/workplan/lists").json()["count"] == 0
    assert client.get(f"/api/workplan/lists/{plan['list'].pk}/tasks").status_code == 404


def test_only_the_lead_units_liaison_files_an_update(client, plan, liaisons, admin_user, operator):
    one, two = plan["one"], plan["two"]
    body = {"progress": "完成选址", "problems": "需协调用地", "declared_status": "yellow", "week": "2026-W23"}
    client.force_login(liaisons["WJ"])  # co-operates: reads, cannot file
    assert (
        client.post(
            f"/api/workplan/tasks/{one.pk}/updates", body, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(liaisons["KW"])
    assert (
        client.post(
            f"/api/workplan/tasks/{two.pk}/updates", body, content_type="application/json"
        ).status_code
        == 404
    )
    assert not WeeklyUpdate.objects.exists()
    response = client.post(f"/api/workplan/tasks/{one.pk}/updates", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["week"] == "2026-W23"
    again = client.post(
        f"/api/workplan/tasks/{one.pk}/updates", body | {"percent": 40}, content_type="application/json"
    )
    assert again.status_code == 200 and WeeklyUpdate.objects.get().percent == 40
    bad = client.post(
        f"/api/workplan/tasks/{one.pk}/updates", body | {"week": "2026-W60"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "2026-W60" in bad.json()["detail"]
    assert (
        client.post(
            f"/api/workplan/tasks/{one.pk}/updates", body | {"percent": 101}, content_type="application/json"
        ).status_code
        == 422
    )
    updates = client.get(f"/api/workplan/tasks/{one.pk}/updates").json()
    assert updates["count"] == 1 and updates["items"][0]["problems"] == "需协调用地"
    for user, status in ((admin_user, 403), (operator, 403)):
        client.force_login(user)
        assert (
            client.post(
                f"/api/workplan/tasks/{one.pk}/updates", body, content_type="application/json"
            ).status_code
            == status
        )
    client.force_login(operator)
    assert client.get("/api/workplan/lists").status_code == 403
    assert client.get(f"/api/workplan/tasks/{one.pk}").status_code == 403
