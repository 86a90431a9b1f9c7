"""The carrier panel of the registry's enterprise page (registered in apps.py through
registry/extensions.py): the carriers it sits or sat in, each linked where the viewer may open the
carrier, and its entries and departures on the timeline."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.registry.extensions import Event

from .access import visible_carriers
from .models import Residency


def _residencies(enterprise, user) -> list[Residency]:
    """Its residencies, newest first, each with `url`: the carrier's page where `user` may open it."""
    residencies = list(
        Residency.objects.filter(enterprise=enterprise).select_related("carrier").order_by("-entered_on")
    )
    openable = set(
        visible_carriers(user).filter(pk__in={r.carrier_id for r in residencies}).values_list("pk", flat=True)
    )
    for r in residencies:
        r.url = reverse("carrier-detail", args=[r.carrier_id]) if r.carrier_id in openable else ""
    return residencies


def carrier_panel(enterprise, user) -> dict:
    return {"carrier_residencies": _residencies(enterprise, user)}


def events(enterprise, user, today: datetime.date) -> list[Event]:
    out = []
    for r in _residencies(enterprise, user):
        url = r.url
        out.append(
            Event(r.entered_on, _("Carrier"), _("Entered %(carrier)s") % {"carrier": r.carrier.name}, url)
        )
        if r.left_on:
            out.append(
                Event(r.left_on, _("Carrier"), _("Left %(carrier)s") % {"carrier": r.carrier.name}, url)
            )
    return out
