"""Finance officers, tech-transfer offices and technology managers work on money and on the hall:
they see no enterprise's figures, on pages, exports or the API, and no link leads them there."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from zerobay.accounts.models import Role

pytestmark = pytest.mark.django_db

ROLES = [Role.FINANCE, Role.TECH_TRANSFER, Role.TECH_MANAGER]


@pytest.fixture
def figures(two_enterprises):
    return two_enterprises


@pytest.mark.parametrize("role", ROLES)
def test_no_enterprise_figures_anywhere(client, figures, role):
    mine, other = figures
    client.force_login(UserFactory(username=f"u-{role}", role=role))
    home = client.get("/").content.decode()
    for label in (
        "企业查询",
        reverse("enterprise-list"),
        reverse("import-list"),
        reverse("indicator-overview"),
    ):
        assert f'href="{label}"' not in home
    listing = client.get(reverse("enterprise-list"))
    assert listing.status_code in (200, 403)
    assert mine.name not in listing.content.decode() and other.name not in listing.content.decode()
    assert client.get(reverse("enterprise-detail", args=[mine.uscc])).status_code == 404
    assert client.get(reverse("enterprise-list") + "?format=xlsx").status_code in (200, 403)
    assert client.get("/api/enterprises").json()["count"] == 0
    assert client.get(f"/api/enterprises/{mine.uscc}").status_code == 404


def test_a_viewer_still_sees_them(client, figures, viewer):
    mine, _ = figures
    client.force_login(viewer)
    assert client.get(reverse("enterprise-detail", args=[mine.uscc])).status_code == 200
    assert client.get("/api/enterprises").json()["count"] == 2
