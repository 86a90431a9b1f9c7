"""Who may read what of the accounts app (checks in the shape of zerobay.access)."""

from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, refuse


def can_read_audit(user) -> Decision:
    """The audit log: district admins (everything) and operators (their subtree)."""
    if not user.can_import:
        return refuse(_("Only administrators and operators may read the audit log."))
    return ALLOWED
