"""The cultivation API: screening, an enterprise's ladder, the certificate watch; scoped like the pages."""

import pytest

from ..api.conftest import bearer  # noqa: F401 (fixture)
from .panel import AS_OF, firms_fixture  # noqa: F401 (the fixture "firms")

pytestmark = pytest.mark.django_db


def test_screen_endpoint_matches_the_command_contract(client, operator, firms, bearer):  # noqa: F811
    mine, _other = firms
    response = client.get(
        "/api/cultivation/screen",
        {"qualification": "hte", "as_of": AS_OF.isoformat(), "status": "near"},
        headers=bearer(operator),
    )
    assert response.status_code == 200
    data = response.json()
    assert data["qualification"] == "hte" and data["as_of"] == AS_OF.isoformat()
    assert data["count"] == 1 and data["counts"]["near"] == 1
    row = data["enterprises"][0]
    assert row["uscc"] == mine.uscc and row["status"] == "near"
    share = next(c for c in row["criteria"] if c["id"] == "hitech_income_share")
    assert share["met"] is False and share["threshold"] == 0.6


def test_scope_is_enforced(client, operator, firms, bearer):  # noqa: F811
    _mine, other = firms
    headers = bearer(operator)
    assert client.get(f"/api/cultivation/enterprises/{other.uscc}", headers=headers).status_code == 404
    assert (
        client.get(
            "/api/cultivation/screen", {"qualification": "hte", "org_unit": "ZZ"}, headers=headers
        ).status_code
        == 404
    )
    assert client.get("/api/cultivation/screen", {"qualification": "hte"}).status_code == 401


def test_enterprise_endpoint(client, admin_user, firms, bearer):  # noqa: F811
    mine, _ = firms
    data = client.get(
        f"/api/cultivation/enterprises/{mine.uscc}", {"as_of": AS_OF.isoformat()}, headers=bearer(admin_user)
    ).json()
    assert data["rung"]["code"] == "none" and data["next_rung"]["code"] == "tsme"
    assert {q["qualification"] for q in data["qualifications"]} == {
        "tsme",
        "hte",
        "innovative_sme",
        "srdi_sme",
        "little_giant",
        "above_scale",
    }


def test_certificates_and_rules(client, admin_user, bearer):  # noqa: F811
    headers = bearer(admin_user)
    watch = client.get("/api/cultivation/certificates", {"as_of": "2026-06-30"}, headers=headers).json()
    assert watch["projection"]["target"] == 1550 and watch["projection"]["year"] == 2026
    rules = client.get("/api/cultivation/rules", headers=headers).json()
    assert [r["id"] for r in rules] == [
        "tsme",
        "hte",
        "innovative_sme",
        "srdi_sme",
        "little_giant",
        "above_scale",
    ]
