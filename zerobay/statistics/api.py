"""Statistics endpoints: an enterprise's reported figures and their revisions, and imports.

Imports go through the same services and pipeline as the CLI and the web pages
(services.create_batch, services.import_in_worker, services.start_validation, services.confirm_import);
an enterprise's figures and revisions come from `reported`.
"""

import datetime
from typing import Any, Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import create_model

from zerobay.api_schemas import UNAUTHORIZED, Error, Page, choices
from zerobay.registry.access import access_enterprise_by_uscc
from zerobay.registry.api import EnterpriseOut

from . import reported, services
from .access import access_batch_by_id, can_import_data, visible_batches
from .models import ImportBatch
from .periods import Period
from .reportforms import TORCH_ANNUAL, TORCH_MONTHLY, Kind, ReportForm

router = Router()


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


ImportStatus = choices(ImportBatch.Status)


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


@router.get(
    "/enterprises/{uscc}", response={200: EnterpriseDetail, 404: Error, **UNAUTHORIZED}, tags=["enterprises"]
)
def get_enterprise(request, uscc: str):
    """An enterprise with its Torch annual and monthly reports (current revision of each)."""
    enterprise = access_enterprise_by_uscc(request.auth, uscc)
    enterprise.annual_reports = reported.annual_reports(enterprise)
    enterprise.monthly_reports = reported.monthly_reports(enterprise)
    return enterprise


@router.get(
    "/enterprises/{uscc}/revisions",
    response={200: list[RevisionOut], 404: Error, **UNAUTHORIZED},
    tags=["enterprises"],
)
def list_revisions(request, uscc: str):
    """Superseded states of the enterprise's reports, newest revision first, each with its source."""
    return reported.revisions(access_enterprise_by_uscc(request.auth, uscc))


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
    status: ImportStatus
    rows_read: int
    rows_valid: int
    rows_imported: int
    errors: list[IssueOut]
    warnings: list[IssueOut]
    error_count: int
    warning_count: int
    issues_truncated: bool = False  # more issues were found than the report lists
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
    status: ImportStatus
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
    status: ImportStatus | None = None
    form: Literal["torch_annual", "torch_monthly"] | None = None


def _summary(batch: ImportBatch) -> str:
    s = ImportBatch.Status
    if batch.status == s.IMPORTED:
        return _("Imported %(rows)s rows (%(errors)s errors, %(warnings)s warnings)") % {
            "rows": batch.rows_imported,
            "errors": batch.error_count,
            "warnings": batch.warning_count,
        }
    if batch.status == s.REJECTED:
        return _(
            "The file has %(errors)s errors, nothing was imported: correct it and upload it again, "
            "or choose to import the valid rows only"
        ) % {"errors": batch.error_count}
    if batch.status == s.VALIDATED:
        if batch.dry_run:
            return _("Dry run: validated, %(rows)s valid rows, nothing was written") % {
                "rows": batch.rows_valid
            }
        return _("Validated, %(rows)s valid rows, awaiting confirmation") % {"rows": batch.rows_valid}
    if batch.status == s.FAILED:
        return _("Import failed: %(message)s") % {"message": batch.message}
    return str(batch.get_status_display())


def import_out(batch: ImportBatch, detail: str | None = None) -> dict:
    report = {**batch.report, "import_id": batch.pk, "status": batch.status} if batch.report else None
    return {"detail": detail or _summary(batch), "batch": batch, "report": report}


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

    With `wait` (the default) the file is validated and imported by the task worker while the request
    waits (up to ZEROBAY_API_IMPORT_WAIT_SECONDS): 201 with the report, or 422 with the report when
    the file has errors (nothing is stored unless `skip_invalid`); 202 if it is still running then. Without `wait`: 202, validation runs in the background; poll
    `GET /api/imports/{id}`, then `POST /api/imports/{id}/confirm`."""
    user = request.auth
    if not (allowed := can_import_data(user)):
        return Status(403, {"detail": allowed.reason})
    if file.size > settings.ZEROBAY_MAX_UPLOAD_BYTES:
        limit = settings.ZEROBAY_MAX_UPLOAD_BYTES // (1024 * 1024)
        return Status(413, {"detail": _("File too large: the limit is %(limit)s MB") % {"limit": limit}})
    try:
        period = Period.parse(data.period)
    except ValueError:
        message = _(
            'The report period "%(period)s" is not valid: an annual report like 2025, a monthly one like 2025-03'
        )
        return Status(400, {"detail": message % {"period": data.period}})
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
        return Status(
            202,
            import_out(
                batch, _("Uploaded, validating in the background; confirm the import when it is done")
            ),
        )
    services.import_in_worker(batch)
    batch = services.wait_for(batch, settings.ZEROBAY_API_IMPORT_WAIT_SECONDS)
    if batch.is_running or batch.status == ImportBatch.Status.UPLOADED:
        return Status(202, import_out(batch, _("Still importing in the background: poll the import")))
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
    if not (allowed := can_import_data(user)):
        return Status(403, {"detail": allowed.reason})
    batch = access_batch_by_id(user, batch_id)
    if batch.dry_run:
        raise services.ImportRefused(
            _("Import #%(id)s is a dry run and cannot be confirmed: upload it again") % {"id": batch.pk}
        )
    services.confirm_import(batch, user=user, skip_invalid=data is not None and data.skip_invalid)
    batch.refresh_from_db()
    return Status(202, import_out(batch, _("Confirmed, importing in the background")))
