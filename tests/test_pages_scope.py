"""The 大零号湾 operator cannot see or change the 紫竹 enterprise through any page."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from tests.accounts.uploads import ANNUAL_HEADER, annual_row, upload
from zerobay.accounts import audit
from zerobay.accounts.models import AuditRecord
from zerobay.statistics.models import AnnualReport, ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def op_client(client, operator):
    client.force_login(operator)
    return client


def test_list_search_and_export_leave_the_other_sub_park_out(op_client, two_enterprises, district):
    mine, other = two_enterprises
    page = op_client.get(reverse("enterprise-list")).content.decode()
    assert mine.name in page and other.name not in page and other.uscc not in page

    for q in (other.name, "紫竹", other.uscc):
        page = op_client.get(reverse("enterprise-list"), {"q": q}).content.decode()
        table = page[page.index("<tbody>") :]  # the search box repeats the query
        assert other.name not in table and other.uscc not in table and "没有符合条件的企业" in table

    # Choosing 紫竹 as org unit is not offered, and a forged value shows nothing of it.
    page = op_client.get(reverse("enterprise-list"), {"org": district["zizhu"].pk}).content.decode()
    assert "紫竹" not in page[page.index('id="id_org"') : page.index("</select>", page.index('id="id_org"'))]
    assert other.name not in page
    # Nor is the district-wide "unassigned" filter.
    assert 'name="unassigned"' not in page

    for response in (
        op_client.get(reverse("enterprise-list"), {"format": "xlsx"}),
        op_client.get(reverse("enterprise-export"), {"q": other.uscc}),
        op_client.get(reverse("enterprise-export"), {"org": district["zizhu"].pk}),
    ):
        data = b"".join(response.streaming_content)
        rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        cells = {str(c) for row in rows for c in row}
        assert other.uscc not in cells and other.name not in cells
    assert rows[0][0] == "统一社会信用代码"


def test_detail_and_edit_of_the_other_enterprise_are_404(op_client, two_enterprises, district):
    _mine, other = two_enterprises
    assert op_client.get(reverse("enterprise-detail", args=[other.uscc])).status_code == 404
    assert op_client.get(reverse("enterprise-detail", args=[other.uscc.lower()])).status_code == 404
    assert op_client.get(reverse("enterprise-edit", args=[other.uscc])).status_code == 404
    response = op_client.post(
        reverse("enterprise-edit", args=[other.uscc]),
        {"name": "被改掉的名字", "org_unit": district["dlhw"].pk, "above_scale": "on"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (
        other.name == "紫竹生物医药有限公司" and other.org_unit == district["zizhu"] and not other.above_scale
    )
    assert not AuditRecord.objects.exists()


def test_import_batches_of_another_scope_are_404(op_client, admin_user, district):
    theirs = ImportBatch.objects.create(
        form="torch_annual",
        year=2025,
        original_name="紫竹2025.xlsx",
        file="x",
        status=ImportBatch.Status.VALIDATED,
        rows_valid=1,
        scope_path=district["zizhu"].path,
    )
    district_wide = ImportBatch.objects.create(
        form="torch_annual", year=2025, original_name="全区2025.xlsx", file="x", created_by=admin_user
    )
    for batch in (theirs, district_wide):
        assert op_client.get(reverse("import-detail", args=[batch.pk])).status_code == 404
        assert op_client.get(reverse("import-progress", args=[batch.pk])).status_code == 404
        assert (
            op_client.post(reverse("import-confirm", args=[batch.pk]), {"skip_invalid": "1"}).status_code
            == 404
        )
        assert op_client.post(reverse("import-cancel", args=[batch.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ImportBatch.Status.VALIDATED
    page = op_client.get(reverse("import-list")).content.decode()
    assert "紫竹2025.xlsx" not in page and "全区2025.xlsx" not in page
    assert "紫竹2025.xlsx" not in op_client.get(reverse("home")).content.decode()


def test_audit_records_of_another_scope_are_not_shown(op_client, admin_user, two_enterprises, district):
    mine, other = two_enterprises
    audit.record(
        "registry.enterprise.updated",
        actor=admin_user,
        obj=other,
        org_unit_path=other.org_path,
        summary=f"{other.name}（{other.uscc}）",
    )
    audit.record(
        "registry.enterprise.updated",
        actor=admin_user,
        obj=mine,
        org_unit_path=mine.org_path,
        summary=f"{mine.name}（{mine.uscc}）",
    )
    page = op_client.get(reverse("audit-list")).content.decode()
    assert mine.name in page and other.name not in page and other.uscc not in page


def test_operator_import_of_the_other_enterprise_is_an_out_of_scope_error(
    op_client, two_enterprises, workbook, django_capture_on_commit_callbacks
):
    mine, other = two_enterprises
    path = workbook(ANNUAL_HEADER, [annual_row(mine, 100, 10), annual_row(other, 200, 20)])
    batch = upload(op_client, path, capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.VALIDATED
    assert [e["rule"] for e in batch.report["errors"]] == ["out_of_scope"]
    assert batch.report["errors"][0]["row"] == 3
    page = op_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    errors = page[page.index('id="errors-table"') :]
    assert "超出管辖范围" in errors and "不属于“大零号湾”，无权导入其数据" in errors

    # Even importing the valid rows only leaves 紫竹's figures untouched.
    with django_capture_on_commit_callbacks(execute=True):
        op_client.post(reverse("import-confirm", args=[batch.pk]), {"skip_invalid": "1"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert list(AnnualReport.objects.values_list("enterprise", flat=True)) == [mine.pk]
