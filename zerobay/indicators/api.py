"""Indicator endpoints: the definitions, the documents' conflicts, the sub-park evaluation, one
indicator (the contract of `zerobay indicators show`) and the drill-down to the enterprises behind a
computed value. Computed values are read only for org units inside the caller's subtree; an org
unit outside it answers 404, like a missing one."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from zerobay.api_schemas import UNAUTHORIZED, Error, Year
from zerobay.registry.access import visible_org_units

from . import evaluation, services
from .catalogue import catalogue
from .drill import PAGE_SIZE, drill_down

router = Router(tags=["indicators"])
NOT_FOUND = {404: Error, **UNAUTHORIZED}


# -- schemas ----------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: str = Field(examples=["park.rd_intensity"])
    name: str
    name_en: str
    unit: str = Field(description="unit of every value of the indicator (元, 万元, 亿元, %, 家, ...)")
    category: str
    direction: str = Field(description="higher | lower: which way is better")
    scope: str = Field(description="org-unit code the indicator is about")
    computed: bool = Field(description="computed from the imported reports (else published only)")
    formula: str | None
    periods: list[str]
    parts: list[str] = Field(description="indicators this one is the total of")
    note: str
    file: str = Field(description="the definitions file it is declared in")


class ConflictSourceOut(Schema):
    source: str
    published: str = Field(description="publication date of the source, YYYY-MM-DD")
    year: int
    kind: str = Field(description="actual | plan | target")
    value: float | None
    unit: str
    location: str


class ConflictOut(Schema):
    rule: str = Field(description="sources_disagree | implied_by_growth | rate_mismatch | parts_do_not_sum")
    indicator: str
    scope: str
    year: int
    message: str
    message_en: str
    values: dict[str, float]
    sources: list[ConflictSourceOut]


class FigureOut(Schema):
    indicator: str
    year: int
    value: float | None
    unit: str
    kind: str = Field(description="actual | plan | target")
    source: str = Field(description="file name of the source document")
    published: str = Field(description="publication date, YYYY-MM-DD")
    scope: str
    qualifier: str = Field(description="'' | about | at_least | more_than")
    growth: float | None = Field(description="stated year-on-year growth, percent")
    cagr: float | None = Field(description="stated compound annual growth, percent, since cagr_from")
    cagr_from: int | None
    location: str
    note: str
    title: str = Field(description="title of the source document")


class ComputedOut(Schema):
    indicator: str
    year: int
    period: str = Field(examples=["2025", "2025-Q1", "2025-03"])
    org_unit: str
    value: float | None
    unit: str
    enterprises: int


class RequiredOut(Schema):
    year: int
    target: float
    rate: float | None = Field(description="constant yearly growth required from the latest actual")


class ForecastPointOut(Schema):
    year: int
    value: float
    low: float | None
    high: float | None


class ForecastOut(Schema):
    method: str
    note: str
    points: list[ForecastPointOut]


class TrackingOut(Schema):
    scope: str
    basis: str = Field(description="computed | published | none")
    status: str = Field(description="achieved | on_track | at_risk | off_track | no_target | no_data")
    status_label: str
    rule: str = Field(description="the rule applied, with its figures (Chinese)")
    year: int | None
    value: float | None
    target_year: int | None
    target: float | None
    completion: float | None = Field(description="share of the target achieved (1 = 100 %)")
    change: float | None = Field(description="year-on-year change of the latest value (0.1 = +10 %)")
    required_growth: list[RequiredOut]
    forecast: ForecastOut


class IndicatorDetail(Schema):
    indicator: IndicatorOut
    org_unit: str | None
    year: int | None
    computed: list[ComputedOut]
    published: list[FigureOut]
    conflicts: list[ConflictOut]
    tracking: TrackingOut | None
    computed_at: str | None = Field(description="when the values were last computed (ISO 8601)")


class EvaluationCriterionOut(Schema):
    indicator: str
    direction: str
    weight: float | None = Field(description="expert weight, relative")


class EvaluationUnitOut(Schema):
    org_unit: str
    name: str
    rank: int
    score: float = Field(description="0-100")
    normalised: dict[str, float] = Field(description="indicator -> 0-100")
    values: dict[str, float | None] = Field(description="indicator -> value in its unit")
    missing: list[str] = Field(description="indicators without a value (scored 0)")


class EvaluationOut(Schema):
    year: int
    method: str
    weights: dict[str, float] = Field(description="indicator -> weight, summing to 1")
    criteria: list[EvaluationCriterionOut]
    notes: list[str]
    units: list[EvaluationUnitOut]


class EvaluationQuery(Schema):
    year: Year | None = Field(None, description="default: the latest year with annual reports")
    method: str = Field("expert", pattern="^(expert|entropy)$", description="expert | entropy")


class ShowQuery(Schema):
    year: Year | None = Field(None, description="only this year's computed values and published figures")
    org_unit: str | None = Field(None, description="org-unit code; default: the indicator's scope or yours")


class DrillQuery(Schema):
    org_unit: str | None = Field(None, description="org-unit code; default: the indicator's scope or yours")
    year: Year | None = Field(None, description="default: the latest computed year")
    period: str | None = Field(
        None, description="a quarter or month of a monthly indicator: 2025-Q1, 2025-03"
    )
    industry: str | None = Field(None, description="industry code (field or track)")
    page: int = Field(1, ge=1, le=1_000_000)


class TermOut(Schema):
    text: str = Field(description="the aggregate as written in the formula")
    label: str
    unit: str = Field(description="万元 for money, else empty")
    total: float | None = Field(description="over every row (all pages)")


class SourceRowOut(Schema):
    import_id: int
    file: str
    row: int
    revision: int


class DrillRowOut(Schema):
    uscc: str
    name: str
    org_unit: str | None = Field(description="org-unit code")
    values: list[float | None] = Field(description="per term; null where the enterprise is not in it")
    source: SourceRowOut | None = Field(description="the report row the values came from")


class DrillOut(Schema):
    indicator: str
    org_unit: str
    period: str
    industry: str | None
    unit: str
    value: float | None = Field(description="the formula over the rows' totals, in the indicator's unit")
    count: int = Field(description="rows on all pages")
    page: int
    pages: int
    page_size: int
    terms: list[TermOut]
    rows: list[DrillRowOut]


# -- endpoints --------------------------------------------------------------------------------


@router.get("/indicators", response={200: list[IndicatorOut], **UNAUTHORIZED})
def list_indicators(request):
    """Every indicator declared in the definitions files."""
    return [services.definition_dict(i) for i in catalogue()]


@router.get("/indicators/conflicts", response={200: list[ConflictOut], **UNAUTHORIZED})
def list_conflicts(request):
    """Where the published figures contradict each other or themselves, with every source."""
    return [services.conflict_dict(c) for c in services.all_conflicts()]


@router.get("/indicators/evaluation", response={200: EvaluationOut, **UNAUTHORIZED})
def get_evaluation(request, query: Query[EvaluationQuery]):
    """Composite evaluation of the sub-parks you see (园区综合评价): scores, ranks, weights."""
    year = query.year or services.default_year()
    method = query.method if query.method in evaluation.METHODS else "expert"
    return services.evaluation_dict(services.evaluate_subparks(request.auth, year, method))


@router.get("/indicators/{indicator_id}", response={200: IndicatorDetail, **NOT_FOUND})
def get_indicator(request, indicator_id: str, query: Query[ShowQuery]):
    """One indicator: definition, computed values, published figures with their sources,
    conflicts and tracking against the targets."""
    return services.show(indicator_id, request.auth, query.year, query.org_unit)


@router.get("/indicators/{indicator_id}/drilldown", response={200: DrillOut, **NOT_FOUND})
def get_drilldown(request, indicator_id: str, query: Query[DrillQuery]):
    """The enterprises and report rows behind a computed value, 50 a page, largest first."""
    d = drill_down(request.auth, indicator_id, query.org_unit, query.year, query.period, query.industry)
    indicator, unit, period, industry, terms, rows, totals = (
        d.indicator,
        d.unit,
        d.period,
        d.industry,
        d.terms,
        d.rows,
        d.totals,
    )
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(query.page, pages)
    codes = dict(visible_org_units(request.auth).values_list("id", "code"))
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {
        "indicator": indicator.id,
        "org_unit": unit.code,
        "period": str(period),
        "industry": industry.code if industry else None,
        "unit": indicator.unit,
        "value": totals["value"],
        "count": len(rows),
        "page": page,
        "pages": pages,
        "page_size": PAGE_SIZE,
        "terms": [
            {"text": t.text, "label": t.label, "unit": t.unit, "total": total}
            for t, total in zip(terms, totals["terms"], strict=True)
        ],
        "rows": [
            {
                "uscc": r.enterprise.uscc,
                "name": r.enterprise.name,
                "org_unit": codes.get(r.enterprise.org_unit_id),
                "values": r.values,
                "source": {
                    "import_id": r.report.batch_id,
                    "file": r.report.batch.original_name,
                    "row": r.report.source_row,
                    "revision": r.report.revision,
                }
                if r.report is not None
                else None,
            }
            for r in shown
        ],
    }
