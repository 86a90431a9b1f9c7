"""JSON endpoints of the monthly reporting chase (营收报库) and of 升规纳统, on the enterprises the caller sees."""

import datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from zerobay.api_schemas import UNAUTHORIZED, Error
from zerobay.registry.access import visible_enterprises
from zerobay.statistics import completeness as svc

from .. import upscale

router = Router(tags=["cultivation"])


class CompletenessQuery(Schema):
    form: str = Field("monthly", description="monthly")
    period: str = Field(..., description="the month, e.g. 2026-05")
    org_unit: str | None = Field(None, description="org-unit code; its whole subtree")
    as_of: datetime.date | None = Field(None, description="judge as things stood at the end of this day")


class GroupOut(Schema):
    org_unit: str
    name: str
    expected: int
    on_time: int
    late: int
    missing: int
    on_time_rate: float | None
    reported_rate: float | None


class Contact(Schema):
    name: str
    phone: str
    email: str
    user_emails: list[str]


class RowOut(Schema):
    uscc: str
    name: str
    org_unit: str
    subpark: str
    subpark_name: str
    status: str = Field(..., description="on_time, late or missing")
    reported_at: str | None
    days_late: int | None
    duty: str = Field(..., description="above_scale or required (flagged by staff)")
    contact: Contact


class CompletenessOut(Schema):
    form: str
    period: str
    deadline: datetime.date
    as_of: datetime.date
    expected: int
    on_time: int
    late: int
    missing: int
    on_time_rate: float | None
    reported_rate: float | None
    by_org_unit: list[GroupOut]
    enterprises: list[RowOut]


@router.get("/reporting/completeness", response={200: CompletenessOut, 400: Error, **UNAUTHORIZED})
def reporting_completeness(request, query: Query[CompletenessQuery]):
    """Who had to send the month's report, and who did on time, late or not at all (营收报库)."""
    if query.form not in svc.FORMS:
        raise HttpError(
            400,
            _("Unsupported report form: %(form)s (choose %(forms)s)")
            % {"form": query.form, "forms": ", ".join(svc.FORMS)},
        )
    try:
        period = svc.month_period(query.period)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    enterprises = visible_enterprises(request.auth)
    if query.org_unit:
        try:
            enterprises = svc.within_org_unit(enterprises, query.org_unit)
        except ValueError:
            enterprises = enterprises.none()  # as for an org unit outside the caller's scope
    result = svc.completeness(period, enterprises, as_of=query.as_of, form=svc.FORMS[query.form])
    return result.as_dict()


class CandidateOut(Schema):
    uscc: str
    name: str
    subpark: str
    subpark_name: str
    industry_code: str
    sector: str
    threshold: float | None = Field(..., description="yuan")
    month: int
    revenue_ytd: float = Field(..., description="yuan, January to `month`")
    projection: float = Field(..., description="yuan, full year")
    method: str = Field(..., description="seasonal or run_rate")
    basis: str
    status: str = Field(..., description="crossed, on_course, near or unknown_sector")
    gap: float | None
    monthly_needed: float | None


@router.get("/reporting/upscale", response={200: list[CandidateOut], **UNAUTHORIZED})
def upscale_candidates(request, year: int | None = None):
    """升规纳统: enterprises not yet above designated size on course to cross their sector's threshold."""
    return [c.as_dict() for c in upscale.candidates(visible_enterprises(request.auth), year=year)]
