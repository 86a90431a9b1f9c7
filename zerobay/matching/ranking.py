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

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from zerobay.registry.models import Enterprise, Qualification, QualificationType
from zerobay.web.versions import per_version, query_key

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
    designated size (able to pay for it); ties by name. The reasons say which held.

    Computed once per data version (registry and certificates change only then) for the track, the
    field and the reader's enterprises (the query's own SQL tells scopes apart)."""
    readers = query_key(enterprises)
    if readers is None:
        return []
    parts = (achievement.track_id, achievement.field_id, today, top, readers)
    ranked = per_version(
        "matching:fits",
        parts,
        lambda: [
            (f.enterprise.pk, f.score, f.reasons) for f in _ranked(achievement, enterprises, today, top)
        ],
    )
    found = enterprises.in_bulk([pk for pk, _score, _reasons in ranked])
    return [EnterpriseFit(found[pk], score, reasons) for pk, score, reasons in ranked if pk in found]


def _ranked(
    achievement: Achievement, enterprises: QuerySet[Enterprise], today: datetime.date, top: int
) -> list[EnterpriseFit]:
    """The ranking itself. The score takes a few values only, so it asks the database for each value
    in turn, best first, each time at most `top` enterprises ordered by name."""
    track, field = (
        achievement.track,
        achievement.field or (achievement.track.parent.parent if achievement.track else None),
    )
    if track is None and field is None:
        return []
    links = Enterprise.industries.through.objects.filter(enterprise_id=OuterRef("pk"))
    on_field = (
        Exists(links.filter(Q(industry__code=field.code) | Q(industry__parent__parent__code=field.code)))
        if field
        else None
    )
    on_track = Exists(links.filter(industry__code=track.code)) if track else None
    hte = Exists(
        Qualification.objects.filter(
            enterprise_id=OuterRef("pk"),
            kind=QualificationType.HTE,
            valid_from__lte=today,
            valid_to__gte=today,
        )
    )
    tiers = []  # (score, filter, reasons), every combination the score can take
    for fit, points, reason in (
        (on_track, TRACK_POINTS, f"赛道一致：{track.name}" if track else ""),
        (on_field, FIELD_POINTS, f"领域一致：{field.name}" if field else ""),
    ):
        if fit is None:
            continue
        # Only on the field: a firm on the track is counted with the track's points, not again.
        base = fit & ~on_track if fit is on_field and on_track is not None else fit
        for has_hte in (True, False):
            for big in (True, False):
                condition = base & (hte if has_hte else ~hte) & Q(above_scale=big)
                score = points + HTE_POINTS * has_hte + SCALE_POINTS * big
                reasons = [reason] + ["有效期内高新技术企业，具备承接能力"] * has_hte + ["规模以上企业"] * big
                tiers.append((score, condition, reasons))
    fits: list[EnterpriseFit] = []
    for score in sorted({t[0] for t in tiers}, reverse=True):
        need = top - len(fits)
        if need <= 0:
            break
        level = [
            EnterpriseFit(e, score, reasons)
            for s, condition, reasons in tiers
            if s == score
            for e in enterprises.filter(condition).order_by("name", "pk")[:need]
        ]
        level.sort(key=lambda f: (f.enterprise.name, f.enterprise.pk))
        fits += level[:need]
    return fits


def suggestions_for_demand(demand, *, top: int = 10) -> list[dict]:
    """The published achievements ranked for `demand`, as plain rows (code, title, score, reasons)."""
    hits = achievements_for_demand(demand, public_achievements(), top=top)
    titles = dict(public_achievements().filter(code__in=[h.key for h in hits]).values_list("code", "title"))
    return [
        {"achievement": h.key, "title": titles.get(h.key, ""), "score": h.score, "reasons": list(h.reasons)}
        for h in hits
    ]
