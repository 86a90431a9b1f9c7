"""Who sees and edits what in the hall.

- Public visitors (and every other role): published achievements, open demands of published
  challenge lists or of none, published challenge lists. Nothing else, by page or endpoint.
- Enterprise users: the same, plus their own enterprise's demands and achievements in any status;
  they edit only those.
- Hall staff: the tech-transfer office (reviews and publishes, imports, organises events and
  challenge lists), technology managers (their board, the funnel) and district admins: everything.

Views load objects only through these functions; a missing object and a hidden one are the same 404.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from zerobay.accounts.models import Role

from .models import Achievement, ChallengeList, Demand, Match

PUBLIC_CHALLENGES = (ChallengeList.Status.PUBLISHED, ChallengeList.Status.CLOSED)


def is_hall_staff(user) -> bool:
    return user.is_authenticated and (
        user.is_district_admin or user.role in (Role.TECH_TRANSFER, Role.TECH_MANAGER)
    )


def can_review(user) -> bool:
    """The tech-transfer office: reviews and publishes achievements, imports, runs challenge lists."""
    return user.is_authenticated and (user.is_district_admin or user.role == Role.TECH_TRANSFER)


def can_work_funnel(user) -> bool:
    return is_hall_staff(user)


def own_enterprise_id(user) -> int | None:
    if user.is_authenticated and user.is_enterprise_user:
        return user.enterprise_id
    return None


def public_achievements() -> QuerySet[Achievement]:
    return Achievement.objects.filter(status=Achievement.Status.PUBLISHED)


def public_demands() -> QuerySet[Demand]:
    return Demand.objects.filter(status=Demand.Status.OPEN).filter(
        Q(challenge__isnull=True) | Q(challenge__status__in=PUBLIC_CHALLENGES)
    )


def public_challenges() -> QuerySet[ChallengeList]:
    return ChallengeList.objects.filter(status__in=PUBLIC_CHALLENGES)


def visible_achievements(user) -> QuerySet[Achievement]:
    if is_hall_staff(user):
        return Achievement.objects.all()
    if ent := own_enterprise_id(user):
        return Achievement.objects.filter(Q(status=Achievement.Status.PUBLISHED) | Q(enterprise_id=ent))
    return public_achievements()


def visible_demands(user) -> QuerySet[Demand]:
    if is_hall_staff(user):
        return Demand.objects.all()
    public = Q(pk__in=public_demands().values("pk"))
    if ent := own_enterprise_id(user):
        return Demand.objects.filter(public | Q(enterprise_id=ent))
    return Demand.objects.filter(public)


def visible_challenges(user) -> QuerySet[ChallengeList]:
    return ChallengeList.objects.all() if is_hall_staff(user) else public_challenges()


def visible_matches(user) -> QuerySet[Match]:
    return Match.objects.all() if is_hall_staff(user) else Match.objects.none()


def get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("not found") from None


def can_edit_demand(user, demand: Demand) -> bool:
    if can_review(user):
        return True
    ent = own_enterprise_id(user)
    return ent is not None and demand.enterprise_id == ent and demand.status != Demand.Status.CLOSED


def can_edit_achievement(user, achievement: Achievement) -> bool:
    """The tech-transfer office always; an enterprise user its own enterprise's while not yet published."""
    if can_review(user):
        return True
    ent = own_enterprise_id(user)
    return (
        ent is not None
        and achievement.enterprise_id == ent
        and achievement.status in (Achievement.Status.DRAFT, Achievement.Status.REVIEW)
    )
