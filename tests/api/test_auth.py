"""Who may call the API: Bearer tokens and the web session; everyone else gets 401 JSON."""

import hashlib
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from zerobay.accounts.models import ApiToken, AuditRecord
from zerobay.accounts.tokens import create_token, revoke_token

pytestmark = pytest.mark.django_db


def _concrete(path: str, parameters: list[dict]) -> str:
    """The schema path with each path parameter filled with a value of its type."""
    for p in parameters:
        if p["in"] == "path":
            value = "1" if p["schema"].get("type") == "integer" else "91310112MA1G00000X"
            path = path.replace("{" + p["name"] + "}", value)
    return path


def test_unauthenticated_call_gets_401_json_not_a_login_redirect(client, district):
    response = client.get("/api/enterprises")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Location" not in response
    assert response["WWW-Authenticate"] == "Bearer"
    assert "未登录" in response.json()["detail"]


def test_every_route_of_the_schema_requires_authentication(client, district):
    """A new endpoint that forgets authentication fails here."""
    schema = client.get("/api/openapi.json").json()
    checked = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            url = _concrete(path, operation.get("parameters", []))
            response = getattr(client, method)(url)
            assert response.status_code == 401, f"{method.upper()} {url} answered {response.status_code}"
            assert response.json()["detail"]
            checked.append((method, path))
    assert ("get", "/api/enterprises") in checked and ("post", "/api/imports") in checked
    assert len([m for m, _ in checked if m == "get"]) >= 7


def test_bearer_token_authenticates_and_records_its_use(client, operator, two_enterprises, bearer):
    headers = bearer(operator)
    response = client.get("/api/enterprises", headers=headers)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert ApiToken.objects.get(user=operator).last_used_at is not None


def test_revoked_token_is_refused(client, operator, district):
    token, key = create_token(operator, name="etl")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/org-units", headers=headers).status_code == 200

    revoke_token(token, actor=operator)
    response = client.get("/api/org-units", headers=headers)
    assert response.status_code == 401
    assert "吊销" in response.json()["detail"]
    assert AuditRecord.objects.filter(action="accounts.api_token.revoked").exists()


def test_token_of_an_inactive_user_is_refused(client, operator, bearer):
    headers = bearer(operator)
    operator.is_active = False
    operator.save()
    assert client.get("/api/org-units", headers=headers).status_code == 401


def test_wrong_token_is_refused_even_with_a_logged_in_session(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/api/org-units", headers={"Authorization": "Bearer zb_not-a-key"})
    assert response.status_code == 401


def test_create_api_token_prints_the_key_once_and_stores_only_its_hash(client, operator, district):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", operator.username, "--name", "torch-etl", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert re.fullmatch(r"zb_[A-Za-z0-9_-]{43}", key)
    assert "cannot be shown again" in err.getvalue()

    token = ApiToken.objects.get(user=operator)
    assert token.name == "torch-etl"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(token.prefix) and len(token.prefix) < len(key) // 3
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert not any(key in v for v in stored)
    assert AuditRecord.objects.filter(action="accounts.api_token.created", object_id=str(token.pk)).exists()

    response = client.get("/api/org-units", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200


def test_create_api_token_for_an_unknown_user_fails(db):
    with pytest.raises(CommandError, match="no such user"):
        call_command("create_api_token", "nobody", stdout=io.StringIO(), stderr=io.StringIO())


def test_session_calls_need_a_csrf_token_for_unsafe_methods(admin_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert browser.get("/api/org-units").status_code == 200

    response = browser.post("/api/imports/999/confirm", content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]

    token = get_token(RequestFactory().get("/"))
    browser.cookies["csrftoken"] = token
    response = browser.post(
        "/api/imports/999/confirm", content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 404  # past authentication and CSRF: no such import


def test_token_calls_need_no_csrf_token(admin_user, bearer):
    script = Client(enforce_csrf_checks=True)
    response = script.post(
        "/api/imports/999/confirm", content_type="application/json", headers=bearer(admin_user)
    )
    assert response.status_code == 404
