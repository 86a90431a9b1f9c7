"""Drafts, achievements awaiting review, withdrawn ones and unpublished demands are never shown to
the public or to another enterprise: not by list, search, detail page, export or endpoint."""

import io

import pytest
from python_calamine import CalamineWorkbook

from zerobay.matching.models import ChallengeList

pytestmark = pytest.mark.django_db

HIDDEN_ACHIEVEMENTS = ("CG-draft", "CG-review", "CG-withdrawn", "CG-transferred")


def _xlsx_cells(response) -> set[str]:
    data = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    return {str(c) for row in rows for c in row}


@pytest.fixture(params=["anonymous", "other_enterprise", "viewer"])
def outsider(request, client, firms, viewer):
    if request.param == "other_enterprise":
        client.force_login(firms["user_b"])
    elif request.param == "viewer":
        client.force_login(viewer)
    return client


def test_hall_pages_show_only_published_achievements_and_open_demands(outsider, catalogue):
    for query in ({}, {"q": "极片缺陷视觉检测"}, {"q": "极片毛刺"}):
        page = outsider.get("/hall/", query).content.decode()
        assert "CG-published" in page
        for code in HIDDEN_ACHIEVEMENTS:
            assert code not in page
        demands = outsider.get("/hall/demands/", query).content.decode()
        assert "XQ-DRAFT" not in demands and "（草稿）" not in demands
    assert "XQ-OPEN" in outsider.get("/hall/demands/").content.decode()
    for code in HIDDEN_ACHIEVEMENTS:
        assert outsider.get(f"/hall/achievements/{code}/").status_code == 404
    assert outsider.get("/hall/demands/XQ-DRAFT/").status_code == 404
    assert outsider.get("/hall/achievements/CG-published/").status_code == 200


def test_exports_leave_unpublished_items_out(outsider, catalogue):
    cells = _xlsx_cells(outsider.get("/hall/", {"format": "xlsx"}))
    assert "CG-published" in cells and not cells & set(HIDDEN_ACHIEVEMENTS)
    assert "成果编号" in cells  # the import's header, so the sheet can be imported again
    cells = _xlsx_cells(outsider.get("/hall/demands/", {"format": "xlsx"}))
    assert "XQ-OPEN" in cells and "XQ-DRAFT" not in cells


def test_staff_pages_are_404_to_outsiders(outsider, catalogue):
    for url in ("/hall/board/", "/hall/events/", "/hall/demands/XQ-OPEN/suggest/"):
        response = outsider.get(url) if "suggest" not in url else outsider.post(url)
        assert response.status_code in (302, 404)  # anonymous: to the login page


def test_api_hides_drafts_from_another_enterprise(client, catalogue, firms):
    client.force_login(firms["user_b"])
    listed = client.get("/api/hall/achievements").json()
    assert [a["code"] for a in listed["items"]] == ["CG-published"]
    searched = client.get("/api/hall/achievements", {"q": "极片缺陷视觉检测"}).json()
    assert [a["code"] for a in searched["items"]] == ["CG-published"]
    for code in HIDDEN_ACHIEVEMENTS:
        response = client.get(f"/api/hall/achievements/{code}")
        assert (
            response.status_code == 404
            and response.json() == client.get("/api/hall/achievements/NOPE").json()
        )
    assert [d["code"] for d in client.get("/api/hall/demands").json()["items"]] == ["XQ-OPEN"]
    assert client.get("/api/hall/demands/XQ-DRAFT").status_code == 404
    assert client.get("/api/hall/demands/XQ-OPEN/matches").status_code == 404  # staff only


def test_api_needs_credentials(client, catalogue):
    assert client.get("/api/hall/achievements").status_code == 401


def test_the_owning_enterprise_sees_and_edits_its_draft(client, catalogue, firms):
    client.force_login(firms["user_a"])
    assert client.get("/hall/demands/XQ-DRAFT/").status_code == 200
    assert "XQ-DRAFT" in client.get("/hall/manage/demands/").content.decode()
    assert client.get("/api/hall/demands/XQ-DRAFT").status_code == 200
    # ...but not enterprise B, even through the edit page.
    client.force_login(firms["user_b"])
    assert client.get("/hall/demands/XQ-DRAFT/edit/").status_code == 404
    response = client.post("/hall/demands/XQ-DRAFT/move/", {"action": "open"})
    assert response.status_code == 404
    catalogue["draft_demand"].refresh_from_db()
    assert catalogue["draft_demand"].status == "draft"
    assert "XQ-DRAFT" not in client.get("/hall/manage/demands/").content.decode()


def test_demands_of_an_unpublished_challenge_list_stay_hidden(client, catalogue):
    challenge = ChallengeList.objects.create(title="内部待发布榜单", issuer="闵行区", year=2025)
    catalogue["open"].challenge = challenge
    catalogue["open"].save()
    assert "XQ-OPEN" not in client.get("/hall/demands/").content.decode()
    assert client.get("/hall/demands/XQ-OPEN/").status_code == 404
    assert client.get(f"/hall/challenges/{challenge.pk}/").status_code == 404
    assert "内部待发布榜单" not in client.get("/hall/challenges/").content.decode()


def test_staff_see_every_status(client, catalogue, tto):
    client.force_login(tto)
    page = client.get("/hall/manage/achievements/").content.decode()
    for code in (*HIDDEN_ACHIEVEMENTS, "CG-published"):
        assert code in page
    assert client.get("/hall/achievements/CG-draft/").status_code == 200
