"""The cultivation panel of the registry's enterprise page (registered in apps.py through
registry/extensions.py): its rung on the qualification ladder, the next rung and what it lacks for
it; the alerts a certificate about to expire and a missing monthly report raise; the qualifications
on its timeline."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.registry.extensions import Alert, Event
from zerobay.registry.models import Qualification

from .chase.own import missing_now
from .ladder import enterprise_ladder
from .screening import STATUS_LABELS

# A certificate is flagged this many days before it ends: the renewal application (e.g. an HTE's
# re-recognition) has to be filed months ahead.
EXPIRING_WITHIN_DAYS = 180


def ladder_panel(enterprise, user) -> dict:
    today = timezone.localdate()
    ladder = enterprise_ladder(enterprise, today)
    ladder["status_label"] = STATUS_LABELS.get(ladder["status"], "")
    return {"cultivation_ladder": ladder}


def expiring(enterprise, today: datetime.date) -> list[Qualification]:
    """Its valid certificates ending within EXPIRING_WITHIN_DAYS, unless a later one of the same kind
    carries on past that."""
    end = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    valid = list(Qualification.objects.filter(enterprise=enterprise).valid_on(today))
    last = {}
    for q in valid:
        to = q.valid_to or datetime.date.max
        if q.kind not in last or to > (last[q.kind].valid_to or datetime.date.max):
            last[q.kind] = q
    return [q for q in last.values() if q.valid_to is not None and q.valid_to <= end]


def alerts(enterprise, user, today: datetime.date) -> list[Alert]:
    out = [
        Alert(
            "certificate_expiring",
            _("%(kind)s certificate %(number)s expires on %(day)s")
            % {"kind": q.get_kind_display(), "number": q.certificate_no or "", "day": q.valid_to.isoformat()},
            _("a valid certificate ends within %(days)s days and no later one of its kind is recorded")
            % {"days": EXPIRING_WITHIN_DAYS},
            "#qualifications",
        )
        for q in expiring(enterprise, today)
    ]
    month = missing_now(enterprise, today)
    if month is not None:
        own = user.is_enterprise_user
        out.append(
            Alert(
                "monthly_report_missing",
                _("The monthly report for %(period)s is missing (due %(deadline)s)")
                % {"period": month.period, "deadline": month.deadline.isoformat()},
                _("the enterprise must report monthly and the month being chased has no report"),
                reverse("reporting-mine") if own else "",
            )
        )
    return out


def events(enterprise, user, today: datetime.date) -> list[Event]:
    kind = _("Qualification")
    return [
        Event(
            q.valid_from,
            kind,
            _("%(kind)s recognised (certificate %(number)s)")
            % {"kind": q.get_kind_display(), "number": q.certificate_no or "—"},
            "#qualifications",
        )
        for q in Qualification.objects.filter(enterprise=enterprise, valid_from__isnull=False)
    ]
