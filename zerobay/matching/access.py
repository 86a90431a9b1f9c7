"""Who sees and edits what in the hall.

- Public visitors (and every other role): published achievements, open demands of published
  challenge lists or of none, published challenge lists. Nothing else, by page or endpoint.
- Enterprise users: the same, plus their own enterprise's demands and achievements in any status;
  they edit only those.
- Hall staff: the tech-transfer office (reviews and publishes, imports, organises events and
  challenge lists), technology managers (their board, the funnel) and district admins: everything.

Views load objects only through the `access_<noun>_by_<key>` loaders (zerobay/access.py conventions);
a missing object and a hidden one are the same 404. `can_edit_*` return a Decision (allowed, reason).
"""

from functools import wraps

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import pgettext_lazy

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.models import Role

from .models import Achievement, ChallengeList, ChallengeResponse, Demand, Match

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


# ---------------------------------------------------------------- loaders (404 for missing and hidden alike)


def access_achievement_by_code(user, code: str, queryset: QuerySet[Achievement] | None = None) -> Achievement:
    """The achievement `user` may see; `queryset` narrows or prefetches (it is scoped here)."""
    base = Achievement.objects.all() if queryset is None else queryset
    return load_or_404(base.filter(pk__in=visible_achievements(user).values("pk")), code=code)


def access_demand_by_code(user, code: str, queryset: QuerySet[Demand] | None = None) -> Demand:
    base = Demand.objects.all() if queryset is None else queryset
    return load_or_404(base.filter(pk__in=visible_demands(user).values("pk")), code=code)


def access_public_achievement_by_code(code: str) -> Achievement:
    return load_or_404(public_achievements(), code=code)


def access_public_demand_by_code(code: str, queryset: QuerySet[Demand] | None = None) -> Demand:
    base = public_demands() if queryset is None else queryset.filter(pk__in=public_demands().values("pk"))
    return load_or_404(base, code=code)


def access_challenge_by_pk(user, pk: int) -> ChallengeList:
    return load_or_404(visible_challenges(user), pk=pk)


def access_match_by_pk(user, pk: int, queryset: QuerySet[Match] | None = None) -> Match:
    base = Match.objects.all() if queryset is None else queryset
    return load_or_404(base.filter(pk__in=visible_matches(user).values("pk")), pk=pk)


def access_response_by_pk(user, pk: int) -> ChallengeResponse:
    """A response to a challenge list (the office selects; its page gate is can_select_response)."""
    return load_or_404(ChallengeResponse.objects.select_related("demand"), pk=pk)


def hall_staff_page(view):
    """Gate of the hall's staff pages (board, events, suggestions). Deliberately a 404, not the
    house's 403: the hall is public, and its staff pages are not to be found by outsiders."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_hall_staff(request.user):
            raise Http404("not found")
        return view(request, *args, **kwargs)

    return wrapped


# ---------------------------------------------------------------- checks


def can_see_funnel(user) -> Decision:
    """The funnel dashboard: hall staff, and whoever reads district-wide figures."""
    if is_hall_staff(user) or (user.is_authenticated and user.sees_district_data):
        return ALLOWED
    return refuse(pgettext_lazy("hall", "The funnel is for the hall staff and district-wide readers"))


def can_manage_hall_items(user) -> Decision:
    """The worklists of achievements and demands: hall staff (all), enterprise users (their own)."""
    if is_hall_staff(user) or own_enterprise_id(user):
        return ALLOWED
    return refuse(
        pgettext_lazy("hall", "Only hall staff and enterprise users manage achievements and demands")
    )


def can_select_response(user) -> Decision:
    if can_review(user):
        return ALLOWED
    return refuse(pgettext_lazy("hall", "Only the tech-transfer office selects responders"))


def can_edit_demand(user, demand: Demand) -> Decision:
    if can_review(user):
        return ALLOWED
    ent = own_enterprise_id(user)
    if ent is None or demand.enterprise_id != ent:
        return refuse(
            pgettext_lazy("hall", "Only the demand's enterprise and the tech-transfer office edit it")
        )
    if demand.status == Demand.Status.CLOSED:
        return refuse(pgettext_lazy("hall", "A closed demand can no longer be edited"))
    return ALLOWED


def can_edit_achievement(user, achievement: Achievement) -> Decision:
    """The tech-transfer office always; an enterprise user its own enterprise's while not yet published."""
    if can_review(user):
        return ALLOWED
    ent = own_enterprise_id(user)
    if ent is None or achievement.enterprise_id != ent:
        return refuse(
            pgettext_lazy("hall", "Only the achievement's enterprise and the tech-transfer office edit it")
        )
    if achievement.status not in (Achievement.Status.DRAFT, Achievement.Status.REVIEW):
        return refuse(pgettext_lazy("hall", "A published achievement is edited by the tech-transfer office"))
    return ALLOWED
