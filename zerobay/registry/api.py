"""Registry endpoints: enterprises, qualifications, the org-unit tree. Every query starts from
zerobay.registry.access, so a scoped user sees its own subtree only."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zerobay.api_schemas import UNAUTHORIZED, Page, choices

from . import filters
from .access import visible_carriers, visible_enterprises, visible_org_units
from .carriers import filter_carriers
from .models import Carrier, Enterprise, Industry, OrgUnit, Qualification, QualificationType

router = Router()


# -- schemas ----------------------------------------------------------------------------------


OrgUnitKind = choices(OrgUnit.Kind)
CarrierKind = choices(Carrier.Kind)


class OrgUnitRef(Schema):
    code: str
    name: str


class QualificationOut(Schema):
    kind: QualificationType
    kind_label: str
    certificate_no: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    valid_today: bool

    @staticmethod
    def resolve_kind_label(obj: Qualification) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_valid_today(obj: Qualification) -> bool:
        return obj.is_valid_on(timezone.localdate())


class EnterpriseOut(Schema):
    uscc: str
    name: str
    org_unit: OrgUnitRef | None
    founded: datetime.date | None
    above_scale: bool
    industries: list[str] = Field(description="industry codes (tracks and park classes)")
    qualifications: list[QualificationOut]

    @staticmethod
    def resolve_industries(obj: Enterprise) -> list[str]:
        return [i.code for i in obj.industries.all()]

    @staticmethod
    def resolve_qualifications(obj: Enterprise) -> list[Qualification]:
        return list(obj.qualifications.all())


class EnterpriseRef(Schema):
    uscc: str
    name: str


class QualificationItem(QualificationOut):
    enterprise: EnterpriseRef


class OrgUnitOut(Schema):
    code: str
    name: str
    name_en: str
    kind: OrgUnitKind
    parent: str | None = Field(description="code of the parent unit; null at the top of what you see")


# -- filters ----------------------------------------------------------------------------------


class EnterpriseFilter(Schema):
    q: str | None = Field(None, description="part of the name or of the USCC")
    org_unit: str | None = Field(None, description="org-unit code; its whole subtree")
    track: str | None = Field(
        None, description="industry code; a field or sector includes everything under it"
    )
    qualification: QualificationType | None = Field(None, description="holds it, valid today")
    above_scale: bool | None = None


class QualificationFilter(Schema):
    kind: QualificationType | None = None
    valid_on: datetime.date | None = Field(None, description="valid on this day")
    org_unit: str | None = Field(None, description="org-unit code; its whole subtree")


def in_subtree(qs: QuerySet, code: str, path_field: str) -> QuerySet:
    """`qs` limited to the subtree of the org unit `code` (nothing for an unknown code)."""
    unit = OrgUnit.objects.filter(code=code).only("path").first()
    return qs.filter(**{f"{path_field}__startswith": unit.path}) if unit else qs.none()


def filter_enterprises(qs: QuerySet[Enterprise], f: EnterpriseFilter) -> QuerySet[Enterprise]:
    """The list page's filters (registry.filters); an unknown unit or industry code finds nothing."""
    org_unit = industry = None
    if f.org_unit and (org_unit := OrgUnit.objects.filter(code=f.org_unit).first()) is None:
        return qs.none()
    if f.track and (industry := Industry.objects.filter(code=f.track).first()) is None:
        return qs.none()
    wanted = filters.EnterpriseFilter(
        q=f.q or "",
        org_unit=org_unit,
        industry=industry,
        qualification=f.qualification or "",
        above_scale=f.above_scale,
    )
    return filters.filter_enterprises(qs, wanted, today=timezone.localdate())


def enterprise_queryset(user) -> QuerySet[Enterprise]:
    """The user's enterprises with what EnterpriseOut reads, in a stable order."""
    return (
        visible_enterprises(user)
        .select_related("org_unit")
        .prefetch_related("industries", "qualifications")
        .order_by("name", "id")
    )


# -- endpoints --------------------------------------------------------------------------------


@router.get("/enterprises", response={200: list[EnterpriseOut], **UNAUTHORIZED}, tags=["enterprises"])
@paginate(Page)
def list_enterprises(request, filters: Query[EnterpriseFilter]):
    """Enterprises of your org-unit subtree."""
    return filter_enterprises(enterprise_queryset(request.auth), filters)


@router.get(
    "/qualifications", response={200: list[QualificationItem], **UNAUTHORIZED}, tags=["qualifications"]
)
@paginate(Page)
def list_qualifications(request, filters: Query[QualificationFilter]):
    """Qualifications (HTE, 专精特新, 小巨人, ...) of the enterprises you see."""
    qs = Qualification.objects.filter(enterprise__in=visible_enterprises(request.auth))
    qs = qs.select_related("enterprise")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.valid_on:
        qs = qs.valid_on(filters.valid_on)
    if filters.org_unit:
        qs = in_subtree(qs, filters.org_unit, "enterprise__org_path")
    return qs.order_by("kind", "enterprise__name", "id")


@router.get("/org-units", response={200: list[OrgUnitOut], **UNAUTHORIZED}, tags=["org units"])
def list_org_units(request):
    """The org-unit tree you see, parents before children."""
    units = list(visible_org_units(request.auth).select_related("parent").order_by("path"))
    visible = {u.pk for u in units}
    return [
        {
            "code": u.code,
            "name": u.name,
            "name_en": u.name_en,
            "kind": u.kind,
            "parent": u.parent.code if u.parent_id in visible else None,
        }
        for u in units
    ]


class CarrierOut(Schema):
    name: str
    kind: str
    level: str
    operator: str
    org_unit: str | None = Field(None, description="org-unit code")
    source: str = Field(description="the document that names it")

    @staticmethod
    def resolve_org_unit(obj: Carrier) -> str | None:
        return obj.org_unit.code if obj.org_unit_id else None


class CarrierFilter(Schema):
    q: str | None = Field(None, description="part of the name or operator")
    kind: CarrierKind | None = None
    org_unit: str | None = Field(None, description="org-unit code; its whole subtree")


@router.get("/carriers", response={200: list[CarrierOut], **UNAUTHORIZED}, tags=["carriers"])
@paginate(Page)
def list_carriers(request, filters: Query[CarrierFilter]):
    """Innovation carriers (incubators, university science parks, new R&D institutions, ...) you see."""
    org_unit = None
    if filters.org_unit and (org_unit := OrgUnit.objects.filter(code=filters.org_unit).first()) is None:
        return Carrier.objects.none()
    return filter_carriers(
        visible_carriers(request.auth), q=filters.q or "", kind=filters.kind or "", org_unit=org_unit
    )


__all__ = ["EnterpriseOut", "enterprise_queryset", "router"]
