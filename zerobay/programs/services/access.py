"""Who sees and acts on which application.

An enterprise user sees its own enterprise's applications; district admins, operators and viewers
see the applications of their org-unit scope (the enterprise's org path, copied on the application);
an expert sees only the applications assigned to them on which they have no conflict of interest;
a finance officer sees the applications from approval on (within its scope). Views and endpoints load
applications only through `access_application_by_code` (alias `get_application`), so a missing one and
a forbidden one both give 404. The role checks `can_*` return a Decision (zerobay.access); pages gate
on them with `@role_required(...)` (403).
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.models import Role
from zerobay.accounts.scope import within_scope
from zerobay.registry.access import sees_whole_district

from ..models import Application, ConflictOfInterest, ExpertProfile
from ..workflow import State

# States from which finance officers see an application (it has an approved amount).
FUNDED_STATES = (State.APPROVED, State.PAYING, State.PAID, State.CLOSED)
# Roles that see the applications of their scope (read-only for viewers).
SCOPED_ROLES = (Role.DISTRICT_ADMIN, Role.OPERATOR, Role.VIEWER)


def can_manage(user) -> Decision:
    """Staff who run calls, formal checks, reviews and batches: district admins and operators."""
    if user.is_authenticated and (user.is_district_admin or user.role == Role.OPERATOR):
        return ALLOWED
    return refuse(_("Only district administrators and operators can do this."))


def is_finance(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.FINANCE)


def _finance_scope(apps: QuerySet[Application], user) -> QuerySet[Application]:
    """Finance sees no enterprise figures (accounts.scope), but the money of the funded projects:
    of the whole district, or of its org unit's subtree when it has one."""
    return apps.filter(org_path__startswith=user.org_unit.path) if user.org_unit_id else apps


def can_review(user) -> Decision:
    """The expert's own pages: assignments, score sheets, declared conflicts."""
    if user.is_authenticated and user.role == Role.EXPERT:
        return ALLOWED
    return refuse(_("Only review experts can do this."))


def can_view_district_work(user) -> Decision:
    """Pages of the district's own work (queues, batches, dashboards): district and sub-park staff
    and finance; not enterprises, experts, nor the hall's roles (who see no application: the
    dashboard would be all zeros for them)."""
    if user.is_authenticated and user.is_staff_member:
        return ALLOWED
    return refuse(_("This page is for district staff."))


def can_view_finance(user) -> Decision:
    """The finance list of approved projects: finance officers and the staff who run programmes."""
    if is_finance(user) or can_manage(user):
        return ALLOWED
    return refuse(_("Only finance officers, district administrators and operators can do this."))


def can_view_ranking(user) -> Decision:
    """A call's ranking by score: the staff who run programmes and viewers."""
    if can_manage(user) or (user.is_authenticated and user.role == Role.VIEWER):
        return ALLOWED
    return refuse(_("Only district staff can see the ranking."))


def can_view_budget(user) -> Decision:
    """The budget usage of a call, clause or policy: staff of the whole district who oversee money."""
    if is_finance(user) or (
        sees_whole_district(user) and (user.is_district_admin or user.role == Role.VIEWER)
    ):
        return ALLOWED
    return refuse(_("Only district-wide staff can see the budget."))


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
        return _finance_scope(apps.filter(state__in=FUNDED_STATES), user)
    if user.role in SCOPED_ROLES:
        return within_scope(apps, user, "org_path")
    return apps.none()


def access_application_by_code(user, code: str) -> Application:
    """The application if `user` may see it; Http404 for missing and forbidden alike."""
    return load_or_404(
        visible_applications(user).select_related("call", "clause", "clause__policy", "enterprise", "batch"),
        code=code,
    )


get_application = access_application_by_code  # the name the services and older callers use


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
    this = Application.objects.filter(pk=application.pk)
    if can_manage(user) and within_scope(this, user, "org_path").exists():
        roles.add("staff")
    if is_finance(user) and _finance_scope(this, user).exists():
        roles.add("finance")
    if (
        user.role == Role.EXPERT
        and application.assignments.filter(expert=user).exists()
        and application.enterprise_id not in conflicted_enterprise_ids(user)
    ):
        roles.add("expert")
    return roles
