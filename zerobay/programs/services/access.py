"""Who sees and acts on which application.

An enterprise user sees its own enterprise's applications; district admins, operators and viewers
see the applications of their org-unit scope (the enterprise's org path, copied on the application);
an expert sees only the applications assigned to them on which they have no conflict of interest;
a finance officer sees the applications from approval on (within its scope). Views and endpoints load
applications only through `get_application`, so a missing one and a forbidden one both give 404.
"""

from django.db.models import QuerySet
from django.http import Http404

from zerobay.accounts.models import Role
from zerobay.accounts.scope import within_scope

from ..models import Application, ConflictOfInterest, ExpertProfile
from ..workflow import State

# States from which finance officers see an application (it has an approved amount).
FUNDED_STATES = (State.APPROVED, State.PAYING, State.PAID, State.CLOSED)
# Roles that see the applications of their scope (read-only for viewers).
SCOPED_ROLES = (Role.DISTRICT_ADMIN, Role.OPERATOR, Role.VIEWER)


def can_manage(user) -> bool:
    """Staff who run calls, formal checks, reviews and batches: district admins and operators."""
    return bool(user.is_authenticated and (user.is_district_admin or user.role == Role.OPERATOR))


def is_finance(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.FINANCE)


def conflicted_enterprise_ids(expert) -> set[int]:
    """The enterprises an expert is tied to: declared conflicts and the affiliated enterprise."""
    ids = set(ConflictOfInterest.objects.filter(expert=expert).values_list("enterprise_id", flat=True))
    affiliated = (
        ExpertProfile.objects.filter(user=expert, affiliated_enterprise__isnull=False)
        .values_list("affiliated_enterprise_id", flat=True)
        .first()
    )
    if affiliated:
        ids.add(affiliated)
    return ids


def visible_applications(user) -> QuerySet[Application]:
    apps = Application.objects.all()
    if not user.is_authenticated:
        return apps.none()
    if user.is_superuser or user.is_district_admin:
        return apps
    if user.role == Role.ENTERPRISE:
        return apps.filter(enterprise_id=user.enterprise_id) if user.enterprise_id else apps.none()
    if user.role == Role.EXPERT:
        return apps.filter(assignments__expert=user).exclude(
            enterprise_id__in=conflicted_enterprise_ids(user)
        )
    if user.role == Role.FINANCE:
        return within_scope(apps.filter(state__in=FUNDED_STATES), user, "org_path")
    if user.role in SCOPED_ROLES:
        return within_scope(apps, user, "org_path")
    return apps.none()


def get_application(user, code: str) -> Application:
    """The application if `user` may see it; Http404 for missing and forbidden alike."""
    try:
        return (
            visible_applications(user)
            .select_related("call", "clause", "clause__policy", "enterprise", "batch")
            .get(code=code)
        )
    except Application.DoesNotExist:
        raise Http404("No such application") from None


def actor_roles(user, application: Application) -> set[str]:
    """The workflow roles (see workflow.py) `user` holds on `application`."""
    if not user.is_authenticated:
        return set()
    roles = set()
    if (
        user.role == Role.ENTERPRISE
        and user.enterprise_id
        and user.enterprise_id == application.enterprise_id
    ):
        roles.add("enterprise")
    in_scope = within_scope(Application.objects.filter(pk=application.pk), user, "org_path").exists()
    if can_manage(user) and in_scope:
        roles.add("staff")
    if is_finance(user) and in_scope:
        roles.add("finance")
    if (
        user.role == Role.EXPERT
        and application.assignments.filter(expert=user).exists()
        and application.enterprise_id not in conflicted_enterprise_ids(user)
    ):
        roles.add("expert")
    return roles
