"""A user created with the default fields (as an admin does in /admin/) sees nothing until given a role."""

import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory
from zerobay.accounts.models import Role, User
from zerobay.accounts.scope import NOTHING, scope_path

pytestmark = pytest.mark.django_db


def test_a_new_user_starts_without_a_role_or_scope(client, district):
    enterprise = EnterpriseFactory(org_unit=district["dlhw"])
    user = User.objects.create_user("newcomer", password="Minhang-2026-newcomer")
    assert user.role == Role.NONE and scope_path(user) == NOTHING
    assert not user.sees_district_data
    client.force_login(user)
    response = client.get(reverse("enterprise-list"))
    assert response.status_code == 403 or enterprise.uscc not in response.content.decode()
    assert client.get("/api/enterprises").json()["count"] == 0


def test_the_same_user_sees_the_district_once_given_a_role(client, district):
    EnterpriseFactory(org_unit=district["dlhw"])
    user = User.objects.create_user("newcomer2", password="Minhang-2026-newcomer")
    user.role = Role.VIEWER
    user.save()
    client.force_login(user)
    assert client.get("/api/enterprises").json()["count"] == 1
