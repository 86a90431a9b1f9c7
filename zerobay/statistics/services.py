"""Import actions: create a batch from a file, validate it, import it. Used by the CLI, the web
pages, the API and the demo alike."""

import hashlib
from pathlib import Path

from django.core.files import File
from django.db import transaction

from zerobay.registry.access import NOTHING, scope_path

from .importing.issues import ImportReport
from .importing.pipeline import Progress, run_batch
from .importing.reading import SUFFIXES
from .models import ImportBatch
from .periods import Period, PeriodType
from .reportforms import FORMS


class ImportRefused(ValueError):
    """The request cannot start an import; the message says why (Chinese)."""


def check_period(form_code: str, period: Period) -> None:
    form = FORMS[form_code]
    if form.period_type != period.type:
        expected = "年份（如 2025）" if form.period_type == PeriodType.YEAR else "月份（如 2025-03）"
        raise ImportRefused(f"{form.name}的报告期应为{expected}，而不是“{period}”")


def create_batch(
    *,
    source,
    original_name: str,
    form_code: str,
    period: Period,
    user=None,
    channel=ImportBatch.Channel.WEB,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> ImportBatch:
    """Stores the uploaded file (a path or a file object) and records a new batch for it."""
    if form_code not in FORMS:
        raise ImportRefused(f"未知的报表类型“{form_code}”")
    check_period(form_code, period)
    if user is not None and not user.can_import:
        raise ImportRefused("当前账号为只读，不能导入数据")
    suffix = Path(original_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(
            f"不支持的文件类型“{suffix or '无扩展名'}”，请上传 xlsx、xls、xlsb、ods 或 csv 文件"
        )
    prefix = scope_path(user) if user is not None else None
    if prefix == NOTHING:
        raise ImportRefused("当前账号未分配所属园区，不能导入数据：请联系区科委管理员")
    batch = ImportBatch(
        form=form_code,
        year=period.year,
        month=period.number or None,
        original_name=original_name[:255],
        channel=channel,
        created_by=user,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        scope_path=prefix or "",
    )
    digest = hashlib.sha256()
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
            fh.seek(0)
            batch.file.save(Path(original_name).name, File(fh), save=False)
    else:
        for chunk in source.chunks():
            digest.update(chunk)
        source.seek(0)
        batch.file.save(Path(original_name).name, source, save=False)
    batch.sha256 = digest.hexdigest()
    batch.save()
    return batch


def import_file(
    path: str | Path,
    *,
    form_code: str,
    period: Period,
    user=None,
    channel=ImportBatch.Channel.CLI,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportBatch, ImportReport]:
    """Validates and imports a file in this process (the CLI and the demo)."""
    batch = create_batch(
        source=path,
        original_name=Path(path).name,
        form_code=form_code,
        period=period,
        user=user,
        channel=channel,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )
    return batch, run_batch(batch, commit=True, progress=progress)


def start_validation(batch: ImportBatch) -> None:
    """Validates the batch off the request (the task worker), after the batch row is committed."""
    from .tasks import validate_batch

    transaction.on_commit(lambda: validate_batch.enqueue(batch.pk))


def confirm_import(batch: ImportBatch, *, user, skip_invalid: bool) -> None:
    """Imports a validated batch off the request."""
    from .tasks import import_batch

    if batch.dry_run:
        raise ImportRefused(f"导入 #{batch.pk} 是试导入（dry run），不会写入数据：请重新上传")
    if batch.status != ImportBatch.Status.VALIDATED:
        raise ImportRefused(f"导入 #{batch.pk} 的状态为“{batch.get_status_display()}”，不能确认导入")
    if batch.error_count and not skip_invalid:
        raise ImportRefused("文件中有错误行：请修正后重新上传，或选择“仅导入有效行”")
    if batch.rows_valid == 0:
        raise ImportRefused("文件中没有可导入的有效行")
    updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.VALIDATED).update(
        status=ImportBatch.Status.IMPORTING, skip_invalid=skip_invalid, phase="queued"
    )
    if not updated:  # someone else confirmed it a moment ago
        raise ImportRefused(f"导入 #{batch.pk} 已在处理中")
    transaction.on_commit(lambda: import_batch.enqueue(batch.pk))


def cancel_import(batch: ImportBatch, *, user) -> None:
    if batch.status not in (ImportBatch.Status.VALIDATED, ImportBatch.Status.UPLOADED):
        raise ImportRefused(f"导入 #{batch.pk} 的状态为“{batch.get_status_display()}”，不能取消")
    batch.status = ImportBatch.Status.CANCELLED
    batch.save(update_fields=["status"])
