"""The import pages: upload, validation report, confirm and cancel, progress, history."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from tests.accounts.uploads import ANNUAL_HEADER, annual_row, confirm, upload
from tests.factories import EnterpriseFactory
from zerobay.accounts.models import AuditRecord
from zerobay.statistics.models import AnnualReport, ImportBatch, ReportRevision

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_import_form_is_in_chinese(admin_client):
    page = admin_client.get(reverse("import-new")).content.decode()
    assert "新建导入" in page
    assert "火炬统计年报" in page and "火炬统计月报" in page
    assert "上传并校验" in page


def test_viewer_cannot_open_or_post_the_import_form(client, viewer, workbook, two_enterprises):
    client.force_login(viewer)
    assert client.get(reverse("import-new")).status_code == 403
    path = workbook(ANNUAL_HEADER, [annual_row(two_enterprises[0], 100, 10)])
    with open(path, "rb") as fh:
        response = client.post(reverse("import-new"), {"form_code": "torch_annual", "year": 2025, "file": fh})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()
    # The history is readable, without the button to start an import.
    page = client.get(reverse("import-list")).content.decode()
    assert "导入记录" in page and reverse("import-new") not in page


def test_upload_with_errors_shows_them_by_row_and_column_and_imports_nothing(
    admin_client, workbook, two_enterprises, django_capture_on_commit_callbacks
):
    mine, other = two_enterprises
    path = workbook(
        ANNUAL_HEADER,
        [
            annual_row(mine, 1200.5, 80, 20),
            ["91310112MA1XXXXXX1", "坏代码有限公司", 10, 5, 1],
            annual_row(other, "一百万", 30, 3),
        ],
        title_rows=[["2025年火炬统计年报"]],
    )
    batch = upload(admin_client, path, capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.VALIDATED
    assert batch.error_count == 2, batch.report

    page = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "已校验，待确认" in page
    errors = page[page.index('id="errors-table"') : page.index('id="warnings"')]
    # Row 4 (title row, header, then data), the USCC column, the rule and the Chinese message.
    assert '<td class="num">4</td>' in errors and "统一社会信用代码" in errors and "信用代码无效" in errors
    assert (
        '<td class="num">5</td>' in errors and "营业收入（万元）" in errors and "“一百万”不是数字" in errors
    )
    # Confirming is disabled until "import valid rows only" is ticked, and says why.
    assert 'id="confirm-button" disabled' in page
    assert "文件中有 2 个错误" in page and "仅导入有效行" in page

    # Posting the confirmation anyway is refused: nothing is imported.
    batch = confirm(admin_client, batch, capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.VALIDATED
    assert not AnnualReport.objects.exists()
    follow = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "请修正后重新上传" in follow


def test_skip_invalid_imports_the_valid_rows_only(
    admin_client, workbook, two_enterprises, django_capture_on_commit_callbacks
):
    mine, _other = two_enterprises
    path = workbook(ANNUAL_HEADER, [annual_row(mine, 100, 10), ["bad", "坏行", 1, 1, 1]])
    batch = upload(admin_client, path, capture=django_capture_on_commit_callbacks)
    batch = confirm(admin_client, batch, skip_invalid=True, capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.IMPORTED
    assert AnnualReport.objects.get().enterprise == mine


def test_clean_upload_and_confirm_puts_the_figures_on_the_enterprise_page(
    admin_client, workbook, two_enterprises, django_capture_on_commit_callbacks
):
    mine, _other = two_enterprises
    path = workbook(ANNUAL_HEADER, [annual_row(mine, 1234.5, 88, 21)], name="年报2025.xlsx")
    batch = upload(admin_client, path, capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.VALIDATED and batch.error_count == 0
    page = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "未发现错误：1 行可以导入" in page
    assert 'id="confirm-button">' in page  # enabled

    batch = confirm(admin_client, batch, capture=django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.IMPORTED
    report = AnnualReport.objects.get(enterprise=mine, year=2025)
    assert report.revenue == Decimal("12345000.00")

    page = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "已导入" in page and "新增报表" in page and "查看企业" in page

    detail = admin_client.get(reverse("enterprise-detail", args=[mine.uscc])).content.decode()
    figures = detail[detail.index('id="annual-figures"') :]
    assert '营业收入 <span class="unit">(万元)</span>' in figures
    assert "1,234.50" in figures  # 万元, two decimals
    assert ">88<" in figures and ">21<" in figures  # counts as integers
    # Provenance: the batch, the file and the row.
    assert f"#{batch.pk}" in detail and "年报2025.xlsx" in detail
    assert AuditRecord.objects.filter(action="statistics.import.committed").exists()


def test_reimporting_a_corrected_file_shows_a_revision(
    admin_client, workbook, two_enterprises, django_capture_on_commit_callbacks
):
    mine, _other = two_enterprises
    first = workbook(ANNUAL_HEADER, [annual_row(mine, 1000, 50)], name="first.xlsx")
    batch1 = confirm(
        admin_client,
        upload(admin_client, first, capture=django_capture_on_commit_callbacks),
        capture=django_capture_on_commit_callbacks,
    )
    corrected = workbook(ANNUAL_HEADER, [annual_row(mine, 1100, 50)], name="corrected.xlsx")
    batch2 = confirm(
        admin_client,
        upload(admin_client, corrected, capture=django_capture_on_commit_callbacks),
        capture=django_capture_on_commit_callbacks,
    )
    assert batch2.status == ImportBatch.Status.IMPORTED
    assert ReportRevision.objects.count() == 1

    page = admin_client.get(reverse("enterprise-detail", args=[mine.uscc])).content.decode()
    history = page[page.index('id="revisions"') :]
    assert "修订历史" in history
    assert "<del>1,000.00</del> → <ins>1,100.00</ins>" in history
    assert "first.xlsx" in history and "corrected.xlsx" in history
    assert f"#{batch1.pk}" in history and f"#{batch2.pk}" in history
    assert "，第 2 行" in history


def test_cancel_leaves_nothing_imported(
    admin_client, workbook, two_enterprises, django_capture_on_commit_callbacks
):
    path = workbook(ANNUAL_HEADER, [annual_row(two_enterprises[0], 100, 10)])
    batch = upload(admin_client, path, capture=django_capture_on_commit_callbacks)
    response = admin_client.post(reverse("import-cancel", args=[batch.pk]), follow=True)
    assert "已取消本次导入" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CANCELLED
    assert not AnnualReport.objects.exists()


def test_too_large_and_wrong_type_are_refused_with_a_clear_message(admin_client, settings):
    settings.ZEROBAY_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("big.xlsx", b"x" * 500)
    page = admin_client.post(reverse("import-new"), {"form_code": "torch_annual", "year": 2025, "file": big})
    assert page.status_code == 200
    text = page.content.decode().replace("\xa0", " ")
    assert "文件过大（500 字节），最大可上传 100 字节" in text

    settings.ZEROBAY_MAX_UPLOAD_BYTES = 1_000_000
    doc = SimpleUploadedFile("report.docx", b"not a workbook")
    page = admin_client.post(reverse("import-new"), {"form_code": "torch_annual", "year": 2025, "file": doc})
    assert "不支持“.docx”类型的文件" in page.content.decode()
    assert not ImportBatch.objects.exists()


def test_monthly_report_needs_a_month(admin_client):
    csv = SimpleUploadedFile("m.csv", "统一社会信用代码,企业名称\n".encode())
    page = admin_client.post(reverse("import-new"), {"form_code": "torch_monthly", "year": 2025, "file": csv})
    assert "请选择月报的报告月份" in page.content.decode()
    assert not ImportBatch.objects.exists()


def test_unreadable_workbook_is_rejected_with_its_reason(admin_client, django_capture_on_commit_callbacks):
    broken = SimpleUploadedFile("broken.xlsx", b"this is not a zip file")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("import-new"), {"form_code": "torch_annual", "year": 2025, "file": broken})
    batch = ImportBatch.objects.get()
    page = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "已拒绝，未导入" in page and "文件无法读取" in page
    assert 'id="actions"' not in page  # nothing to confirm


def test_running_batch_polls_its_progress_until_done(admin_client, admin_user):
    batch = ImportBatch.objects.create(
        form="torch_annual",
        year=2025,
        original_name="big.xlsx",
        file="imports/big.xlsx",
        status=ImportBatch.Status.VALIDATING,
        phase="reading",
        progress_done=5000,
        progress_total=20000,
        created_by=admin_user,
    )
    page = admin_client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "正在读取并校验" in page and "已处理 5000 / 20000 行（25%）" in page

    partial = admin_client.get(reverse("import-progress", args=[batch.pk]), headers={"HX-Request": "true"})
    assert "HX-Refresh" not in partial.headers
    assert 'hx-trigger="every 1s"' in partial.content.decode()

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.VALIDATED, phase="")
    partial = admin_client.get(reverse("import-progress", args=[batch.pk]), headers={"HX-Request": "true"})
    assert partial.headers["HX-Refresh"] == "true"  # the page reloads to show the report
    assert "every 1s" not in partial.content.decode()


def test_history_lists_and_filters_batches(admin_client, admin_user):
    common = {"original_name": "a.xlsx", "file": "imports/a.xlsx", "created_by": admin_user}
    ImportBatch.objects.create(form="torch_annual", year=2024, status="imported", rows_read=3, **common)
    ImportBatch.objects.create(
        form="torch_monthly", year=2025, month=3, status="rejected", error_count=7, **common
    )
    page = admin_client.get(reverse("import-list")).content.decode()
    assert "火炬统计年报" in page and "火炬统计月报" in page and "2025-03" in page
    assert "已拒绝，未导入" in page and 'badge-red">7<' in page
    filtered = admin_client.get(reverse("import-list"), {"form": "torch_monthly"}).content.decode()
    assert "2025-03" in filtered and "2024</td>" not in filtered
    by_year = admin_client.get(reverse("import-list"), {"year": "2024"}).content.decode()
    assert "2024</td>" in by_year and "2025-03" not in by_year


def test_history_is_paginated(admin_client, admin_user):
    ImportBatch.objects.bulk_create(
        ImportBatch(
            form="torch_annual", year=2025, original_name=f"f{i}.xlsx", file="x", created_by=admin_user
        )
        for i in range(55)
    )
    page = admin_client.get(reverse("import-list")).content.decode()
    assert "共 55 条" in page and "?page=2" in page
    second = admin_client.get(reverse("import-list"), {"page": 2}).content.decode()
    assert second.count('<span class="badge badge-blue">已上传</span>') == 5


def test_new_enterprise_warning_names_the_operators_unit(
    client, operator, workbook, district, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    newcomer = EnterpriseFactory.build(name="新来的科技有限公司")
    path = workbook(ANNUAL_HEADER, [annual_row(newcomer, 10, 3)])
    batch = upload(client, path, capture=django_capture_on_commit_callbacks)
    page = client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "新企业" in page and "归入“大零号湾”" in page


def test_viewer_reads_a_batch_but_cannot_confirm_or_cancel_it(client, viewer, admin_user):
    batch = ImportBatch.objects.create(
        form="torch_annual",
        year=2025,
        original_name="待确认.xlsx",
        file="x",
        status=ImportBatch.Status.VALIDATED,
        rows_read=1,
        rows_valid=1,
        created_by=admin_user,
    )
    client.force_login(viewer)
    page = client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "待确认.xlsx" in page and "已校验，待确认" in page
    assert 'id="confirm-button"' not in page and "取消本次导入" not in page
    assert "等待运营方确认" in page
    assert client.post(reverse("import-confirm", args=[batch.pk])).status_code == 403
    assert client.post(reverse("import-cancel", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED
