"""Imports through the API: the CLI's pipeline and report, within the caller's scope."""

import io
import json

import pytest
from django.core.management import call_command

from zerobay.accounts.models import Role
from zerobay.registry.models import Enterprise
from zerobay.statistics.models import AnnualReport, ImportBatch, MonthlyReport, ReportRevision

from ..factories import UserFactory, make_uscc

pytestmark = pytest.mark.django_db

CLI_KEYS = None  # filled once from the CLI itself


@pytest.fixture
def seeded(two_enterprises, admin_user, annual_book, upload, bearer):
    """Both enterprises with 2025 figures, imported by the district admin."""
    mine, other = two_enterprises
    book = annual_book([[mine.uscc, mine.name, 100, 5000, 20], [other.uscc, other.name, 300, 9000, 40]])
    response = upload(book, bearer(admin_user))
    assert response.status_code == 201, response.content
    return mine, other


@pytest.fixture
def zizhu_operator(district):
    return UserFactory(username="op-zizhu", role=Role.OPERATOR, org_unit=district["zizhu"])


def _figures(enterprise, year=2025):
    return AnnualReport.objects.filter(enterprise=enterprise, year=year).values(
        "employees", "revenue", "rd_staff", "revision", "batch_id"
    )[0]


def _issue_keys(report):
    return {(i["row"], i["column"], i["rule"]) for i in report["errors"]}


def test_clean_import_returns_the_cli_report_and_the_figures_appear(
    client, operator, two_enterprises, annual_book, upload, bearer
):
    mine, _ = two_enterprises
    headers = bearer(operator)
    book = annual_book([[mine.uscc, mine.name, 120, "5,000.5", 30]])

    response = upload(book, headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["batch"]["status"] == "imported"
    assert body["batch"]["channel"] == "api"
    assert body["batch"]["created_by"] == operator.username
    assert body["batch"]["period"] == "2025" and body["batch"]["file"] == "annual.xlsx"
    assert body["batch"]["counts"] == {
        "rows_read": 1,
        "rows_valid": 1,
        "rows_imported": 1,
        "errors": 0,
        "warnings": 0,
    }
    report = body["report"]
    assert report["rows_imported"] == 1 and report["errors"] == []
    assert "已导入 1 行" in body["detail"]

    # Exactly the keys of `zerobay import torch-annual FILE --format json`.
    out = io.StringIO()
    call_command(
        "import", "torch-annual", str(book), "--year", "2025", "--dry-run", "--format", "json", stdout=out
    )
    assert set(report) == set(json.loads(out.getvalue()))

    detail = client.get(f"/api/enterprises/{mine.uscc}", headers=headers).json()
    (annual,) = detail["annual_reports"]
    assert annual["year"] == 2025 and annual["revision"] == 1
    assert annual["employees"] == 120 and annual["rd_staff"] == 30
    assert annual["revenue"] == "5000500.00"  # 千元 → yuan, as a decimal string
    assert annual["net_profit"] is None
    assert annual["source"] == {"import_id": body["batch"]["id"], "file": "annual.xlsx", "row": 2}
    assert detail["monthly_reports"] == []


def test_file_with_errors_stores_nothing_and_reports_them_by_row_and_column(
    client, admin_user, two_enterprises, annual_book, upload, bearer
):
    mine, _ = two_enterprises
    book = annual_book(
        [
            [mine.uscc, mine.name, 100, 5000, 20],
            ["91310112MA1G00000A", "坏代码有限公司", 10, 100, 1],
            [make_uscc(), "新企业有限公司", 10, "一百", 1],
            [make_uscc(), "人员有误有限公司", 10, 100, 50],
        ]
    )
    response = upload(book, bearer(admin_user))
    assert response.status_code == 422
    body = response.json()
    assert body["batch"]["status"] == "rejected"
    assert "未导入" in body["detail"]
    assert _issue_keys(body["report"]) == {
        (3, "统一社会信用代码", "uscc_invalid"),
        (4, "营业收入(千元)", "not_a_number"),
        (5, "R&D人员(人)", "part_exceeds_whole"),
    }
    assert all(i["message"] for i in body["report"]["errors"])
    assert body["report"]["rows_imported"] == 0
    assert not AnnualReport.objects.exists()
    assert Enterprise.objects.count() == 2

    # The stored report says the same.
    again = client.get(f"/api/imports/{body['batch']['id']}", headers=bearer(admin_user)).json()
    assert _issue_keys(again["report"]) == _issue_keys(body["report"])


def test_skip_invalid_imports_the_valid_rows(admin_user, two_enterprises, annual_book, upload, bearer):
    mine, _ = two_enterprises
    book = annual_book([[mine.uscc, mine.name, 100, 5000, 20], ["bad", "坏代码有限公司", 1, 1, 1]])
    response = upload(book, bearer(admin_user), skip_invalid=True)
    assert response.status_code == 201
    assert response.json()["report"]["rows_imported"] == 1
    assert response.json()["report"]["error_count"] == 1
    assert _figures(mine)["employees"] == 100


def test_viewer_cannot_import(viewer, two_enterprises, annual_book, upload, bearer):
    mine, _ = two_enterprises
    response = upload(annual_book([[mine.uscc, mine.name, 1, 1, 1]]), bearer(viewer))
    assert response.status_code == 403
    assert "只读" in response.json()["detail"]
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("fields", "name", "message"),
    [
        ({"period": "2025-03"}, "annual.xlsx", "报告期应为年份"),
        ({"period": "last year"}, "annual.xlsx", "格式不正确"),
        ({}, "annual.pdf", "不支持的文件类型"),
    ],
)
def test_refused_imports_answer_400(admin_user, district, annual_book, upload, bearer, fields, name, message):
    response = upload(annual_book([], name=name), bearer(admin_user), **{"period": "2025", **fields})
    assert response.status_code == 400, response.content.decode()
    assert message in response.json()["detail"]
    assert not ImportBatch.objects.exists()


def test_operator_cannot_import_figures_of_another_subpark(
    client, operator, admin_user, seeded, annual_book, upload, bearer
):
    mine, other = seeded
    before = _figures(other)
    headers = bearer(operator)
    book = annual_book([[mine.uscc, mine.name, 111, 6000, 21], [other.uscc, other.name, 1, 1, 1]])

    response = upload(book, headers)
    assert response.status_code == 422
    (issue,) = response.json()["report"]["errors"]
    assert (issue["row"], issue["rule"], issue["value"]) == (3, "out_of_scope", other.uscc)
    assert _figures(other) == before and _figures(mine)["employees"] == 100

    # Even importing the valid rows only leaves the other sub-park's figures alone.
    response = upload(book, headers, skip_invalid=True)
    assert response.status_code == 201
    assert [i["rule"] for i in response.json()["report"]["errors"]] == ["out_of_scope"]
    assert _figures(mine)["employees"] == 111
    assert _figures(other) == before
    assert not ReportRevision.objects.filter(enterprise=other).exists()
    client.force_login(admin_user)
    assert client.get(f"/api/enterprises/{other.uscc}").json()["annual_reports"][0]["employees"] == 300


def test_imports_of_another_scope_are_invisible(
    client, operator, zizhu_operator, seeded, annual_book, upload, bearer
):
    mine, other = seeded  # one batch by the district admin
    zizhu = upload(
        annual_book([[other.uscc, other.name, 301, 9000, 40]], name="zz.xlsx"), bearer(zizhu_operator)
    )
    assert zizhu.status_code == 201
    own = upload(annual_book([[mine.uscc, mine.name, 101, 5000, 20]], name="own.xlsx"), bearer(operator))
    assert own.status_code == 201

    headers = bearer(operator)
    listed = client.get("/api/imports", headers=headers).json()
    assert listed["count"] == 1
    assert [b["id"] for b in listed["items"]] == [own.json()["batch"]["id"]]

    missing = client.get("/api/imports/999999", headers=headers)
    for batch_id in (zizhu.json()["batch"]["id"], ImportBatch.objects.get(scope_path="").pk):
        response = client.get(f"/api/imports/{batch_id}", headers=headers)
        assert response.status_code == 404 and response.json() == missing.json()
        response = client.post(
            f"/api/imports/{batch_id}/confirm",
            {"skip_invalid": True},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 404 and response.json() == missing.json()

    # The 紫竹 operator sees its own import only; the district admin sees all three.
    assert client.get("/api/imports", headers=bearer(zizhu_operator)).json()["count"] == 1
    client.force_login(UserFactory(username="admin2", role=Role.DISTRICT_ADMIN))
    assert client.get("/api/imports").json()["count"] == 3


def test_background_import_validates_then_imports_on_confirm(
    client, operator, two_enterprises, annual_book, upload, bearer, django_capture_on_commit_callbacks
):
    mine, _ = two_enterprises
    headers = bearer(operator)
    book = annual_book([[mine.uscc, mine.name, 120, 5000, 30], ["bad", "坏代码有限公司", 1, 1, 1]])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(book, headers, wait=False)
    assert response.status_code == 202
    body = response.json()
    assert body["batch"]["status"] == "uploaded" and body["report"] is None
    batch_id = body["batch"]["id"]

    validated = client.get(f"/api/imports/{batch_id}", headers=headers).json()
    assert validated["batch"]["status"] == "validated"
    assert validated["report"]["rows_valid"] == 1 and validated["report"]["error_count"] == 1
    assert not AnnualReport.objects.exists()

    # Errors and no skip_invalid (no body at all): refused.
    response = client.post(
        f"/api/imports/{batch_id}/confirm", "", content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert "错误" in response.json()["detail"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/imports/{batch_id}/confirm",
            {"skip_invalid": True},
            content_type="application/json",
            headers=headers,
        )
    assert response.status_code == 202
    done = client.get(f"/api/imports/{batch_id}", headers=headers).json()
    assert done["batch"]["status"] == "imported" and done["report"]["rows_imported"] == 1
    assert _figures(mine)["employees"] == 120

    # A finished import cannot be confirmed again; a viewer cannot confirm at all.
    again = client.post(f"/api/imports/{batch_id}/confirm", content_type="application/json", headers=headers)
    assert again.status_code == 400
    viewer = UserFactory(username="v2", role=Role.VIEWER)
    denied = client.post(
        f"/api/imports/{batch_id}/confirm", content_type="application/json", headers=bearer(viewer)
    )
    assert denied.status_code == 403


def test_dry_run_stores_nothing_and_cannot_be_confirmed(
    client, admin_user, two_enterprises, annual_book, upload, bearer
):
    mine, _ = two_enterprises
    headers = bearer(admin_user)
    response = upload(annual_book([[mine.uscc, mine.name, 120, 5000, 30]]), headers, dry_run=True)
    assert response.status_code == 201
    assert response.json()["batch"]["status"] == "validated" and "试运行" in response.json()["detail"]
    assert not AnnualReport.objects.exists()
    batch_id = response.json()["batch"]["id"]
    response = client.post(  # no body at all: skip_invalid defaults to false
        f"/api/imports/{batch_id}/confirm", "", content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert "试运行" in response.json()["detail"]


def test_revisions_keep_the_superseded_figures_with_their_source(
    client, admin_user, operator, seeded, annual_book, upload, bearer
):
    mine, other = seeded
    first_batch = _figures(mine)["batch_id"]
    headers = bearer(admin_user)
    response = upload(annual_book([[mine.uscc, mine.name, 150, 7000, 25]], name="fix.xlsx"), headers)
    assert response.status_code == 201

    detail = client.get(f"/api/enterprises/{mine.uscc}", headers=headers).json()
    assert detail["annual_reports"][0]["revision"] == 2
    assert detail["annual_reports"][0]["revenue"] == "7000000.00"
    (rev,) = client.get(f"/api/enterprises/{mine.uscc}/revisions", headers=headers).json()
    assert rev["form"] == "torch_annual" and rev["period"] == "2025" and rev["revision"] == 1
    assert rev["values"]["employees"] == 100 and rev["values"]["revenue"] == "5000000.00"
    assert rev["source"] == {"import_id": first_batch, "file": "annual.xlsx", "row": 2}
    assert rev["superseded_by"] == response.json()["batch"]["id"]

    # The 大零号湾 operator reads its own history, not 紫竹's.
    op = bearer(operator)
    assert len(client.get(f"/api/enterprises/{mine.uscc}/revisions", headers=op).json()) == 1
    assert client.get(f"/api/enterprises/{other.uscc}/revisions", headers=op).status_code == 404
    assert client.get(f"/api/enterprises/{other.uscc}", headers=op).status_code == 404


def test_monthly_import_appears_in_detail(client, operator, two_enterprises, workbook, upload, bearer):
    mine, _ = two_enterprises
    book = workbook(
        ["统一社会信用代码", "企业名称", "本年累计营业收入(万元)", "从业人员(人)"],
        [[mine.uscc, mine.name, 12.5, 88]],
    )
    headers = bearer(operator)
    response = upload(book, headers, form="torch_monthly", period="2025-03")
    assert response.status_code == 201, response.content
    assert response.json()["batch"]["period"] == "2025-03"
    (month,) = client.get(f"/api/enterprises/{mine.uscc}", headers=headers).json()["monthly_reports"]
    assert (month["period"], month["revenue_ytd"], month["employees"]) == ("2025-03", "125000.00", 88)
    assert MonthlyReport.objects.get().month == 3
