"""API tokens are listed, named, created and revoked by their owner and by admins, and they expire."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from zerobay.accounts.models import ApiToken, AuditRecord, Role
from zerobay.accounts.tokens import authenticate_key, create_token

pytestmark = pytest.mark.django_db


def test_a_user_creates_sees_and_revokes_its_own_tokens(client, district):
    user = UserFactory(username="qiye-c", role=Role.ENTERPRISE)
    client.force_login(user)
    page = client.post(reverse("token-list"), {"name": "财务系统对接", "days": 30})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key.startswith("zb_") and key in page.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.name == "财务系统对接"
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert authenticate_key(key) == user
    again = client.get(reverse("token-list")).content.decode()
    assert "财务系统对接" in again and key not in again  # the key is shown once
    response = client.post(reverse("token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert authenticate_key(key) is None
    assert AuditRecord.objects.filter(action="accounts.api_token.revoked", object_id=str(token.pk)).exists()


def test_a_user_cannot_see_or_revoke_anothers_token_but_an_admin_can(client, district, admin_user):
    owner = UserFactory(username="qiye-d", role=Role.ENTERPRISE)
    other = UserFactory(username="qiye-e", role=Role.ENTERPRISE)
    token, key = create_token(owner, name="torch-etl-job")
    client.force_login(other)
    assert "torch-etl-job" not in client.get(reverse("token-list")).content.decode()
    assert client.post(reverse("token-revoke", args=[token.pk])).status_code == 404
    assert authenticate_key(key) == owner
    client.force_login(admin_user)
    assert "qiye-d" in client.get(reverse("token-list")).content.decode()
    assert client.post(reverse("token-revoke", args=[token.pk])).status_code == 302
    assert authenticate_key(key) is None


def test_an_expired_token_is_refused(client, district, admin_user):
    token, key = create_token(admin_user, name="old", days=1)
    assert authenticate_key(key) == admin_user
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert authenticate_key(key) is None
    assert client.get("/api/enterprises", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_token_lifetime_is_bounded(client, district, admin_user):
    client.force_login(admin_user)
    page = client.post(reverse("token-list"), {"name": "forever", "days": 5000})
    assert page.status_code == 200 and not ApiToken.objects.exists()
    assert page.context["form"].errors["days"]
