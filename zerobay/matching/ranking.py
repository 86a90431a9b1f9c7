"""The hall's stored items as engine documents, and the rankings built on the engine: achievements
for a demand, demands for an achievement, registry enterprises for an achievement (成果找企业), and
the hall's free-text search.

An index is built per candidate set; the last few are kept, keyed by what they were built from
(keys, and the latest change), so that a page view does not rebuild an unchanged index. The cache
is only a speed-up: each process builds its own, nothing depends on it being shared.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet

from zerobay.registry.models import Enterprise, QualificationType

from .access import public_achievements
from .engine import Doc, Hit, Matcher
from .models import Achievement, Demand, split_list

CACHE_SIZE = 8
_indexes: OrderedDict = OrderedDict()


def achievement_doc(a: Achievement) -> Doc:
    return Doc(
        key=a.code,
        title=a.title,
        text=a.abstract,
        field=a.field.name if a.field_id else a.field_text,
        track=a.track.name if a.track_id else "",
        maturity=a.trl,
        keywords=tuple(split_list(a.keywords)),
        extra=" ".join([a.holder, *a.transfer_mode_labels()]),
    )


def demand_doc(d: Demand) -> Doc:
    return Doc(
        key=d.code,
        title=d.title,
        text=d.description,
        field=d.field.name if d.field_id else d.industry_text,
        track=d.track.name if d.track_id else "",
        extra=d.cooperation,
    )


def _matcher(queryset: QuerySet, to_doc) -> Matcher:
    """The index over `queryset`, from the cache when nothing in it changed since it was built."""
    queryset = queryset.select_related("field", "track").order_by("pk")
    state = queryset.aggregate(latest=Max("updated_at"))["latest"]
    keys = tuple(queryset.values_list("pk", flat=True))
    cache_key = (queryset.model.__name__, keys, state)
    if cache_key in _indexes:
        _indexes.move_to_end(cache_key)
        return _indexes[cache_key]
    matcher = Matcher([to_doc(obj) for obj in queryset])
    _indexes[cache_key] = matcher
    while len(_indexes) > CACHE_SIZE:
        _indexes.popitem(last=False)
    return matcher


def achievements_for_demand(demand: Demand, achievements: QuerySet[Achievement], top: int = 10) -> list[Hit]:
    return _matcher(achievements, achievement_doc).search(demand_doc(demand), top=top)


def demands_for_achievement(achievement: Achievement, demands: QuerySet[Demand], top: int = 10) -> list[Hit]:
    return _matcher(demands, demand_doc).search(achievement_doc(achievement), top=top)


def search_achievements(text: str, achievements: QuerySet[Achievement], top: int = 200) -> list[Hit]:
    return _matcher(achievements, achievement_doc).search(Doc(key="q", title=text), top=top)


def search_demands(text: str, demands: QuerySet[Demand], top: int = 200) -> list[Hit]:
    return _matcher(demands, demand_doc).search(Doc(key="q", title=text), top=top)


# ---------------------------------------------------------------- 成果找企业


@dataclass
class EnterpriseFit:
    enterprise: Enterprise
    score: float
    reasons: list[str]


TRACK_POINTS, FIELD_POINTS, HTE_POINTS, SCALE_POINTS = 3.0, 1.5, 1.0, 0.5


def enterprises_for_achievement(
    achievement: Achievement, enterprises: QuerySet[Enterprise], *, today: datetime.date, top: int = 10
) -> list[EnterpriseFit]:
    """Registry enterprises whose tracks fit the achievement's, ranked by fit: same track, same
    field, then a valid high-tech enterprise certificate (able to absorb the technology) and above
    designated size (able to pay for it). The reasons say which held."""
    track, field = (
        achievement.track,
        achievement.field or (achievement.track.parent.parent if achievement.track else None),
    )
    if track is None and field is None:
        return []
    codes = [c for c in (track.code if track else None, field.code if field else None) if c]
    candidates = enterprises.filter(
        Q(industries__code__in=codes) | Q(industries__parent__parent__code__in=codes)
    ).distinct()
    hte_ids = set(
        candidates.filter(qualifications__kind=QualificationType.HTE)
        .filter(qualifications__valid_from__lte=today, qualifications__valid_to__gte=today)
        .values_list("pk", flat=True)
    )
    fits = []
    for e in candidates.prefetch_related("industries__parent__parent")[:2000]:
        tracks = {i.code: i for i in e.industries.all()}
        fields = {
            i.parent.parent.code: i.parent.parent for i in tracks.values() if i.parent and i.parent.parent
        }
        score, reasons = 0.0, []
        if track and track.code in tracks:
            score += TRACK_POINTS
            reasons.append(f"赛道一致：{track.name}")
        elif field and (field.code in fields or field.code in tracks):
            score += FIELD_POINTS
            reasons.append(f"领域一致：{field.name}")
        else:
            continue
        if e.pk in hte_ids:
            score += HTE_POINTS
            reasons.append("有效期内高新技术企业，具备承接能力")
        if e.above_scale:
            score += SCALE_POINTS
            reasons.append("规模以上企业")
        fits.append(EnterpriseFit(e, score, reasons))
    fits.sort(key=lambda f: (-f.score, f.enterprise.name))
    return fits[:top]


def suggestions_for_demand(demand, *, top: int = 10) -> list[dict]:
    """The published achievements ranked for `demand`, as plain rows (code, title, score, reasons)."""
    hits = achievements_for_demand(demand, public_achievements(), top=top)
    titles = dict(public_achievements().filter(code__in=[h.key for h in hits]).values_list("code", "title"))
    return [
        {"achievement": h.key, "title": titles.get(h.key, ""), "score": h.score, "reasons": list(h.reasons)}
        for h in hits
    ]
