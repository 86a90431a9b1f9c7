"""The indicator endpoints under /api/indicators: the same data as the pages and the command line."""

import json

import pytest

from zerobay.indicators import services
from zerobay.indicators.catalogue import catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, admin_user):
    client.force_login(admin_user)
    return client


def test_list_gives_every_definition(api, district):
    items = api.get("/api/indicators").json()
    assert [i["id"] for i in items] == [i.id for i in catalogue()]
    rd = next(i for i in items if i["id"] == "park.rd_intensity")
    assert rd["formula"] == "sum(annual.rd_expenditure) / sum(annual.revenue)" and rd["file"] == "park.toml"
    assert rd["unit"] == "%" and rd["computed"] is True


def test_conflicts_list_every_source_with_value_and_date(api, published):
    conflicts = api.get("/api/indicators/conflicts").json()
    assert conflicts == [services.conflict_dict(c) for c in services.all_conflicts()]
    found = next(
        c
        for c in conflicts
        if c["indicator"] == "district.tech_contract_value" and c["rule"] == "sources_disagree"
    )
    assert {(s["source"], s["value"], s["published"]) for s in found["sources"]} == {
        ("002_2592a937df914d84.txt", 367.58, "2025-02-06"),
        ("004_72e03746bcad8739.txt", 505.3, "2025-12-10"),
    }


def test_show_is_exactly_the_service_contract(api, admin_user, park):
    body = api.get("/api/indicators/park.rd_intensity").json()
    assert body == json.loads(json.dumps(services.show("park.rd_intensity", admin_user)))
    assert body["tracking"]["status"] == "on_track" and body["tracking"]["completion"] == pytest.approx(
        6 / 6.8
    )
    assert [(c["period"], round(c["value"], 2)) for c in body["computed"]] == [("2024", 5.0), ("2025", 6.0)]

    body = api.get("/api/indicators/park.rd_intensity", {"year": 2025, "org_unit": "ZZ"}).json()
    assert body == json.loads(json.dumps(services.show("park.rd_intensity", admin_user, 2025, "ZZ")))
    assert body["org_unit"] == "ZZ" and [round(c["value"], 2) for c in body["computed"]] == [4.29]


def test_unknown_indicator_or_org_unit_is_404_json(api, district):
    for url in (
        "/api/indicators/park.nothing",
        "/api/indicators/park.rd_intensity?org_unit=NOWHERE",
        "/api/indicators/park.nothing/drilldown",
    ):
        response = api.get(url)
        assert response.status_code == 404 and "未找到" in response.json()["detail"], url


def test_drilldown_pages_rows_with_their_source_and_totals(api, park):
    body = api.get("/api/indicators/park.rd_intensity/drilldown", {"org_unit": "ZJMH", "year": 2025}).json()
    assert (body["org_unit"], body["period"], body["unit"], body["count"]) == ("ZJMH", "2025", "%", 3)
    assert body["value"] == pytest.approx(6.0)
    assert [(t["label"], t["unit"]) for t in body["terms"]] == [
        ("年报R&D经费内部支出合计", "万元"),
        ("年报营业收入合计", "万元"),
    ]
    assert [t["total"] for t in body["terms"]] == [pytest.approx(1500), pytest.approx(25000)]
    first = body["rows"][0]
    assert first["uscc"] == park["A"].uscc and first["org_unit"] == "DLHW-XYY"
    assert first["values"] == [pytest.approx(800), pytest.approx(12000)]
    assert first["source"]["file"] == "年报2025.xlsx" and first["source"]["row"] == 2
    assert first["source"]["revision"] == 1
    assert sum(r["values"][0] for r in body["rows"]) == pytest.approx(body["terms"][0]["total"])
    assert (body["page"], body["pages"], body["page_size"]) == (1, 1, 50)


def test_evaluation_ranks_the_subparks(api, park):
    body = api.get("/api/indicators/evaluation", {"year": 2025, "method": "entropy"}).json()
    assert body["method"] == "entropy" and body["year"] == 2025
    assert [(u["org_unit"], u["rank"]) for u in body["units"]] == [("DLHW", 1), ("ZZ", 2)]
    assert sum(body["weights"].values()) == pytest.approx(1)
    assert api.get("/api/indicators/evaluation", {"method": "guess"}).status_code == 422
