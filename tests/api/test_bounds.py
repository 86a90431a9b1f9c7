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
