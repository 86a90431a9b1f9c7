"""Who sees and moves which service request.

- district admins: every request; they dispatch (reroute, merge, close);
- district viewers (leadership) see every request, operators those of enterprises in their subtree;
- an enterprise user: its own enterprise's requests;
- a unit's liaison: the requests routed to its unit or on which it is a co-unit;
- everyone else: none. A request outside the user's scope is a 404, like a missing one.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.models import Role
from zerobay.accounts.scope import within_scope

from .models import ServiceRequest


def visible_requests(user, queryset: QuerySet[ServiceRequest] | None = None) -> QuerySet[ServiceRequest]:
    qs = ServiceRequest.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser or user.role == Role.DISTRICT_ADMIN:
        return qs
    if user.role == Role.ENTERPRISE:
        return qs.filter(enterprise_id=user.enterprise_id) if user.enterprise_id else qs.none()
    if user.role == Role.UNIT_LIAISON:
        if not user.unit_id:
            return qs.none()
        co = ServiceRequest.co_units.through.objects.filter(unit_id=user.unit_id).values("servicerequest_id")
        return qs.filter(Q(unit_id=user.unit_id) | Q(pk__in=co))
    if user.role in (Role.VIEWER, Role.OPERATOR):
        return within_scope(qs, user, "org_path")
    return qs.none()


def access_request_by_id(user, pk, queryset: QuerySet[ServiceRequest] | None = None) -> ServiceRequest:
    return load_or_404(visible_requests(user, queryset), pk=pk)


def is_dispatcher(user) -> bool:
    """The commission's staff who route, reroute, merge and close requests."""
    return user.is_authenticated and user.is_district_admin


def actor_roles(user, req: ServiceRequest) -> set[str]:
    """The workflow roles `user` holds on `req` (see workflow.py)."""
    roles: set[str] = set()
    if not user.is_authenticated:
        return roles
    if user.role == Role.ENTERPRISE and user.enterprise_id == req.enterprise_id:
        roles.add("enterprise")
    if user.role == Role.UNIT_LIAISON and user.unit_id and user.unit_id == req.unit_id:
        roles.add("unit")
    if is_dispatcher(user):
        roles.add("staff")
    return roles


def can_see_requests(user) -> Decision:
    if not user.is_authenticated:
        return refuse(_("Log in to see service requests"))
    if user.is_district_admin or user.role in (Role.VIEWER, Role.OPERATOR):
        return ALLOWED
    if user.role == Role.ENTERPRISE and user.enterprise_id:
        return ALLOWED
    if user.role == Role.UNIT_LIAISON and user.unit_id:
        return ALLOWED
    return refuse(_("Service requests are for enterprises, working units and the commission"))


def can_raise_request(user) -> Decision:
    """An enterprise user for its enterprise; the commission's staff on an enterprise's behalf."""
    if user.is_authenticated and (
        is_dispatcher(user) or (user.role == Role.ENTERPRISE and user.enterprise_id)
    ):
        return ALLOWED
    return refuse(_("Only an enterprise, or the commission on its behalf, can raise a service request"))


def can_see_dashboard(user) -> Decision:
    if user.is_authenticated and (user.is_district_admin or user.role in (Role.VIEWER, Role.OPERATOR)):
        return ALLOWED
    return refuse(_("The service dashboard is for the commission and the operators"))


def active_units_except(unit_id):
    """The units a request can be rerouted to."""
    from zerobay.registry.models import Unit

    return Unit.objects.filter(active=True).exclude(pk=unit_id)


def staff_scope(user, queryset: QuerySet) -> QuerySet:
    """Key enterprises and visits (rows with `org_path`): the commission everything, district viewers
    and operators their subtree, nobody else anything."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser or user.role == Role.DISTRICT_ADMIN:
        return queryset
    if user.role in (Role.VIEWER, Role.OPERATOR):
        return within_scope(queryset, user, "org_path")
    return queryset.none()


def can_see_key_enterprises(user) -> Decision:
    return can_see_dashboard(user)


def can_manage_key_enterprises(user) -> Decision:
    """Hand changes, officers, the rule's refresh and visits: the commission."""
    if is_dispatcher(user):
        return ALLOWED
    return refuse(_("Only the commission manages key enterprises and visits"))
