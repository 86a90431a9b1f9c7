"""JSON endpoints of enterprise cultivation: the qualification rules, screening, an enterprise's
ladder and criteria, the certificate watch. Scoped like the pages: a sub-park operator screens its
own subtree; an unknown and a forbidden org unit or enterprise answer the same 404."""

import datetime
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from zerobay.api_schemas import Error

from .access import access_cultivated_enterprise_by_uscc, access_scope_by_org_code
from .certificates import certificate_watch
from .ladder import enterprise_ladder
from .rules import RULES
from .services import enterprise_qualifications, screen_scope

router = Router(tags=["cultivation"])
Qualification = Literal["tsme", "hte", "innovative_sme", "srdi_sme", "little_giant", "above_scale"]


class CriterionOut(Schema):
    id: str
    label: str
    met: bool | None = Field(description="null: the data cannot decide (to be confirmed)")
    value: Any = None
    threshold: Any = None
    message: str


class ScreenedEnterprise(Schema):
    uscc: str
    name: str
    org_unit: str | None
    status: Literal["holds", "eligible", "near", "not_eligible"]
    criteria: list[CriterionOut]


class ScreeningOut(Schema):
    qualification: str
    as_of: datetime.date
    count: int = Field(description="enterprises of the requested status (before limit/offset)")
    counts: dict[str, int] = Field(description="enterprises per status in scope")
    enterprises: list[ScreenedEnterprise]


class ScreenFilter(Schema):
    qualification: Qualification
    as_of: datetime.date | None = Field(None, description="default: today")
    org_unit: str | None = Field(None, description="org-unit code; its whole subtree")
    status: Literal["holds", "eligible", "near", "not_eligible"] | None = None
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class RuleOut(Schema):
    id: str
    name: str
    source: str
    criteria: list[dict]


class RungOut(Schema):
    code: str
    name: str


class EnterpriseCultivationOut(Schema):
    uscc: str
    name: str
    as_of: datetime.date
    rung: RungOut
    next_rung: RungOut | None
    next_rung_status: str | None
    lacks: list[CriterionOut]
    qualifications: list[ScreeningOut]


def _path(user, org_unit: str | None) -> str:
    return access_scope_by_org_code(user, org_unit)[0]


@router.get("/cultivation/rules", response={200: list[RuleOut], 401: Error})
def list_rules(request):
    """The qualification rules: their criteria and the official document each follows."""
    return [
        {
            "id": r.id,
            "name": r.name,
            "source": r.source,
            "criteria": [{"id": c.id, "label": c.label, "decisive": c.decisive} for c in r.criteria],
        }
        for r in RULES.values()
    ]


@router.get("/cultivation/screen", response={200: ScreeningOut, 401: Error, 404: Error})
def screen_enterprises(request, filters: Query[ScreenFilter]):
    """Enterprises of your scope against one qualification, with each criterion's value, threshold and gap."""
    path = _path(request.auth, filters.org_unit)
    day = filters.as_of or timezone.localdate()
    found = screen_scope(filters.qualification, day, path, status=filters.status)
    return found.as_dict(filters.offset, filters.limit)


@router.get(
    "/cultivation/enterprises/{uscc}", response={200: EnterpriseCultivationOut, 401: Error, 404: Error}
)
def enterprise_cultivation(request, uscc: str, as_of: datetime.date | None = None):
    """One enterprise: its rung on the ladder, the next rung and what it lacks, and every qualification's criteria."""
    enterprise = access_cultivated_enterprise_by_uscc(request.auth, uscc)
    day = as_of or timezone.localdate()
    ladder = enterprise_ladder(enterprise, day)
    qualifications = [
        {**result.as_dict(), "count": 1, "counts": result.counts()}
        for result in enterprise_qualifications(enterprise, day)
    ]
    nxt = ladder["next"]
    return {
        "uscc": enterprise.uscc,
        "name": enterprise.name,
        "as_of": day,
        "rung": {"code": ladder["rung"].code, "name": ladder["rung"].name},
        "next_rung": {"code": nxt.code, "name": nxt.name} if nxt else None,
        "next_rung_status": ladder["status"],
        "lacks": ladder["lacks"],
        "qualifications": qualifications,
    }


@router.get("/cultivation/certificates", response={200: dict, 401: Error, 404: Error})
def certificates(
    request,
    as_of: datetime.date | None = None,
    within_days: int = Query(180, ge=1, le=1100),
    org_unit: str | None = None,
):
    """HTE certificates expiring within the window and whether each would qualify again; the year-end
    projection against the published target; qualifications revoked after a check."""
    path = _path(request.auth, org_unit)
    return certificate_watch(as_of or timezone.localdate(), within_days, path)
