"""/api/carriers/...: the same scope as the pages (404 outside it), the evaluation's figures."""

import pytest

from .test_pages import filed  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_a_carrier_operator_reaches_its_own_carrier_only(client, carrier_operator, filed):  # noqa: F811
    mine, other = filed
    client.force_login(carrier_operator)
    for suffix in ("", "/statistics", "/residents?year=2024", "/evaluation?year=2024"):
        assert client.get(f"/api/carriers/{mine.pk}{suffix}").status_code == 200, suffix
        assert client.get(f"/api/carriers/{other.pk}{suffix}").status_code == 404, suffix
    assert client.get("/api/carriers/999999").status_code == 404
    ranking = client.get("/api/carriers/evaluation", {"year": 2024}).json()
    assert [c["carrier"] for c in ranking["carriers"]] == [mine.name]
    assert (
        client.get("/api/carriers/evaluation", {"year": 2024, "scheme": "maker-space"}).json()["carriers"]
        == []
    )


def test_the_figures_behind_the_pages(client, admin_user, filed):  # noqa: F811
    mine, other = filed
    client.force_login(admin_user)
    detail = client.get(f"/api/carriers/{mine.pk}").json()
    assert detail["name"] == mine.name and detail["org_unit"] == "DLHW"
    (year,) = client.get(f"/api/carriers/{mine.pk}/statistics").json()
    hte = next(f for f in year["figures"] if f["key"] == "resident_hte")
    assert (hte["stated"], hte["verified"], hte["flagged"]) == (2, 1, True)
    residents = client.get(f"/api/carriers/{mine.pk}/residents", {"year": 2024}).json()
    assert residents["count"] == 2
    assert {r["name"]: r["criterion"] for r in residents["items"]} == {
        "在孵高企甲": "hte",
        "在孵企业乙": None,
    }
    result = client.get(f"/api/carriers/{mine.pk}/evaluation", {"year": 2024}).json()
    assert round(sum(i["points"] for i in result["indicators"]), 2) == result["score"]
    assert client.get("/api/carriers/evaluation", {"year": 2024, "scheme": "nope"}).status_code == 404
    assert client.get("/api/carriers/evaluation", {"year": 99999}).status_code == 422


def test_staff_of_another_sub_park_get_404(client, operator, filed):  # noqa: F811
    _mine, other = filed
    client.force_login(operator)
    assert client.get(f"/api/carriers/{other.pk}").status_code == 404
    assert client.get(f"/api/carriers/{other.pk}/evaluation", {"year": 2024}).status_code == 404


def test_filing_through_the_api_is_scoped_like_the_page(client, carrier_operator, filed, tmp_path):  # noqa: F811
    from zerobay.carriers.models import CarrierStatistics

    from .test_import import messy_workbook

    mine, other = filed
    rows = [
        [1, mine.name, mine.uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0],
        [2, other.name, other.uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0],
    ]
    path = messy_workbook(tmp_path / "api.xlsx", rows)
    client.force_login(carrier_operator)
    with open(path, "rb") as fh:
        response = client.post("/api/carriers/statistics", {"year": 2025, "file": fh})
    assert response.status_code == 422
    body = response.json()
    assert [(e["row"], e["rule"]) for e in body["report"]["errors"]] == [(6, "out_of_scope")]
    assert not CarrierStatistics.objects.filter(year=2025).exists()
    with open(path, "rb") as fh:
        response = client.post("/api/carriers/statistics", {"year": 2025, "file": fh, "skip_invalid": True})
    assert response.status_code == 201 and response.json()["report"]["rows_imported"] == 1
    assert list(CarrierStatistics.objects.filter(year=2025).values_list("carrier", flat=True)) == [mine.pk]


def test_roles_that_may_not_file_get_403(client, filed, tmp_path):  # noqa: F811
    from zerobay.accounts.models import Role

    from ..factories import UserFactory

    client.force_login(UserFactory(username="ro", role=Role.VIEWER))
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/carriers/statistics", {"year": 2025, "file": SimpleUploadedFile("x.xlsx", b"x")}
    )
    assert response.status_code == 403
    client.logout()
    response = client.post(
        "/api/carriers/statistics", {"year": 2025, "file": SimpleUploadedFile("x.xlsx", b"x")}
    )
    assert response.status_code == 401
