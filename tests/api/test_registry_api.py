"""Enterprises, qualifications and org units through the API, scoped to the caller's subtree."""

import datetime

import pytest
from django.utils import timezone

from zerobay.accounts.models import Role
from zerobay.registry.models import Industry

from ..factories import EnterpriseFactory, QualificationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(two_enterprises):
    """Tracks, qualifications and scale on both enterprises."""
    mine, other = two_enterprises
    field = Industry.objects.create(code="F1", name="智能制造", scheme="plan", level="field")
    track = Industry.objects.create(
        code="T101", name="智能机器人", scheme="plan", level="track", parent=field
    )
    mine.industries.add(track)
    other.industries.add(track)
    mine.above_scale = True
    mine.save()
    today = timezone.localdate()
    QualificationFactory(enterprise=mine, kind="hte", valid_from=today.replace(year=today.year - 1))
    QualificationFactory(
        enterprise=other, kind="hte", certificate_no="GR-ZZ-1", valid_from=today.replace(year=today.year - 1)
    )
    QualificationFactory(
        enterprise=mine,
        kind="srdi",
        valid_from=today.replace(year=today.year - 4),
        valid_to=today.replace(year=today.year - 1),
    )
    return mine, other


def _usccs(response):
    assert response.status_code == 200, response.content
    return [item["uscc"] for item in response.json()["items"]]


def test_operator_lists_only_the_enterprises_of_its_subtree(client, operator, admin_user, tagged):
    mine, other = tagged
    client.force_login(operator)
    response = client.get("/api/enterprises")
    assert _usccs(response) == [mine.uscc]
    assert response.json()["count"] == 1
    # Asking for the other sub-park by name, USCC, code or track finds nothing.
    for query in (f"q={other.name}", f"q={other.uscc}", "org_unit=ZZ", "track=T101&q=紫竹"):
        assert _usccs(client.get(f"/api/enterprises?{query}")) == [], query

    client.force_login(admin_user)
    assert set(_usccs(client.get("/api/enterprises"))) == {mine.uscc, other.uscc}


def test_enterprise_items_carry_unit_tracks_and_qualifications(client, operator, tagged):
    mine, _ = tagged
    client.force_login(operator)
    (item,) = client.get("/api/enterprises").json()["items"]
    assert item["uscc"] == mine.uscc and item["name"] == mine.name
    assert item["org_unit"] == {"code": "DLHW-XYY", "name": "向阳园"}
    assert item["above_scale"] is True
    assert item["industries"] == ["T101"]
    by_kind = {q["kind"]: q for q in item["qualifications"]}
    assert by_kind["hte"]["valid_today"] is True
    assert by_kind["srdi"]["valid_today"] is False
    assert set(by_kind["hte"]) >= {"certificate_no", "valid_from", "valid_to"}


def test_enterprise_filters(client, admin_user, tagged, district):
    mine, other = tagged
    unassigned = EnterpriseFactory(name="未分配科技有限公司")
    client.force_login(admin_user)
    assert _usccs(client.get("/api/enterprises?q=紫竹")) == [other.uscc]
    assert _usccs(client.get(f"/api/enterprises?q={mine.uscc[-6:].lower()}")) == [mine.uscc]
    assert _usccs(client.get("/api/enterprises?org_unit=DLHW")) == [mine.uscc]
    assert _usccs(client.get("/api/enterprises?org_unit=NOPE")) == []
    assert set(_usccs(client.get("/api/enterprises?track=F1"))) == {mine.uscc, other.uscc}
    assert set(_usccs(client.get("/api/enterprises?track=T101"))) == {mine.uscc, other.uscc}
    assert _usccs(client.get("/api/enterprises?qualification=srdi")) == []  # expired
    assert set(_usccs(client.get("/api/enterprises?qualification=hte"))) == {mine.uscc, other.uscc}
    assert _usccs(client.get("/api/enterprises?above_scale=true")) == [mine.uscc]
    assert unassigned.uscc in _usccs(client.get("/api/enterprises?above_scale=false"))
    item = next(i for i in client.get("/api/enterprises").json()["items"] if i["uscc"] == unassigned.uscc)
    assert item["org_unit"] is None


def test_enterprise_list_is_paginated(client, admin_user, district):
    for n in range(7):
        EnterpriseFactory(name=f"分页测试{n}", org_unit=district["block"])
    client.force_login(admin_user)
    page = client.get("/api/enterprises?limit=3&offset=3").json()
    assert page["count"] == 7
    assert [i["name"] for i in page["items"]] == ["分页测试3", "分页测试4", "分页测试5"]
    assert client.get("/api/enterprises?limit=501").status_code == 422


def test_enterprise_of_another_subpark_is_not_found_like_a_missing_one(client, operator, tagged):
    mine, other = tagged
    client.force_login(operator)
    assert client.get(f"/api/enterprises/{mine.uscc}").status_code == 200
    forbidden = client.get(f"/api/enterprises/{other.uscc}")
    missing = client.get("/api/enterprises/91310112MA1G00000X")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert other.name not in forbidden.content.decode()

    forbidden = client.get(f"/api/enterprises/{other.uscc}/revisions")
    missing = client.get("/api/enterprises/91310112MA1G00000X/revisions")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_qualifications_are_scoped_and_filtered(client, operator, admin_user, tagged):
    mine, other = tagged
    client.force_login(operator)
    items = client.get("/api/qualifications").json()["items"]
    assert {i["enterprise"]["uscc"] for i in items} == {mine.uscc}
    assert "GR-ZZ-1" not in {i["certificate_no"] for i in items}
    assert client.get("/api/qualifications?org_unit=ZZ").json()["count"] == 0

    client.force_login(admin_user)
    assert client.get("/api/qualifications").json()["count"] == 3
    hte = client.get("/api/qualifications?kind=hte").json()["items"]
    assert {i["enterprise"]["uscc"] for i in hte} == {mine.uscc, other.uscc}
    today = timezone.localdate()
    valid_now = client.get(f"/api/qualifications?valid_on={today.isoformat()}").json()
    assert {i["kind"] for i in valid_now["items"]} == {"hte"}
    long_ago = today.replace(year=today.year - 3) + datetime.timedelta(days=1)
    assert {i["kind"] for i in client.get(f"/api/qualifications?valid_on={long_ago}").json()["items"]} == {
        "srdi"
    }
    zizhu = client.get("/api/qualifications?org_unit=ZZ").json()["items"]
    assert [i["certificate_no"] for i in zizhu] == ["GR-ZZ-1"]


def test_org_units_show_the_visible_tree(client, operator, admin_user, district):
    client.force_login(operator)
    units = client.get("/api/org-units").json()
    assert [(u["code"], u["parent"]) for u in units] == [("DLHW", None), ("DLHW-XYY", "DLHW")]
    assert units[0]["kind"] == "subpark" and units[0]["name"] == "大零号湾"

    client.force_login(admin_user)
    codes = [u["code"] for u in client.get("/api/org-units").json()]
    assert set(codes) == {"MH", "ZJMH", "DLHW", "DLHW-XYY", "ZZ"}
    assert codes[0] == "MH"


def test_operator_without_an_org_unit_sees_nothing(client, two_enterprises, bearer):
    mine, _ = two_enterprises
    headers = bearer(UserFactory(username="op-none", role=Role.OPERATOR))
    for url in ("/api/enterprises", "/api/qualifications", "/api/imports"):
        assert client.get(url, headers=headers).json()["count"] == 0, url
    assert client.get("/api/org-units", headers=headers).json() == []
    assert client.get(f"/api/enterprises/{mine.uscc}", headers=headers).status_code == 404
