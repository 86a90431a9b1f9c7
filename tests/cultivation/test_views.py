"""The cultivation pages: candidate lists with gaps and their export, the enterprise page, the
certificate watch and the ladder, each in the user's scope (missing and forbidden: the same 404)."""

import datetime
import io

import openpyxl
import pytest
from django.http import HttpRequest  # django-axes needs the request of a login
from django.utils import timezone

from zerobay.accounts.models import Role

from ..conftest import PASSWORD
from ..factories import EnterpriseFactory, UserFactory
from .panel import AS_OF, good_hte, hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def firms(district):
    near = good_hte(district["block"], name="零号湾差一点科技", hightech_revenue=1500)
    ready = good_hte(district["dlhw"], name="零号湾就绪科技")
    other = good_hte(district["zizhu"], name="紫竹差一点生物", hightech_revenue=1500)
    return near, ready, other


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD, request=HttpRequest())
    return client


def test_operator_sees_near_misses_of_its_subpark_with_gaps(client, operator, firms):
    near, ready, other = firms
    login(client, operator)
    page = client.get("/cultivation/screen/hte/", {"as_of": AS_OF.isoformat()})
    text = page.content.decode()
    assert page.status_code == 200
    assert near.name in text and "还差 10 个百分点" in text
    assert other.name not in text and ready.name not in text  # default tab: near misses
    row = text[text.index(near.name) :]
    row = row[: row.index("</tr>")]
    assert near.org_unit.name in row and f">{near.org_unit.code}<" not in row  # a name, not a code
    eligible = client.get("/cultivation/screen/hte/", {"as_of": AS_OF.isoformat(), "status": "eligible"})
    assert ready.name in eligible.content.decode()


def test_export_lists_the_same_enterprises(client, operator, firms):
    near, _ready, other = firms
    login(client, operator)
    response = client.get("/cultivation/screen/hte/", {"as_of": AS_OF.isoformat(), "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [near.name]
    gap = next(sheet.iter_rows(min_row=2, values_only=True))[4]
    assert "还差 10 个百分点" in gap


def test_operator_cannot_reach_other_subparks(client, operator, firms, district):
    _near, _ready, other = firms
    login(client, operator)
    assert client.get(f"/cultivation/enterprises/{other.uscc}/").status_code == 404
    assert client.get("/cultivation/enterprises/91310112MA00000000/").status_code == 404
    assert client.get("/cultivation/screen/hte/", {"org": "ZZ"}).status_code == 404
    assert client.get("/cultivation/screen/nope/").status_code == 404


def test_enterprise_page_shows_rung_next_rung_and_what_it_lacks(client, admin_user, district):
    firm = good_hte(district["dlhw"], name="阶梯科技", hightech_revenue=1500)
    hold(firm, "tech_sme", start=datetime.date(2025, 1, 1), end=datetime.date(2026, 12, 31))
    login(client, admin_user)
    page = client.get(f"/cultivation/enterprises/{firm.uscc}/", {"as_of": AS_OF.isoformat()})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="rung">科技型中小企业' in text and 'id="next-rung">高新技术企业' in text
    assert "高新技术产品（服务）收入占比" in text and "还差 10 个百分点" in text


def test_enterprise_user_sees_only_its_own_page(client, district):
    mine, other = EnterpriseFactory(org_unit=district["dlhw"]), EnterpriseFactory(org_unit=district["dlhw"])
    user = UserFactory(username="ent", role=Role.ENTERPRISE, enterprise=mine)
    login(client, user)
    assert client.get(f"/cultivation/enterprises/{mine.uscc}/").status_code == 200
    assert client.get(f"/cultivation/enterprises/{other.uscc}/").status_code == 404
    assert client.get("/cultivation/screen/hte/").status_code == 404
    assert client.get("/cultivation/certificates/").status_code == 404
    assert client.get("/cultivation/").status_code == 200


def test_home_counts_by_qualification(client, operator, firms):
    login(client, operator)
    page = client.get("/cultivation/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "高新技术企业" in text and "/cultivation/screen/hte/" in text


def test_certificate_watch_page(client, admin_user, district):
    firm = good_hte(district["dlhw"], name="到期科技")
    today = timezone.localdate()
    hold(firm, "hte", start=today - datetime.timedelta(days=1000), end=today + datetime.timedelta(days=30))
    login(client, admin_user)
    page = client.get("/cultivation/certificates/", {"within": 60})
    text = page.content.decode()
    assert page.status_code == 200 and "到期科技" in text and "符合条件" in text


def test_ladder_page_and_candidate_export(client, admin_user, district):
    firm = good_hte(district["dlhw"], name="阶梯科技")
    hold(firm, "tech_sme", start=datetime.date(2025, 1, 1), end=datetime.date(2027, 12, 31))
    login(client, admin_user)
    page = client.get("/cultivation/ladder/", {"year": 2026})
    assert page.status_code == 200 and "大零号湾" in page.content.decode()
    response = client.get("/cultivation/ladder/tsme/candidates.xlsx", {"as_of": AS_OF.isoformat()})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["阶梯科技"]
