"""Hostile files through every door (the CLI, the web upload, the API): refused with a message that
names the limit and the value, nothing imported, no file left behind, the process still answering."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zerobay.accounts.tokens import create_token
from zerobay.statistics.models import AnnualReport, ImportBatch

from ..hostile import far_cell, sheet_bomb
from .helpers import HEADER, run_import

pytestmark = pytest.mark.django_db

CASES = {
    "far_cell": (far_cell, "列 XFD（16384）"),
    "sheet_bomb": (sheet_bomb, "倍"),
}


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def hostile(tmp_path, case) -> Path:
    build, _ = CASES[case]
    return build(tmp_path / f"{case}.xlsx")


@pytest.mark.parametrize("case", CASES)
def test_the_command_line_refuses_it_with_exit_status_2(tmp_path, district, case):
    status, report = run_import(hostile(tmp_path, case))
    assert status == 2
    (error,) = report["errors"]
    assert error["rule"] == "unreadable_file" and CASES[case][1] in error["message"]
    assert report["rows_imported"] == 0 and not AnnualReport.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED
    assert stored_files() == []


@pytest.mark.parametrize("case", CASES)
def test_the_web_upload_refuses_it_and_shows_why(
    tmp_path, district, admin_client, case, django_capture_on_commit_callbacks
):
    path = hostile(tmp_path, case)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("import-new"),
            {
                "form_code": "torch_annual",
                "year": 2025,
                "file": SimpleUploadedFile(path.name, path.read_bytes()),
            },
        )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.REJECTED
    page = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "已拒绝，未导入" in page and CASES[case][1] in page
    assert stored_files() == []
    assert admin_client.get(reverse("import-list")).status_code == 200  # still answering


@pytest.mark.parametrize("case", CASES)
def test_the_api_refuses_it_with_422_and_the_reason(tmp_path, district, client, admin_user, case):
    _token, key = create_token(admin_user, name="t")
    path = hostile(tmp_path, case)
    with open(path, "rb") as fh:
        response = client.post(
            "/api/imports",
            {"form": "torch_annual", "period": "2025", "file": fh},
            headers={"Authorization": f"Bearer {key}"},
        )
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["batch"]["status"] == "rejected"
    assert CASES[case][1] in body["report"]["errors"][0]["message"]
    assert stored_files() == []


def test_a_file_with_a_header_and_no_rows_says_so(workbook, district):
    status, report = run_import(workbook(HEADER, []))
    assert report["rows_imported"] == 0
    messages = " ".join(i["message"] for i in report["errors"] + report["warnings"])
    assert "没有数据行" in messages, report
    assert status == 1
