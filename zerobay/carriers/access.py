"""Who sees which carrier. Staff see the carriers of their org-unit scope (the registry's rule); a
carrier operator sees its own carrier and nothing else. Missing and forbidden answer alike (404)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, load_or_404, refuse
from zerobay.accounts.models import Role
from zerobay.accounts.scope import within_scope
from zerobay.registry.access import visible_carriers as carriers_in_scope
from zerobay.registry.models import Carrier
from zerobay.statistics.models import ImportBatch

from .changes import editable_fields
from .importing import may_import
from .reportform import CARRIER_ANNUAL


def is_carrier_operator(user) -> bool:
    return user.is_authenticated and user.role == Role.CARRIER_OPERATOR and not user.is_superuser


def visible_carriers(user) -> QuerySet[Carrier]:
    if is_carrier_operator(user):
        return Carrier.objects.filter(pk=user.carrier_id) if user.carrier_id else Carrier.objects.none()
    return carriers_in_scope(user)


def access_carrier_by_pk(user, pk) -> Carrier:
    return load_or_404(visible_carriers(user).select_related("org_unit"), pk=pk)


def can_file_statistics(user, carrier: Carrier) -> Decision:
    """The carrier's operator, or staff who import, for a carrier they see (loaded through access)."""
    if not may_import(user):
        return refuse(_("Your role cannot file carrier statistics."))
    if is_carrier_operator(user) and user.carrier_id != carrier.pk:
        return refuse(_("You file only the statistics of your own carrier."))
    return ALLOWED


def can_edit_carrier(user) -> Decision:
    """Staff who import, and a carrier's operator (its own facts; loaded through access first)."""
    return ALLOWED if editable_fields(user) else refuse(_("Your role cannot edit carriers."))


def can_edit_recognitions(user) -> Decision:
    """District and sub-park staff who import record new titles (for carriers they see)."""
    return ALLOWED if user.can_import else refuse(_("Your role cannot record recognitions."))


def visible_batches(user) -> QuerySet[ImportBatch]:
    """Carrier-statistics imports: an operator's own uploads; staff's within their scope."""
    batches = ImportBatch.objects.filter(form=CARRIER_ANNUAL.code)
    if is_carrier_operator(user):
        return batches.filter(created_by=user)
    return within_scope(batches, user, "scope_path")


def access_batch_by_pk(user, pk) -> ImportBatch:
    return load_or_404(visible_batches(user), pk=pk)
