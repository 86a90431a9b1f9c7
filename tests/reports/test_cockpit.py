"""The leadership cockpit over the demo district: headline figures with year on year between ended
years only, every figure drilling down to a page the user may open, and the sub-park filter scoped
by the user's org unit."""

from io import StringIO

import pytest
from django.core.management import call_command

from zerobay.accounts.models import User
from zerobay.registry.models import OrgUnit

from ..crawl import links

pytestmark = pytest.mark.django_db

SIZE = 60


@pytest.fixture
def demo_district(tmp_path):
    options = ("--no-serve", "--skip-migrate", "--enterprises", str(SIZE), "--out", str(tmp_path))
    call_command("demo", *options, stdout=StringIO())


def test_the_cockpit_shows_the_headlines_and_every_figure_drills_down(client, demo_district):
    client.force_login(User.objects.get(username="admin"))
    response = client.get("/reports/cockpit/")
    assert response.status_code == 200
    page = response.content.decode()
    for indicator in ("torch.revenue", "park.rd_intensity", "park.hte_valid"):
        assert f'data-indicator="{indicator}"' in page
    assert "营业收入" in page and "同比" in page and "目标完成" in page
    for section in ("at-risk", "trends", "by-subpark", "money", "pipeline"):
        assert f'id="{section}"' in page
    assert "大零号湾" in page  # the sub-parks by name
    for url in set(links(page, "/reports/cockpit/")):
        assert client.get(url).status_code == 200, url


def test_home_leads_district_staff_to_the_cockpit(client, demo_district):
    client.force_login(User.objects.get(username="viewer"))
    page = client.get("/").content.decode()
    assert 'id="open-cockpit"' in page and 'href="/reports/cockpit/"' in page


def test_an_operator_sees_its_sub_park_only(client, demo_district):
    client.force_login(User.objects.get(username="dlhw"))
    page = client.get("/reports/cockpit/").content.decode()
    assert "大零号湾" in page
    other = OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK).exclude(code="DLHW").first()
    assert f'value="{other.code}"' not in page and other.name not in page
    assert client.get(f"/reports/cockpit/?org={other.code}").status_code == 404


def test_other_roles_neither_see_nor_open_the_cockpit(client, demo_district):
    for role in ("expert", "enterprise", "finance", "tech_manager"):
        client.force_login(User.objects.filter(role=role).first())
        assert "/reports/cockpit/" not in client.get("/").content.decode(), role
        assert client.get("/reports/cockpit/").status_code == 404, role
