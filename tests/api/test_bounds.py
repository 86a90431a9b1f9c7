"""Absurd numbers in query parameters are refused with a 422 naming the bound (API) or fall back to the
default (pages), never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/enterprises?offset=18446744073709551616",
        "/api/enterprises?offset=-1",
        "/api/enterprises?limit=100000",
        "/api/indicators/park.rd_intensity/drilldown?year=99999",
        "/api/indicators/park.rd_intensity?year=-5",
        "/api/indicators/evaluation?year=100000000000000000000",
    ],
)
def test_out_of_range_parameters_are_422(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 422, (url, response.content)
    assert "detail" in response.json()


@pytest.mark.parametrize("year", ["99999", "-1", "100000000000000000000", "abc"])
def test_pages_take_an_absurd_year_as_the_default(client, admin_user, year):
    client.force_login(admin_user)
    for name in ("indicator-detail", "indicator-drilldown"):
        response = client.get(reverse(name, args=["park.rd_intensity"]), {"year": year})
        assert response.status_code in (200, 404), (name, year, response.status_code)


def test_invalid_input_says_where_and_what_in_one_detail(client, admin_user):
    client.force_login(admin_user)
    body = client.get("/api/enterprises?limit=0").json()
    assert body["detail"].startswith("query.limit:") and body["errors"][0]["loc"] == ["query", "limit"]


def test_a_path_under_api_that_matches_nothing_answers_json(client, admin_user):
    for method in (client.get, client.post):
        response = method("/api/imports/not-a-number/confirm")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json") and "detail" in response.json()


def test_a_nul_character_is_refused_on_pages_and_in_the_api(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/enterprises/?q=a%00b")
    assert page.status_code == 400 and "NUL" in page.content.decode()
    api = client.get("/api/hall/achievements?track=%00x")
    assert api.status_code == 400 and "NUL" in api.json()["detail"]
    body = client.post(
        "/api/imports/1/confirm", data='{"skip_invalid": "\\u0000"}', content_type="application/json"
    )
    assert body.status_code == 400
