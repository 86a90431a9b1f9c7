"""What happens to batches around the worker: a dead worker's batches are failed for retry, the user
retries them, and the files of imports that imported nothing are removed after the retention period."""

import datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zerobay.statistics.models import AnnualReport, ImportBatch
from zerobay.statistics.services import prune_import_files, recover_interrupted_batches

from ..factories import make_uscc
from .helpers import HEADER

pytestmark = pytest.mark.django_db
S = ImportBatch.Status


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def batch(status, *, channel=ImportBatch.Channel.WEB, days_ago=0, content=b"x", dry_run=False, user=None):
    b = ImportBatch(
        form="torch_annual", year=2025, status=status, channel=channel, dry_run=dry_run, created_by=user
    )
    b.file.save("f.xlsx", ContentFile(content), save=False)
    b.finished_at = (
        timezone.now() - datetime.timedelta(days=days_ago)
        if status not in (S.VALIDATING, S.IMPORTING)
        else None
    )
    b.save()
    return b


def test_a_dead_workers_batches_fail_with_the_reason_and_command_line_imports_are_left_alone():
    web, api = batch(S.IMPORTING), batch(S.VALIDATING, channel=ImportBatch.Channel.API)
    cli = batch(S.IMPORTING, channel=ImportBatch.Channel.CLI)
    done = batch(S.IMPORTED)
    assert recover_interrupted_batches() == 2
    for b in (web, api):
        b.refresh_from_db()
        assert b.status == S.FAILED and "中断" in b.message and b.finished_at
    cli.refresh_from_db()
    done.refresh_from_db()
    assert (cli.status, done.status) == (S.IMPORTING, S.IMPORTED)


def test_a_failed_batch_is_retried_from_its_stored_file(
    admin_client, admin_user, district, workbook, django_capture_on_commit_callbacks
):
    uscc = make_uscc()
    path = workbook(HEADER, [[uscc, "上海零号湾科技有限公司", 120, 50_000, -300, 30, 300, 12, 5, 800]])
    failed = batch(S.FAILED, content=Path(path).read_bytes(), user=admin_user)
    page = admin_client.get(reverse("import-detail", args=[failed.pk])).content.decode()
    assert 'id="retry-button"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("import-retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == S.VALIDATED and failed.rows_valid == 1 and failed.message == ""
    # Only a failed batch can be retried; a viewer cannot retry at all.
    again = admin_client.post(reverse("import-retry", args=[failed.pk]), follow=True)
    assert "不能重试" in again.content.decode()
    assert (
        not AnnualReport.objects.exists()
    )  # retried means validated again, not imported behind the user's back


def test_a_viewer_cannot_retry(client, viewer, district):
    failed = batch(S.FAILED)
    client.force_login(viewer)
    assert 'id="retry-button"' not in client.get(reverse("import-detail", args=[failed.pk])).content.decode()
    assert client.post(reverse("import-retry", args=[failed.pk])).status_code == 403


def test_files_of_imports_that_imported_nothing_go_after_the_retention_period(settings):
    settings.ZEROBAY_REJECTED_FILE_DAYS = 7
    old = [batch(S.REJECTED, days_ago=8), batch(S.FAILED, days_ago=8), batch(S.CANCELLED, days_ago=30)]
    dry = batch(S.VALIDATED, days_ago=8, dry_run=True)
    recent = batch(S.REJECTED, days_ago=1)
    imported = batch(S.IMPORTED, days_ago=400)
    forgotten = batch(S.VALIDATED, days_ago=9)  # checked, never confirmed: superseded
    waiting = batch(S.VALIDATED, days_ago=2)
    paths = {b.pk: Path(b.file.path) for b in (*old, dry, recent, imported, forgotten, waiting)}
    assert prune_import_files() == 5
    forgotten.refresh_from_db()
    assert forgotten.status == S.CANCELLED and "7" in forgotten.message and not forgotten.file
    assert paths[waiting.pk].exists()
    for b in (*old, dry):
        b.refresh_from_db()
        assert not b.file and not paths[b.pk].exists()
        assert ImportBatch.objects.filter(pk=b.pk).exists()  # the batch and its report stay
    assert paths[recent.pk].exists() and paths[imported.pk].exists()  # provenance of imported figures


def test_the_prune_command_reports_what_it_removed(settings, capsys):
    batch(S.REJECTED, days_ago=3)
    call_command("statistics", "prune-files", "--days", "2", "--format", "json")
    assert '"removed": 1' in capsys.readouterr().out


def test_the_importers_home_counts_failed_and_waiting_imports(admin_client, admin_user):
    batch(S.FAILED, user=admin_user)
    batch(S.VALIDATED, user=admin_user)
    batch(S.VALIDATED, user=admin_user, dry_run=True)  # a dry run waits for nobody
    page = admin_client.get("/").content.decode()
    assert 'data-todo="statistics.failed"' in page and 'data-todo="statistics.validated"' in page
    waiting = page[page.index('data-todo="statistics.validated"') :]
    assert '<span class="badge badge-amber">1</span>' in waiting[:200]


def test_the_same_file_again_is_pointed_out_before_it_is_confirmed(admin_client, admin_user):
    first = batch(S.IMPORTED, content=b"same bytes", user=admin_user)
    first.sha256 = "a" * 64
    first.save()
    again = batch(S.VALIDATED, content=b"same bytes", user=admin_user)
    again.sha256 = "a" * 64
    again.save()
    page = admin_client.get(reverse("import-detail", args=[again.pk])).content.decode()
    assert 'id="same-file"' in page and f"#{first.pk}" in page
    other = batch(S.VALIDATED, user=admin_user)
    other.sha256 = "b" * 64
    other.save()
    assert (
        'id="same-file"' not in admin_client.get(reverse("import-detail", args=[other.pk])).content.decode()
    )


def test_a_confirmed_import_waits_without_the_validations_counts(admin_client, admin_user):
    from zerobay.statistics import services

    # The worker is enqueued on commit, which this test's transaction never reaches: it has not started.
    waiting = batch(S.VALIDATED, user=admin_user)
    ImportBatch.objects.filter(pk=waiting.pk).update(rows_valid=2, progress_done=2, progress_total=2)
    waiting.refresh_from_db()
    services.confirm_import(waiting, user=admin_user, skip_invalid=False)
    page = admin_client.get(reverse("import-progress", args=[waiting.pk])).content.decode()
    assert "2/2" not in page and "100%" not in page and "indeterminate" in page
