"""The programme-support panel of the registry's enterprise page (registered in apps.py through
registry/extensions.py): the enterprise's applications the viewer may see, with the amounts
requested, approved and paid, their sums, and the submissions and payments on its timeline."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.registry.extensions import Event
from zerobay.registry.formatting import format_money_wan

from .models import Payment
from .services.access import visible_applications


def _applications(enterprise, user):
    return visible_applications(user).filter(enterprise=enterprise)


def support_panel(enterprise, user) -> dict:
    apps = list(
        _applications(enterprise, user)
        .select_related("call", "clause", "clause__policy")
        .order_by("-submitted_at", "-id")
    )
    return {
        "programme_applications": apps,
        "programme_totals": {
            "applications": len(apps),
            "approved": sum((a.approved_amount or Decimal(0) for a in apps), Decimal(0)),
            "paid": sum((a.paid_amount for a in apps), Decimal(0)),
        },
    }


def events(enterprise, user, today: datetime.date) -> list[Event]:
    apps = _applications(enterprise, user)
    out = [
        Event(
            a.submitted_at.date(),
            _("Programme"),
            _("Application %(code)s submitted: %(clause)s") % {"code": a.code, "clause": a.clause.title},
            reverse("programs-application", args=[a.code]),
        )
        for a in apps.filter(submitted_at__isnull=False).select_related("clause")
    ]
    out += [
        Event(
            p.paid_on,
            _("Programme"),
            _("%(amount)s (10k yuan) paid on application %(code)s")
            % {"amount": format_money_wan(p.amount), "code": p.application.code},
            reverse("programs-application", args=[p.application.code]),
        )
        for p in Payment.objects.filter(application__in=apps).select_related("application")
    ]
    return out
