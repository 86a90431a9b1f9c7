"""Who sees which computed values: the 大零号湾 operator sees its own subtree only, on every page,
export and endpoint (an org unit outside it is a 404, like a missing one); a viewer reads all."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db

RD = "park.rd_intensity"


@pytest.fixture
def op_client(client, operator):
    client.force_login(operator)
    return client


def cells(response) -> set[str]:
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {
        str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None
    }


def test_other_subpark_is_404_on_the_indicator_page_drilldown_and_api(op_client, park):
    detail = reverse("indicator-detail", args=[RD])
    drill = reverse("indicator-drilldown", args=[RD])
    for code in ("ZZ", "ZJMH", "MH"):  # the sibling, and the levels above its own
        assert op_client.get(detail, {"org": code}).status_code == 404
        assert op_client.get(detail, {"org": code, "format": "xlsx"}).status_code == 404
        assert op_client.get(drill, {"org": code, "year": 2025}).status_code == 404
        assert op_client.get(drill, {"org": code, "year": 2025, "format": "xlsx"}).status_code == 404
        response = op_client.get(f"/api/indicators/{RD}", {"org_unit": code})
        assert response.status_code == 404 and "未找到" in response.json()["detail"]
        assert op_client.get(f"/api/indicators/{RD}/drilldown", {"org_unit": code}).status_code == 404
    # Its own block is fine.
    assert op_client.get(detail, {"org": "DLHW-XYY"}).status_code == 200
    assert op_client.get(drill, {"org": "DLHW-XYY", "year": 2025}).status_code == 200


def test_operator_overview_shows_its_own_subtree(op_client, park):
    page = op_client.get(reverse("indicator-overview")).content.decode()
    row = page[page.index(f'data-indicator="{RD}"') :]
    row = row[: row.index("</tr>")]
    assert "大零号湾" in row and "6.67" in row  # its own value, not the park's 6.00
    assert "张江高新区闵行园区" not in row and "6.00" not in row
    assert "紫竹" not in page
    assert "紫竹" not in cells(op_client.get(reverse("indicator-overview"), {"format": "xlsx"}))


def test_operator_indicator_page_breakdown_and_drilldown_stay_in_its_subtree(op_client, park):
    page = op_client.get(reverse("indicator-detail", args=[RD])).content.decode()
    selector = page[page.index('id="id_org"') : page.index("</select>", page.index('id="id_org"'))]
    assert "大零号湾" in selector and "向阳园" in selector and "紫竹" not in selector
    assert "张江高新区闵行园区" not in selector
    breakdown = page[page.index('id="breakdown-table"') :]
    breakdown = breakdown[: breakdown.index("</table>")]
    assert "向阳园" in breakdown and "紫竹" not in breakdown  # 大零号湾's children
    assert "紫竹" not in page

    drill = op_client.get(reverse("indicator-drilldown", args=[RD])).content.decode()  # defaults to 大零号湾
    assert park["A"].name in drill and park["B"].name in drill and park["C"].name not in drill
    assert not re.search(r'href="/imports/\d+/"', drill)  # a district-wide import is not its to open
    exported = cells(op_client.get(reverse("indicator-drilldown", args=[RD]), {"format": "xlsx"}))
    assert park["A"].uscc in exported and park["C"].uscc not in exported and park["C"].name not in exported

    body = op_client.get(f"/api/indicators/{RD}/drilldown").json()
    assert body["org_unit"] == "DLHW" and {r["uscc"] for r in body["rows"]} == {
        park["A"].uscc,
        park["B"].uscc,
    }


def test_operator_evaluation_has_its_subpark_only(op_client, park):
    page = op_client.get(reverse("indicator-evaluation"), {"year": 2025}).content.decode()
    assert 'data-unit="DLHW"' in page and "紫竹" not in page
    assert "紫竹" not in cells(
        op_client.get(reverse("indicator-evaluation"), {"year": 2025, "format": "xlsx"})
    )
    body = op_client.get("/api/indicators/evaluation", {"year": 2025}).json()
    assert [u["org_unit"] for u in body["units"]] == ["DLHW"]


def test_operator_api_show_defaults_to_its_own_unit(op_client, park):
    body = op_client.get(f"/api/indicators/{RD}").json()
    assert body["org_unit"] == "DLHW"
    assert [round(c["value"], 2) for c in body["computed"]] == [5.0, 6.67]


def test_viewer_reads_every_page_and_endpoint(client, viewer, park):
    client.force_login(viewer)
    assert "紫竹" in client.get(reverse("indicator-evaluation"), {"year": 2025}).content.decode()
    page = client.get(reverse("indicator-detail", args=[RD]), {"org": "ZZ"}).content.decode()
    assert "4.29" in page
    drill = client.get(
        reverse("indicator-drilldown", args=[RD]), {"org": "ZZ", "year": 2025}
    ).content.decode()
    assert park["C"].name in drill
    assert "6.00" in client.get(reverse("indicator-overview")).content.decode()
    for url in (
        "/api/indicators",
        "/api/indicators/conflicts",
        "/api/indicators/evaluation",
        f"/api/indicators/{RD}?org_unit=ZZ",
        f"/api/indicators/{RD}/drilldown?org_unit=ZZ",
    ):
        assert client.get(url).status_code == 200, url


def test_operator_without_org_unit_sees_published_figures_only(client, unscoped_operator, park):
    client.force_login(unscoped_operator)
    page = client.get(reverse("indicator-overview")).content.decode()
    assert "district.tech_contract_value" in page and f'data-indicator="{RD}"' not in page
    assert client.get(reverse("indicator-detail", args=[RD]), {"org": "DLHW"}).status_code == 404
    assert client.get(reverse("indicator-drilldown", args=[RD])).status_code == 404
    assert "6.00" not in client.get(reverse("indicator-detail", args=[RD])).content.decode()
    assert client.get("/api/indicators/evaluation").json()["units"] == []


def test_pages_need_a_login(client, park):
    for url in (
        reverse("indicator-overview"),
        reverse("indicator-detail", args=[RD]),
        reverse("indicator-drilldown", args=[RD]),
        reverse("indicator-evaluation"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
