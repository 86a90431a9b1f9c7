"""The reporting-chase and 升规纳统 endpoints answer with the caller's own scope."""

import pytest

from .chase_fixtures import month_fixture  # noqa: F401 (the fixture "month")

pytestmark = pytest.mark.django_db
URL = "/api/reporting/completeness"


def test_completeness_by_api_for_the_district_and_an_operator(client, admin_user, operator, month):
    client.force_login(admin_user)
    data = client.get(URL, {"period": "2026-05", "as_of": "2026-07-01"}).json()
    assert (data["expected"], data["on_time"], data["late"], data["missing"]) == (4, 1, 1, 2)
    assert {r["name"]: r["status"] for r in data["enterprises"]}["乙科技"] == "late"
    client.force_login(operator)
    mine = client.get(URL, {"period": "2026-05"}).json()
    assert {r["name"] for r in mine["enterprises"]} == {"甲科技", "乙科技", "丙科技"}
    # Asking for the other sub-park gives nothing of it.
    other = client.get(URL, {"period": "2026-05", "org_unit": "ZZ"}).json()
    assert other["expected"] == 0 and other["enterprises"] == []


def test_bad_period_and_anonymous_calls(client, admin_user, month):
    assert client.get(URL, {"period": "2026-05"}).status_code == 401
    client.force_login(admin_user)
    response = client.get(URL, {"period": "2026"})
    assert response.status_code == 400 and "报送期应为月份" in response.json()["detail"]
    assert client.get("/api/reporting/upscale").json() == []
