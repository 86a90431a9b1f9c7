"""JSON endpoints of the achievements hall. Every query starts from matching.access: a caller sees
published achievements and open demands, plus (an enterprise) its own, or (hall staff) everything;
a draft is a 404 to anyone else. Suggested matches are for hall staff only."""

import datetime

from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zerobay.api_schemas import UNAUTHORIZED, Error, Page, choices

from . import access, ranking
from .models import Achievement, Demand

router = Router(tags=["matching"])


class AchievementOut(Schema):
    code: str
    title: str
    abstract: str
    field: str = Field(description="plan field name, or the field as written")
    track: str | None = Field(description="registry track code")
    trl: int | None
    stage: str
    holder: str
    transfer_modes: list[str]
    keywords: list[str]
    status: choices(Achievement.Status)  # type: ignore[valid-type]
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_field(obj: Achievement) -> str:
        return obj.field.name if obj.field_id else obj.field_text

    @staticmethod
    def resolve_track(obj: Achievement) -> str | None:
        return obj.track.code if obj.track_id else None

    @staticmethod
    def resolve_transfer_modes(obj: Achievement) -> list[str]:
        return obj.transfer_mode_list

    @staticmethod
    def resolve_keywords(obj: Achievement) -> list[str]:
        return obj.keyword_list


class DemandOut(Schema):
    code: str
    title: str
    description: str
    industry: str = Field(description="plan field name, or the industry as written")
    track: str | None
    enterprise: str = Field(description="the enterprise that raised it")
    budget_yuan: float | None = Field(description="yuan (元)")
    cooperation: str
    deadline: datetime.date | None
    challenge: str | None = Field(description="the challenge list (揭榜挂帅) it is on")
    status: choices(Demand.Status)  # type: ignore[valid-type]

    @staticmethod
    def resolve_industry(obj: Demand) -> str:
        return obj.field.name if obj.field_id else obj.industry_text

    @staticmethod
    def resolve_track(obj: Demand) -> str | None:
        return obj.track.code if obj.track_id else None

    @staticmethod
    def resolve_enterprise(obj: Demand) -> str:
        return obj.owner_name

    @staticmethod
    def resolve_budget_yuan(obj: Demand) -> float | None:
        return None if obj.budget_yuan is None else float(obj.budget_yuan)

    @staticmethod
    def resolve_challenge(obj: Demand) -> str | None:
        return obj.challenge.title if obj.challenge_id else None


class MatchOut(Schema):
    achievement: str = Field(description="成果编号")
    title: str
    score: float
    reasons: list[str]


class HallFilter(Schema):
    q: str | None = Field(None, description="free text, ranked by the matching engine")
    field: str | None = Field(None, description="plan field code, e.g. INTL")
    track: str | None = Field(None, description="track code, e.g. INTL-AI-EMB")
    status: str | None = None


def _filtered(qs, f: HallFilter):
    qs = qs.select_related("field", "track")
    if f.field:
        qs = qs.filter(Q(field__code=f.field) | Q(track__parent__parent__code=f.field))
    if f.track:
        qs = qs.filter(track__code=f.track)
    if f.status:
        qs = qs.filter(status=f.status)
    return qs


def _ranked_list(qs, hits):
    objects = {o.code: o for o in qs.filter(code__in=[h.key for h in hits])}
    return [objects[h.key] for h in hits if h.key in objects]


@router.get("/hall/achievements", response={200: list[AchievementOut], **UNAUTHORIZED})
@paginate(Page)
def list_achievements(request, filters: Query[HallFilter]):
    qs = _filtered(access.visible_achievements(request.auth), filters)
    if filters.q:
        return _ranked_list(qs, ranking.search_achievements(filters.q, qs))
    return qs.order_by("-published_at", "-id")


@router.get("/hall/achievements/{code}", response={200: AchievementOut, 404: Error, **UNAUTHORIZED})
def get_achievement(request, code: str):
    return access.access_achievement_by_code(
        request.auth, code, Achievement.objects.select_related("field", "track")
    )


@router.get("/hall/demands", response={200: list[DemandOut], **UNAUTHORIZED})
@paginate(Page)
def list_demands(request, filters: Query[HallFilter]):
    qs = _filtered(access.visible_demands(request.auth), filters).select_related("enterprise", "challenge")
    if filters.q:
        return _ranked_list(qs, ranking.search_demands(filters.q, qs))
    return qs.order_by("-published_at", "-id")


@router.get("/hall/demands/{code}", response={200: DemandOut, 404: Error, **UNAUTHORIZED})
def get_demand(request, code: str):
    return access.access_demand_by_code(
        request.auth, code, Demand.objects.select_related("field", "track", "enterprise", "challenge")
    )


@router.get("/hall/demands/{code}/matches", response={200: list[MatchOut], 404: Error, **UNAUTHORIZED})
def demand_matches(request, code: str, top: int = Query(10, ge=1, le=100)):
    """The published achievements ranked for a demand, with the reasons (hall staff only)."""
    if not access.is_hall_staff(request.auth):
        raise Http404("not found")
    demand = access.access_demand_by_code(request.auth, code, Demand.objects.select_related("field", "track"))
    return ranking.suggestions_for_demand(demand, top=top)
