"""Uploading Torch workbooks through the import pages, as the page tests do it."""

from django.urls import reverse

from zerobay.statistics.models import ImportBatch

ANNUAL_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "营业收入（万元）",
    "从业人员期末人数（人）",
    "R&D人员（人）",
]


def annual_row(enterprise, revenue_wan, employees, rd_staff=None):
    return [enterprise.uscc, enterprise.name, revenue_wan, employees, rd_staff]


def upload(client, path, *, year=2025, form_code="torch_annual", month="", capture=None) -> ImportBatch:
    """Posts the file to the import form and returns the batch it created (validated, as the
    immediate task backend runs the validation when the request's transaction commits)."""
    with open(path, "rb") as fh, capture(execute=True):
        response = client.post(
            reverse("import-new"), {"form_code": form_code, "year": year, "month": month, "file": fh}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk")


def confirm(client, batch, *, skip_invalid=False, capture=None):
    data = {"skip_invalid": "1"} if skip_invalid else {}
    with capture(execute=True):
        response = client.post(reverse("import-confirm", args=[batch.pk]), data)
    assert response.status_code == 302
    batch.refresh_from_db()
    return batch
