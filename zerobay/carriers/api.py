"""The carriers endpoints of the JSON API (/api/carriers/...). Every query starts from
zerobay.carriers.access: a carrier operator reaches its own carrier only, staff their scope's
(404 for anything else, as on the pages)."""

import datetime

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from zerobay.api_schemas import UNAUTHORIZED, Error, Page, Year
from zerobay.statistics.models import ImportBatch
from zerobay.statistics.services import ImportRefused

from . import pages
from .access import access_carrier_by_pk, visible_carriers
from .evaluation.cache import cached_evaluation
from .evaluation.run import CarrierResult
from .evaluation.schemes import scheme_for_kind, schemes
from .importing import may_import
from .models import Residency
from .services import file_statistics

router = Router(tags=["carriers"])
NOT_FOUND = {404: Error}


class CarrierRecognitionOut(Schema):
    title: str
    level: str
    recognised_on: datetime.date | None
    issued_by: str
    document: str
    source: str


class CarrierDetailOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    focus: str = Field(description="comprehensive or specialised incubator")
    quality: str = Field(description="high_quality or cultivating")
    uscc: str
    operator: str
    org_unit: str | None = Field(None, description="org-unit code")
    address: str
    space_m2: float | None
    incubation_space_m2: float | None
    recognitions: list[CarrierRecognitionOut]


class CarrierFigureOut(Schema):
    key: str
    label: str
    stated: float | None
    verified: float | None = Field(None, description="computed from the residents' own data")
    flagged: bool


class CarrierYearOut(Schema):
    year: int
    source: str = Field(description="import batch and row of the statement")
    revision: int
    figures: list[CarrierFigureOut]


class CarrierResidentOut(Schema):
    uscc: str
    name: str
    entered_on: datetime.date
    left_on: datetime.date | None
    area_m2: float | None
    graduated_on: datetime.date | None = Field(None, description="by 国科发区〔2018〕300号")
    criterion: str | None = Field(None, description="hte, financing, revenue or listed")
    declared_graduated_on: datetime.date | None


class CarrierLineOut(Schema):
    id: str
    label: str
    value: float | None
    points: float
    weight: float
    source: str
    stated: float | None
    flagged: bool


class CarrierResultOut(Schema):
    carrier_id: int
    carrier: str
    type: str
    score: float
    grade: str
    rank: int
    fails_in_a_row: int
    cancelled: bool
    previous_score: float | None = Field(None, description="the year before, same scheme")
    previous_rank: int | None = None
    subsidy: float = Field(description="operating subsidy (yuan) the grade earns, as the scheme declares")
    indicators: list[CarrierLineOut]


class CarrierEvaluationOut(Schema):
    scheme: str
    version: str
    year: int
    carriers: list[CarrierResultOut]


class CarrierEvaluationQuery(Schema):
    year: Year
    scheme: str | None = Field(None, description="scheme id (default: the district incubator scheme)")


class CarrierYearQuery(Schema):
    year: Year


def _result(r: CarrierResult) -> dict:
    return {
        "carrier_id": r.carrier_id,
        "carrier": r.name,
        "type": r.kind,
        "score": r.score,
        "grade": r.grade.grade,
        "rank": r.rank,
        "fails_in_a_row": r.fails_in_a_row,
        "previous_score": r.previous_score,
        "previous_rank": r.previous_rank,
        "subsidy": r.grade.subsidy if not r.cancelled else 0.0,
        "cancelled": r.cancelled,
        "indicators": [ln.__dict__ for ln in r.lines],
    }


@router.get("/carriers/evaluation", response={200: CarrierEvaluationOut, **UNAUTHORIZED, **NOT_FOUND})
def evaluation(request, query: Query[CarrierEvaluationQuery]):
    """Score, grade and rank of the carriers you see under a scheme (ranks are over all its carriers)."""
    scheme = schemes().get(query.scheme or "district-incubator")
    if scheme is None:
        raise Http404("no such scheme")
    result = cached_evaluation(query.year, scheme)
    seen = set(visible_carriers(request.auth).values_list("pk", flat=True))
    return {
        "scheme": scheme.id,
        "version": scheme.version,
        "year": query.year,
        "carriers": [_result(r) for r in result.results if r.carrier_id in seen],
    }


class CarrierImportIn(Schema):
    year: Year
    skip_invalid: bool = Field(False, description="import the valid rows and report the rest")
    dry_run: bool = Field(False, description="validate only; store nothing")


class CarrierImportOut(Schema):
    import_id: int
    status: str
    report: dict = Field(
        description="the import report, as `zerobay import carrier-annual --format json` prints it"
    )


@router.post(
    "/carriers/statistics",
    response={
        201: CarrierImportOut,
        200: CarrierImportOut,
        400: Error,
        403: Error,
        413: Error,
        422: CarrierImportOut,
        **UNAUTHORIZED,
    },
)
def file_carrier_statistics(request, file: File[UploadedFile], data: Form[CarrierImportIn]):
    """File a carrier-annual workbook through the statistics pipeline: a carrier operator for its
    own carrier (rows naming another are errors), staff for the carriers of their scope. 201 when
    imported, 200 for a clean dry run, 422 with the report when rows were refused."""
    user = request.auth
    if not may_import(user):
        return Status(403, {"detail": _("Your role cannot file carrier statistics.")})
    if file.size > settings.ZEROBAY_MAX_UPLOAD_BYTES:
        return Status(413, {"detail": _("The file is too large.")})
    try:
        batch, report = file_statistics(
            user=user,
            source=file,
            original_name=file.name or "upload",
            year=data.year,
            skip_invalid=data.skip_invalid,
            dry_run=data.dry_run,
            channel=ImportBatch.Channel.API,
        )
    except ImportRefused as exc:
        return Status(400, {"detail": str(exc)})
    status = 422 if report.exit_status(data.skip_invalid) else (200 if data.dry_run else 201)
    return Status(status, {"import_id": batch.pk, "status": batch.status, "report": report.as_dict()})


@router.get("/carriers/{int:carrier_id}", response={200: CarrierDetailOut, **UNAUTHORIZED, **NOT_FOUND})
def carrier_detail(request, carrier_id: int):
    """One carrier you see: its record and recognitions."""
    c = access_carrier_by_pk(request.auth, carrier_id)
    return {
        **{
            k: getattr(c, k)
            for k in ("id", "name", "kind", "level", "focus", "quality", "uscc", "operator", "address")
        },
        "org_unit": c.org_unit.code if c.org_unit_id else None,
        "space_m2": float(c.space_m2) if c.space_m2 is not None else None,
        "incubation_space_m2": float(c.incubation_space_m2) if c.incubation_space_m2 is not None else None,
        "recognitions": list(c.recognitions.all()),
    }


@router.get(
    "/carriers/{int:carrier_id}/statistics", response={200: list[CarrierYearOut], **UNAUTHORIZED, **NOT_FOUND}
)
def carrier_statistics(request, carrier_id: int):
    """The carrier's annual statements, each verifiable figure beside the residents' own."""
    c = access_carrier_by_pk(request.auth, carrier_id)
    years, rows, statements = pages.statements_over_years(c, scheme_for_kind(c.kind))
    return [
        {
            "year": s.year,
            "source": f"import #{s.batch_id} row {s.source_row}",
            "revision": s.revision,
            "figures": [
                {
                    "key": row.key,
                    "label": row.label,
                    "stated": None if row.cells[i].stated is None else float(row.cells[i].stated),
                    "verified": row.cells[i].computed,
                    "flagged": row.cells[i].flagged,
                }
                for row in rows
            ],
        }
        for i, s in enumerate(statements)
    ]


@router.get(
    "/carriers/{int:carrier_id}/residents",
    response={200: list[CarrierResidentOut], **UNAUTHORIZED, **NOT_FOUND},
)
@paginate(Page)
def carrier_residents(request, carrier_id: int, query: Query[CarrierYearQuery]):
    """The carrier's residents with their graduation by the end of `year`."""
    c = access_carrier_by_pk(request.auth, carrier_id)
    return _ResidentPage(
        Residency.objects.filter(carrier=c).select_related("enterprise").order_by("-entered_on", "id"),
        query.year,
    )


class _ResidentPage:
    """A residency queryset the paginator slices; graduation is computed for the slice only."""

    def __init__(self, queryset, year: int):
        self.queryset, self.year = queryset, year

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        lines = pages.residents_page(self.queryset[item], self.year)
        return [
            {
                "uscc": ln.residency.enterprise.uscc,
                "name": ln.residency.enterprise.name,
                "entered_on": ln.residency.entered_on,
                "left_on": ln.residency.left_on,
                "area_m2": float(ln.residency.area_m2) if ln.residency.area_m2 is not None else None,
                "graduated_on": ln.graduation.on if ln.graduation else None,
                "criterion": ln.graduation.criterion if ln.graduation else None,
                "declared_graduated_on": ln.residency.declared_graduated_on,
            }
            for ln in lines
        ]


@router.get(
    "/carriers/{int:carrier_id}/evaluation", response={200: CarrierResultOut, **UNAUTHORIZED, **NOT_FOUND}
)
def carrier_evaluation(request, carrier_id: int, query: Query[CarrierYearQuery]):
    """The carrier's own evaluation breakdown for `year` under the scheme of its kind."""
    c = access_carrier_by_pk(request.auth, carrier_id)
    found = pages.carrier_evaluation(c, query.year)
    if found is None:
        raise Http404("no scheme applies to this carrier")
    return _result(found[1])
