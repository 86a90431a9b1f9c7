"""The OpenAPI schema and the docs page."""

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/enterprises"),
    ("get", "/api/enterprises/{uscc}"),
    ("get", "/api/enterprises/{uscc}/revisions"),
    ("get", "/api/qualifications"),
    ("get", "/api/org-units"),
    ("get", "/api/carriers"),
    ("get", "/api/imports"),
    ("post", "/api/imports"),
    ("get", "/api/imports/{batch_id}"),
    ("post", "/api/imports/{batch_id}/confirm"),
    ("get", "/api/indicators"),
    ("get", "/api/indicators/conflicts"),
    ("get", "/api/indicators/evaluation"),
    ("get", "/api/indicators/{indicator_id}"),
    ("get", "/api/indicators/{indicator_id}/drilldown"),
    ("get", "/api/hall/achievements"),
    ("get", "/api/hall/achievements/{code}"),
    ("get", "/api/hall/demands"),
    ("get", "/api/hall/demands/{code}"),
    ("get", "/api/hall/demands/{code}/matches"),
    ("get", "/api/programs/calls"),
    ("get", "/api/programs/applications"),
    ("get", "/api/programs/applications/{code}"),
    ("post", "/api/programs/applications/{code}/transitions"),
    ("post", "/api/programs/applications/{code}/payments"),
    ("get", "/api/programs/clauses/{code}/eligibility"),
    ("get", "/api/programs/calls/{code}/ranking"),
    ("get", "/api/programs/budget"),
    ("get", "/api/cultivation/rules"),
    ("get", "/api/cultivation/screen"),
    ("get", "/api/cultivation/enterprises/{uscc}"),
    ("get", "/api/cultivation/certificates"),
    ("get", "/api/reporting/completeness"),
    ("get", "/api/reporting/upscale"),
    ("get", "/api/service/requests"),
    ("get", "/api/service/requests/{request_id}"),
    ("post", "/api/service/requests/{request_id}/move"),
    ("get", "/api/workplan/lists"),
    ("get", "/api/workplan/lists/{list_id}/tasks"),
    ("get", "/api/workplan/tasks/{task_id}"),
    ("get", "/api/workplan/tasks/{task_id}/updates"),
    ("post", "/api/workplan/tasks/{task_id}/updates"),
    ("get", "/api/reports/bulletins"),
    ("get", "/api/reports/bulletins/{bulletin_id}"),
    ("get", "/api/carriers/evaluation"),
    ("post", "/api/carriers/statistics"),
    ("get", "/api/carriers/{carrier_id}"),
    ("get", "/api/carriers/{carrier_id}/statistics"),
    ("get", "/api/carriers/{carrier_id}/residents"),
    ("get", "/api/carriers/{carrier_id}/evaluation"),
}


@pytest.fixture
def schema(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_lists_every_endpoint_with_its_authentication(schema):
    listed = {(m, p) for p, ops in schema["paths"].items() for m in ops}
    assert listed == ENDPOINTS
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    assert any(s["type"] == "apiKey" and s["in"] == "cookie" for s in schemes.values())
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("security"), f"{method} {path} has no security"
            assert "401" in op["responses"], f"{method} {path} does not document 401"


def test_annual_report_schema_carries_every_torch_annual_field(schema):
    from zerobay.statistics.reportforms import TORCH_ANNUAL

    props = schema["components"]["schemas"]["AnnualReportOut"]["properties"]
    for f in TORCH_ANNUAL.value_fields:
        assert f.key in props
        assert f.label in props[f.key]["description"]


def test_schema_is_valid_openapi(schema):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema)


def test_docs_page_loads(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
