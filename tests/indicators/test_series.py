"""The merged reading of one indicator (`services.read_detail`, `series`): what the indicator page,
the API and `zerobay indicators show` all read, so they cannot drift apart."""

import json

import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.indicators import series, services
from zerobay.indicators.drill import drill_down

from .test_views import script_data, series_by_id

pytestmark = pytest.mark.django_db


def test_merged_rows_put_every_source_of_a_year_on_one_row():
    computed = [
        {"year": 2024, "period": "2024", "value": 5.0, "enterprises": 3},
        {"year": 2025, "period": "2025", "value": 6.0, "enterprises": 4},
        {"year": 2025, "period": "2025-03", "value": 1.5, "enterprises": 4},
    ]
    chart = {
        "computed": [[2024, 5.0], [2025, 6.0]],
        "published": [[2023, 4.0]],
        "targets": [[2026, 6.8]],
        "forecast": [[2025, 6.0], [2026, 7.0]],
        "band": [[2025, 6.0, 6.0], [2026, 6.5, 7.5]],
    }
    rows = series.merged_rows(computed, chart, 2025)
    assert [r["period"] for r in rows] == ["2023", "2024", "2025", "2025-03", "2026"]
    by_period = {r["period"]: r for r in rows}
    assert by_period["2023"]["published"] == 4.0 and not by_period["2023"]["computed_row"]
    assert by_period["2025"]["computed"] == 6.0 and by_period["2025"]["computed_row"]
    assert by_period["2025-03"] == {
        "period": "2025-03",
        "year": 2025,
        "sub": True,
        "computed": 1.5,
        "enterprises": 4,
    }
    assert (by_period["2026"]["target"], by_period["2026"]["forecast"]) == (6.8, 7.0)
    assert (by_period["2026"]["low"], by_period["2026"]["high"]) == (6.5, 7.5)
    assert series.years_of(computed, chart) == [2023, 2024, 2025, 2026]
    assert series.opening_year(computed, chart) == 2025
    assert series.opening_year([], chart) == 2023  # no computed value: the latest published actual


def test_page_api_and_show_read_the_same_merged_reading(client, admin_user, park):
    client.force_login(admin_user)
    detail = services.read_detail("park.rd_intensity", admin_user)
    page = client.get(reverse("indicator-detail", args=["park.rd_intensity"])).content.decode()
    chart = series_by_id(script_data(page, "series-data"))
    for key in ("computed", "published", "targets", "forecast", "band"):
        assert chart.get(key, []) == json.loads(json.dumps(detail.series[key]))  # empty series are not drawn
    assert detail.year == 2025 and detail.years == [2024, 2025, 2026]

    shown = services.show("park.rd_intensity", admin_user)
    assert shown["computed"] == detail.computed and shown["published"] == detail.published
    assert client.get("/api/indicators/park.rd_intensity").json() == json.loads(json.dumps(shown))


def test_drill_down_service_is_what_page_and_api_count(client, admin_user, park):
    client.force_login(admin_user)
    d = drill_down(admin_user, "park.rd_intensity", "ZJMH", 2025, None, None)
    assert len(d.rows) == 3 and d.totals["value"] == pytest.approx(6.0)
    assert d.stored == pytest.approx(6.0)
    body = client.get(
        "/api/indicators/park.rd_intensity/drilldown", {"org_unit": "ZJMH", "year": 2025}
    ).json()
    assert body["count"] == len(d.rows) and body["value"] == pytest.approx(d.totals["value"])
