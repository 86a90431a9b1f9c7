"""/api/carriers/...: the same scope as the pages (404 outside it), the evaluation's figures."""

import pytest

from .test_pages import filed  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_a_carrier_operator_reaches_its_own_carrier_only(client, carrier_operator, filed):  # noqa: F811
    mine, other = filed
    client.force_login(carrier_operator)
    for suffix in ("", "/statistics", "/residents?year=2024", "/evaluation?year=2024"):
        assert client.get(f"/api/carriers/{mine.pk}{suffix}").status_code == 200, suffix
        assert client.get(f"/api/carriers/{other.pk}{suffix}").status_code == 404, suffix
    assert client.get("/api/carriers/999999").status_code == 404
    ranking = client.get("/api/carriers/evaluation", {"year": 2024}).json()
    assert [c["carrier"] for c in ranking["carriers"]] == [mine.name]
    assert (
        client.get("/api/carriers/evaluation", {"year": 2024, "scheme": "maker-space"}).json()["carriers"]
        == []
    )


def test_the_figures_behind_the_pages(client, admin_user, filed):  # noqa: F811
    mine, other = filed
    client.force_login(admin_user)
    detail = client.get(f"/api/carriers/{mine.pk}").json()
    assert detail["name"] == mine.name and detail["org_unit"] == "DLHW"
    (year,) = client.get(f"/api/carriers/{mine.pk}/statistics").json()
    hte = next(f for f in year["figures"] if f["key"] == "resident_hte")
    assert (hte["stated"], hte["verified"], hte["flagged"]) == (2, 1, True)
    residents = client.get(f"/api/carriers/{mine.pk}/residents", {"year": 2024}).json()
    assert residents["count"] == 2
    assert {r["name"]: r["criterion"] for r in residents["items"]} == {
        "在孵高企甲": "hte",
        "在孵企业乙": None,
    }
    result = client.get(f"/api/carriers/{mine.pk}/evaluation", {"year": 2024}).json()
    assert round(sum(i["points"] for i in result["indicators"]), 2) == result["score"]
    assert client.get("/api/carriers/evaluation", {"year": 2024, "scheme": "nope"}).status_code == 404
    assert client.get("/api/carriers/evaluation", {"year": 99999}).status_code == 422


def test_staff_of_another_sub_park_get_404(client, operator, filed):  # noqa: F811
    _mine, other = filed
    client.force_login(operator)
    assert client.get(f"/api/carriers/{other.pk}").status_code == 404
    assert client.get(f"/api/carriers/{other.pk}/evaluation", {"year": 2024}).status_code == 404
