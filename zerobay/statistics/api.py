"""Statistics endpoints: an enterprise's reported figures and their revisions, and imports.

Imports go through the same services and pipeline as the CLI and the web pages
(services.create_batch, pipeline.run_batch, services.start_validation, services.confirm_import).
"""

import datetime
import logging
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import create_model

from zerobay.api_schemas import UNAUTHORIZED, Error, Page
from zerobay.registry.access import access_enterprise_by_uscc
from zerobay.registry.api import EnterpriseOut

from . import services
from .access import access_batch_by_id, visible_batches
from .importing.pipeline import run_batch
from .models import AnnualReport, ImportBatch, MonthlyReport, ReportRevision
from .periods import Period, PeriodType
from .reportforms import FORMS, TORCH_ANNUAL, TORCH_MONTHLY, Kind, ReportForm

log = logging.getLogger(__name__)
router = Router()

READ_ONLY = "当前账号为只读，不能导入数据"


# -- figures ----------------------------------------------------------------------------------


def _figure_fields(form: ReportForm) -> dict:
    """Pydantic fields for the value fields of a form: money as a decimal string in yuan,
    counts as integers, each described by its label and unit."""
    fields = {}
    for f in form.value_fields:
        if f.kind == Kind.MONEY:
            fields[f.key] = (str | None, Field(None, description=f"{f.label}（元，十进制字符串）"))
        elif f.kind not in (Kind.COUNT,):
            fields[f.key] = (str | None, Field(None, description=f.label))
        else:
            fields[f.key] = (int | None, Field(None, description=f"{f.label}（{f.unit}）"))
    return fields


def figures(values: dict, form: ReportForm) -> dict:
    """{field: value} as the API gives it, from stored values (Decimal, int or their strings)."""
    out = {}
    for f in form.value_fields:
        v = values.get(f.key)
        if v is None:
            out[f.key] = None
        elif f.kind == Kind.MONEY:
            out[f.key] = f"{Decimal(v):.2f}"
        elif f.kind == Kind.COUNT:
            out[f.key] = int(v)
        else:
            out[f.key] = str(v)
    return out


class SourceOut(Schema):
    """Where figures came from: the import, its file and the row in it."""

    import_id: int
    file: str
    row: int


AnnualReportOut = create_model(
    "AnnualReportOut",
    __base__=Schema,
    year=(int, ...),
    revision=(int, ...),
    source=(SourceOut, ...),
    **_figure_fields(TORCH_ANNUAL),
)
MonthlyReportOut = create_model(
    "MonthlyReportOut",
    __base__=Schema,
    year=(int, ...),
    month=(int, ...),
    period=(str, Field(..., examples=["2025-03"])),
    revision=(int, ...),
    source=(SourceOut, ...),
    **_figure_fields(TORCH_MONTHLY),
)


class EnterpriseDetail(EnterpriseOut):
    annual_reports: list[AnnualReportOut]
    monthly_reports: list[MonthlyReportOut]


class RevisionOut(Schema):
    """A superseded state of a report."""

    form: str
    period: str
    year: int
    month: int | None
    revision: int
    values: dict[str, str | int | None]
    source: SourceOut
    superseded_by: int = Field(description="the import that replaced these values")
    superseded_at: datetime.datetime


def _reports(model, form: ReportForm, enterprise, *extra: str) -> list[dict]:
    keys = ["year", *extra, "revision", "batch_id", "source_row", "file", *(f.key for f in form.value_fields)]
    rows = model.objects.filter(enterprise=enterprise).annotate(file=F("batch__original_name")).values(*keys)
    return [
        {
            **{k: r[k] for k in ("year", *extra, "revision")},
            "source": {"import_id": r["batch_id"], "file": r["file"], "row": r["source_row"]},
            **figures(r, form),
        }
        for r in rows
    ]


@router.get(
    "/enterprises/{uscc}", response={200: EnterpriseDetail, 404: Error, **UNAUTHORIZED}, tags=["enterprises"]
)
def get_enterprise(request, uscc: str):
    """An enterprise with its Torch annual and monthly reports (current revision of each)."""
    enterprise = access_enterprise_by_uscc(request.auth, uscc)
    monthly = _reports(MonthlyReport, TORCH_MONTHLY, enterprise, "month")
    for m in monthly:
        m["period"] = str(Period(m["year"], PeriodType.MONTH, m["month"]))
    enterprise.annual_reports = _reports(AnnualReport, TORCH_ANNUAL, enterprise)
    enterprise.monthly_reports = monthly
    return enterprise


@router.get(
    "/enterprises/{uscc}/revisions",
    response={200: list[RevisionOut], 404: Error, **UNAUTHORIZED},
    tags=["enterprises"],
)
def list_revisions(request, uscc: str):
    """Superseded states of the enterprise's reports, newest revision first, each with its source."""
    enterprise = access_enterprise_by_uscc(request.auth, uscc)
    rows = (
        ReportRevision.objects.filter(enterprise=enterprise)
        .annotate(file=F("batch__original_name"))
        .order_by("form", "-year", F("month").desc(nulls_last=True), "-revision", "-id")
    )
    return [
        {
            "form": r.form,
            "period": str(Period(r.year, PeriodType.MONTH, r.month) if r.month else Period(r.year)),
            "year": r.year,
            "month": r.month,
            "revision": r.revision,
            "values": figures(r.values, FORMS[r.form]) if r.form in FORMS else r.values,
            "source": {"import_id": r.batch_id, "file": r.file, "row": r.source_row},
            "superseded_by": r.superseded_by_id,
            "superseded_at": r.superseded_at,
        }
        for r in rows
    ]


# -- imports ----------------------------------------------------------------------------------


class IssueOut(Schema):
    row: int | None = Field(description="Excel row number; null for the file as a whole")
    column: str | None = Field(description="the header as written in the file")
    value: Any
    rule: str
    message: str
    severity: Literal["error", "warning"]


class ReportOut(Schema):
    """The validation report, in the shape of `zerobay import ... --format json`. Issue lists
    are cut at 2,000 entries; error_count and warning_count stay exact."""

    import_id: int
    status: ImportBatch.Status
    rows_read: int
    rows_valid: int
    rows_imported: int
    errors: list[IssueOut]
    warnings: list[IssueOut]
    error_count: int
    warning_count: int
    created: int
    updated: int
    unchanged: int
    enterprises_created: int
    header_row: int | None
    columns: dict[str, str] = Field(description="header as written → field key")


class CountsOut(Schema):
    rows_read: int
    rows_valid: int
    rows_imported: int
    errors: int
    warnings: int


class BatchOut(Schema):
    id: int
    status: ImportBatch.Status
    status_label: str
    form: str
    period: str
    file: str
    sha256: str
    channel: ImportBatch.Channel
    dry_run: bool
    skip_invalid: bool
    created_by: str | None = Field(description="username")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    phase: str
    progress_done: int
    progress_total: int
    counts: CountsOut
    message: str

    @staticmethod
    def resolve_status_label(obj: ImportBatch) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_period(obj: ImportBatch) -> str:
        return str(obj.period)

    @staticmethod
    def resolve_file(obj: ImportBatch) -> str:
        return obj.original_name

    @staticmethod
    def resolve_created_by(obj: ImportBatch) -> str | None:
        return obj.created_by.username if obj.created_by else None

    @staticmethod
    def resolve_counts(obj: ImportBatch) -> dict:
        return {
            "rows_read": obj.rows_read,
            "rows_valid": obj.rows_valid,
            "rows_imported": obj.rows_imported,
            "errors": obj.error_count,
            "warnings": obj.warning_count,
        }


class ImportOut(Schema):
    detail: str = Field(description="what happened, for a person")
    batch: BatchOut
    report: ReportOut | None = Field(description="null until the file has been validated")


class ImportIn(Schema):
    form: Literal["torch_annual", "torch_monthly"]
    period: str = Field(description="'2025' for the annual report, '2025-03' for a month")
    dry_run: bool = Field(False, description="validate only; store nothing")
    skip_invalid: bool = Field(
        False, description="import the valid rows (default: any error imports nothing)"
    )
    wait: bool = Field(
        True,
        description="validate and import in this request and answer with the report; "
        "false: answer 202 at once, validation runs in the background, then confirm",
    )


class ConfirmIn(Schema):
    skip_invalid: bool = Field(False, description="import the valid rows and skip those with errors")


class ImportFilter(Schema):
    status: ImportBatch.Status | None = None
    form: Literal["torch_annual", "torch_monthly"] | None = None


def _summary(batch: ImportBatch) -> str:
    s = ImportBatch.Status
    if batch.status == s.IMPORTED:
        return (
            f"已导入 {batch.rows_imported} 行（错误 {batch.error_count} 个，警告 {batch.warning_count} 个）"
        )
    if batch.status == s.REJECTED:
        return f"文件有 {batch.error_count} 个错误，未导入任何数据：请修正后重新上传，或选择仅导入有效行"
    if batch.status == s.VALIDATED:
        if batch.dry_run:
            return f"试运行：校验完成，有效 {batch.rows_valid} 行，未写入任何数据"
        return f"校验完成，有效 {batch.rows_valid} 行，等待确认导入"
    if batch.status == s.FAILED:
        return f"导入失败：{batch.message}"
    return str(batch.get_status_display())


def import_out(batch: ImportBatch, detail: str | None = None) -> dict:
    report = {**batch.report, "import_id": batch.pk, "status": batch.status} if batch.report else None
    return {"detail": detail or _summary(batch), "batch": batch, "report": report}


def _run_now(batch: ImportBatch) -> None:
    """Validates and imports in this request, as the CLI does; a crash marks the batch failed."""
    try:
        run_batch(batch, commit=True)
    except Exception as exc:
        log.exception("import %s failed", batch.pk)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED,
            finished_at=timezone.now(),
            phase="",
            message=f"{type(exc).__name__}: {exc}",
        )
        raise


@router.post(
    "/imports",
    response={
        201: ImportOut,
        202: ImportOut,
        400: Error,
        403: Error,
        413: Error,
        422: ImportOut,
        **UNAUTHORIZED,
    },
    tags=["imports"],
)
def create_import(request, file: File[UploadedFile], data: Form[ImportIn]):
    """Upload a Torch annual or monthly report workbook (xlsx, xls, xlsb, ods, csv).

    With `wait` (the default) the file is validated and imported in the request: 201 with the
    report, or 422 with the report when the file has errors (nothing is stored unless
    `skip_invalid`). Without `wait`: 202, validation runs in the background; poll
    `GET /api/imports/{id}`, then `POST /api/imports/{id}/confirm`."""
    user = request.auth
    if not user.can_import:
        return Status(403, {"detail": READ_ONLY})
    if file.size > settings.ZEROBAY_MAX_UPLOAD_BYTES:
        limit = settings.ZEROBAY_MAX_UPLOAD_BYTES // (1024 * 1024)
        return Status(413, {"detail": f"文件过大：上限为 {limit} MB"})
    try:
        period = Period.parse(data.period)
    except ValueError:
        return Status(400, {"detail": f"报告期“{data.period}”格式不正确：年报如 2025，月报如 2025-03"})
    batch = services.create_batch(  # ImportRefused → 400 (zerobay.api)
        source=file,
        original_name=file.name or "upload",
        form_code=data.form,
        period=period,
        user=user,
        channel=ImportBatch.Channel.API,
        skip_invalid=data.skip_invalid,
        dry_run=data.dry_run,
    )
    if not data.wait:
        services.start_validation(batch)
        return Status(202, import_out(batch, "已上传，正在后台校验；完成后请确认导入"))
    _run_now(batch)
    status = 422 if batch.status == ImportBatch.Status.REJECTED else 201
    return Status(status, import_out(batch))


@router.get("/imports", response={200: list[BatchOut], **UNAUTHORIZED}, tags=["imports"])
@paginate(Page)
def list_imports(request, filters: Query[ImportFilter]):
    """Imports made within your scope, newest first."""
    qs = visible_batches(request.auth).defer("report")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.form:
        qs = qs.filter(form=filters.form)
    return qs.order_by("-created_at", "-id")


@router.get(
    "/imports/{int:batch_id}", response={200: ImportOut, 404: Error, **UNAUTHORIZED}, tags=["imports"]
)
def get_import(request, batch_id: int):
    """An import with its validation report and progress."""
    return import_out(access_batch_by_id(request.auth, batch_id))


@router.post(
    "/imports/{int:batch_id}/confirm",
    response={202: ImportOut, 400: Error, 403: Error, 404: Error, **UNAUTHORIZED},
    tags=["imports"],
)
def confirm_import(request, batch_id: int, data: ConfirmIn | None = None):
    """Import a validated batch (from `wait=false`) in the background. Optional JSON body:
    `{"skip_invalid": true}` to import the valid rows of a file with errors."""
    user = request.auth
    if not user.can_import:
        return Status(403, {"detail": READ_ONLY})
    batch = access_batch_by_id(user, batch_id)
    if batch.dry_run:
        raise services.ImportRefused(f"导入 #{batch.pk} 是试运行，不能确认导入：请重新上传")
    services.confirm_import(batch, user=user, skip_invalid=data is not None and data.skip_invalid)
    batch.refresh_from_db()
    return Status(202, import_out(batch, "已确认，正在后台导入"))
