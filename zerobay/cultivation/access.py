"""Who screens which part of the district and whose cultivation page they see (zerobay.access
conventions): an unknown and a forbidden org unit or enterprise answer the same 404."""

from django.http import Http404
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, refuse
from zerobay.accounts.scope import NOTHING, scope_path
from zerobay.registry.access import access_enterprise_by_uscc, visible_org_units
from zerobay.registry.models import Enterprise, OrgUnit


def access_scope_by_org_code(user, org_code: str | None = None) -> tuple[str, OrgUnit | None]:
    """(org path, org unit or None) the user may screen; 404 for users who see no district data and
    for an org unit outside their scope."""
    if not user.sees_enterprise_figures:
        raise Http404("No such scope")
    if org_code:
        unit = visible_org_units(user).filter(code=org_code).first()
        if unit is None:
            raise Http404("No such org unit")
        return unit.path, unit
    prefix = scope_path(user)
    return ("/" if prefix == NOTHING else (prefix or "")), None


def access_cultivated_enterprise_by_uscc(user, uscc: str) -> Enterprise:
    """An enterprise user sees its own enterprise only; staff the enterprises of their scope."""
    if user.is_enterprise_user:
        own = getattr(user, "enterprise", None)
        if own is None or own.uscc != uscc.strip().upper():
            raise Http404("No such enterprise")
        return own
    if not user.sees_enterprise_figures:
        raise Http404("No such enterprise")
    return access_enterprise_by_uscc(user, uscc)


def can_follow_reporting(user) -> Decision:
    """The reporting chase and 升规纳统 pages: district staff, not enterprise users nor experts."""
    if user.is_authenticated and user.sees_enterprise_figures:
        return ALLOWED
    return refuse(_("This page is for district staff."))


def can_see_own_reporting(user) -> Decision:
    """An enterprise user's own monthly reporting page."""
    if user.is_authenticated and user.is_enterprise_user and user.enterprise_id:
        return ALLOWED
    return refuse(_("This page is for enterprise users."))


def can_send_reminders(user) -> Decision:
    if can_follow_reporting(user) and user.can_import:
        return ALLOWED
    return refuse(_("This account is read-only and cannot send reminders."))


def can_set_deadlines(user) -> Decision:
    if can_follow_reporting(user) and user.is_district_admin:
        return ALLOWED
    return refuse(_("Only district administrators can set reporting deadlines."))
