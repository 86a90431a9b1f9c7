"""Scoped access to registry objects.

A district admin (or a user without an org unit who is not an operator) sees the whole district;
a sub-park operator or a scoped viewer sees only the subtree of its org unit. An operator
without an org unit sees nothing. Views load objects only through these functions, and a missing
object and a forbidden one give the same answer (404), so that scope cannot be probed.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.scope import NOTHING, scope_path, within_scope  # noqa: F401 (re-exported)

from .models import Carrier, Enterprise, OrgUnit


def sees_whole_district(user) -> bool:
    return scope_path(user) is None


def visible_enterprises(user) -> QuerySet[Enterprise]:
    return within_scope(Enterprise.objects.all(), user, "org_path")


def visible_org_units(user) -> QuerySet[OrgUnit]:
    """The org units the user may see; `user=None` is the command line, which sees the district."""
    if user is None:
        return OrgUnit.objects.all()
    return within_scope(OrgUnit.objects.all(), user, "path")


def visible_carriers(user) -> QuerySet[Carrier]:
    return within_scope(Carrier.objects.all(), user, "org_unit__path")


def can_see_path(user, path: str) -> bool:
    prefix = scope_path(user)
    return prefix is None or path.startswith(prefix)


def access_enterprise_by_uscc(user, uscc: str) -> Enterprise:
    """The enterprise if the user may see it (an enterprise user its own one); Http404 for missing
    and forbidden alike."""
    enterprises = visible_enterprises(user)
    if getattr(user, "is_enterprise_user", False) and user.enterprise_id:
        enterprises = Enterprise.objects.filter(pk=user.enterprise_id)
    return load_or_404(enterprises.select_related("org_unit"), uscc=uscc.strip().upper())


def access_org_unit_by_code(user, code: str) -> OrgUnit:
    """The org unit if the user may see it; Http404 for missing and forbidden alike (the message
    is what the command line prints)."""
    unit = visible_org_units(user).filter(code=code).first()
    if unit is None:
        raise Http404(f"no org unit {code!r} in your scope")
    return unit


def can_edit_enterprise(user, enterprise: Enterprise) -> Decision:
    if not user.can_import:
        return refuse(_("Your role is read-only."))
    if not can_see_path(user, enterprise.org_path):
        return refuse(_("The enterprise is outside your org unit."))
    return ALLOWED
